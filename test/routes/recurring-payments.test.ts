// Recurring payments, as the integration guide describes them: the first payment (CIT) with
// mit_instructions and container_instructions, approved by the payer on the checkout page, leaves
// a card container with an active token; later payments (MIT) name the first in cit_reference and
// are authorised with prepare/creditcard {container} at once.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, expectEnvelope, OTHER, pageUrl, tokenFor } from '../helpers.js';
import { counts, INLINE_ACCOUNT } from './smart-transaction-helpers.js';

type Call = Awaited<ReturnType<typeof demoApi>>['call'];

const CONTACT = { forename: 'Max', surname: 'Mustermann', email: 'max@example.com' };
const basket = (sum: number) => ({
  basket: { products: [{ id: 1, desc: 'Monthly box', quantity: 1, priceOne: sum }] },
  basket_info: { sum, currency: 'EUR' },
});

/** The guide's first payment: a card, recurring every 30 days until 2035, a token requested. */
const citBody = (mit: Record<string, unknown> = {}) => ({
  customer: { contact: CONTACT },
  ...basket(1990),
  payment_context: {
    auto_capture: true,
    mit_instructions: { type: 'cit', standing_instruction: 'recurring', recurring_expiry: '2035-12-31', recurring_frequency: 30, ...mit },
    container_instructions: { request_token: true },
  },
});

const mitBody = (citReference: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...basket(1990),
  payment_context: {
    merchant_initiated: true,
    mit_instructions: { type: 'mit', ...(citReference !== undefined && { cit_reference: citReference }) },
    ...extra,
  },
});

function approve(app: FastifyInstance, id: string) {
  return app.inject({ method: 'POST', url: pageUrl(app, id, `/__mock/checkout/${id}/approve`), headers: { accept: 'application/json' } });
}

/** The CIT through the checkout page: its Smart Transaction, PCI_ and the tokenised PCT_. */
async function firstPayment(app: FastifyInstance, call: Call, body: unknown = citBody()) {
  const created = await call('POST', '/Smart/Transactions', body);
  expect(created.status).toBe(200);
  const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/creditcard`);
  expect(prepared.body).toMatchObject({ status: 'created' });
  expect(prepared.body.iframe_url).toContain('/__mock/checkout/');
  expect((await approve(app, created.body.id)).statusCode).toBe(200);
  const stx = (await call('GET', `/Smart/Transactions/${created.body.id}`)).body;
  return { stx, pciId: stx.transactions[0].id as string, containerId: stx.container.id as string };
}

describe('the first payment (CIT)', () => {
  it('is approved by the payer as today and leaves a card container with an active token', async () => {
    const { app, call } = await demoApi();
    const { stx, containerId } = await firstPayment(app, call);
    expect(stx).toMatchObject({
      status: 'ok',
      payment_context: { mit_instructions: { type: 'cit', standing_instruction: 'recurring', recurring_frequency: 30 } },
      container: { type: 'credit_card', token_status: { status: 'active' } },
    });
    const container = (await call('GET', `/Payment/Containers/${containerId}`)).body;
    expect(container).toMatchObject({ type: 'credit_card', token_status: { status: 'active', version: '1' } });
    expect(container.token_status.created).toMatch(/[+-]\d{2}:\d{2}$/);
  });

  it('leaves no token when none was requested', async () => {
    const { app, call } = await demoApi();
    const body = citBody();
    delete (body.payment_context as Record<string, unknown>).container_instructions;
    const { containerId } = await firstPayment(app, call, body);
    expect((await call('GET', `/Payment/Containers/${containerId}`)).body.token_status).toBeUndefined();
  });

  it('takes ucof without a frequency; refuses recurring without one and an expiry in the past, storing nothing', async () => {
    const { call } = await demoApi();
    expect((await call('POST', '/Smart/Transactions', citBody({ standing_instruction: 'ucof', recurring_frequency: undefined }))).status).toBe(200);
    const before = await counts(call);
    const noFrequency = await call('POST', '/Smart/Transactions', citBody({ recurring_frequency: undefined }));
    expectEnvelope(noFrequency, 400, 'ProductFormatException');
    expect(noFrequency.body.error_details).toContain('recurring_frequency is required');
    const past = await call('POST', '/Smart/Transactions', citBody({ recurring_expiry: '2001-01-31' }));
    expectEnvelope(past, 400, 'ProductFormatException');
    expect(past.body.error_details).toContain('recurring_expiry 2001-01-31 lies in the past');
    expectEnvelope(await call('POST', '/Smart/Transactions', citBody({ standing_instruction: 'sometimes' })), 400, 'ProductFormatException');
    expectEnvelope(await call('POST', '/Smart/Transactions', citBody({ recurring_expiry: 'next year' })), 400, 'ProductFormatException');
    expect(await counts(call)).toEqual(before);
  });
});

describe('later payments (MIT)', () => {
  it('are approved at once with the first payment’s container: no iframe_url, a payment transaction on the card', async () => {
    const { app, call } = await demoApi();
    const { pciId, containerId } = await firstPayment(app, call);
    const created = await call('POST', '/Smart/Transactions', mitBody(pciId));
    expect(created.status).toBe(200);
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/creditcard`, { container: { id: containerId } });
    expect(prepared.status).toBe(200);
    expect(prepared.body).toMatchObject({ status: 'approved', container: { id: containerId, type: 'credit_card' } });
    expect(prepared.body.iframe_url).toBeUndefined();
    expect(prepared.body.transactions).toHaveLength(1);
    const pci = (await call('GET', `/Payment/Transactions/${prepared.body.transactions[0].id}`)).body;
    expect(pci).toMatchObject({ product: 'Kreditkarte', amount: 1990, status: 9, details: { status_simple: 2 } });
    expect((await call('POST', `/Smart/Transactions/${created.body.id}/start`)).body.status).toBe('ok');
  });

  it('are captured at once with auto_capture', async () => {
    const { app, call } = await demoApi();
    const { pciId, containerId } = await firstPayment(app, call);
    const created = await call('POST', '/Smart/Transactions', mitBody(pciId, { auto_capture: true }));
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/creditcard`, { container: { id: containerId } });
    expect(prepared.body.status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${prepared.body.transactions[0].id}`)).body.status).toBe(6);
  });

  it('refuse a missing, unknown, foreign or non-CIT cit_reference with a 400, storing nothing', async () => {
    const { app, call } = await demoApi();
    const other = apiClient(app, await tokenFor(app, OTHER));
    const foreign = (await firstPayment(app, other)).pciId;
    const plain = (await call('GET', '/Payment/Transactions?q=status:6')).body.data[0].id;
    const before = await counts(call);
    for (const [reference, text] of [
      [undefined, 'cit_reference is required for all merchant-initiated transactions'],
      ['PCI_UNKNOWN', 'is no payment transaction of this merchant'],
      [foreign, 'is no payment transaction of this merchant'],
      [plain, 'is not a customer-initiated first payment'],
    ] as const) {
      const res = await call('POST', '/Smart/Transactions', mitBody(reference));
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details, String(reference)).toContain(text);
    }
    const noInstructions = await call('POST', '/Smart/Transactions', { ...basket(100), payment_context: { merchant_initiated: true } });
    expectEnvelope(noInstructions, 400, 'ProductFormatException');
    expect(await counts(call)).toEqual(before);
  });

  it('refuse the first payment’s expired recurring_expiry on the tenant clock, at create and at prepare', async () => {
    const { app, call } = await demoApi();
    const today = (await call('GET', '/Smart/Transactions?count=1')).body.data[0].created.slice(0, 10);
    const { pciId, containerId } = await firstPayment(app, call, citBody({ recurring_expiry: today }));
    const ready = await call('POST', '/Smart/Transactions', mitBody(pciId));
    expect(ready.status).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: 2 * 86400 } })).statusCode).toBe(200);
    const later = apiClient(app, await tokenFor(app));
    const before = await counts(later);
    const created = await later('POST', '/Smart/Transactions', mitBody(pciId));
    expectEnvelope(created, 400, 'ProductFormatException');
    expect(created.body.error_details).toContain(`expired on ${today}`);
    const prepared = await later('POST', `/Smart/Transactions/${ready.body.id}/prepare/creditcard`, { container: { id: containerId } });
    expectEnvelope(prepared, 400, 'ProductFormatException');
    expect((await later('GET', `/Smart/Transactions/${ready.body.id}`)).body.status).toBe('created');
    expect(await counts(later)).toEqual(before);
  });

  it('refuse a container without an active card token at prepare, leaving the transaction created', async () => {
    const { app, call } = await demoApi();
    const { pciId } = await firstPayment(app, call);
    const untokenised = await firstPayment(app, call, (() => {
      const b = citBody();
      delete (b.payment_context as Record<string, unknown>).container_instructions;
      return b;
    })());
    const created = (await call('POST', '/Smart/Transactions', mitBody(pciId))).body;
    const before = await counts(call);
    for (const container of [{ id: untokenised.containerId }, undefined]) {
      const res = await call('POST', `/Smart/Transactions/${created.id}/prepare/creditcard`, container && { container });
      expectEnvelope(res, 400, 'ProductFormatException');
    }
    expect((await call('GET', `/Smart/Transactions/${created.id}`)).body.status).toBe('created');
    expect(await counts(call)).toEqual(before);
  });

  it('by debit simply reuse the bank-account container', async () => {
    const { call } = await demoApi();
    const first = (await call('POST', '/Smart/Transactions', { ...citBody(), payment_context: { ...citBody().payment_context, auto_capture: false } })).body;
    const paid = (await call('POST', `/Smart/Transactions/${first.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    expect(paid.status).toBe('approved');
    const created = (await call('POST', '/Smart/Transactions', mitBody(paid.transactions[0].id))).body;
    const again = await call('POST', `/Smart/Transactions/${created.id}/prepare/debit`, { container: { id: paid.container.id } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'approved', container: { id: paid.container.id, type: 'bank_account' } });
  });
});

describe('the card token lifecycle', () => {
  it('has an entry for every token status the schema names, and leads from not requested to active', async () => {
    const { cardTokenLifecycle } = await import('../../server/domain/card-token-lifecycle.js');
    const { TOKEN_STATUSES } = await import('../../server/schemas/payment-containers.js');
    const { reachable } = await import('../../server/domain/lifecycle.js');
    expect(Object.keys(cardTokenLifecycle).sort()).toEqual([...TOKEN_STATUSES].sort());
    expect(reachable(cardTokenLifecycle, 'not requested').has('active')).toBe(true);
  });
});
