import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { providerStates } from '../../server/control/provider-states/catalogue.js';

let app: FastifyInstance;

beforeEach(async () => {
  app = await buildApp({ logLevel: 'silent', checkResponses: true });
});

async function state(name: string, params: Record<string, unknown> = {}, action?: 'setup' | 'teardown') {
  const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state: name, params, ...(action && { action }) } });
  return { status: res.statusCode, body: res.json() };
}

async function get(token: string, path: string) {
  const res = await app.inject({ url: `/api/v2${path}`, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
}

const id = (prefix: string, name: string) => `${prefix}_${name.padEnd(30, '0')}`;

describe('POST /__mock/provider-states', () => {
  // `a client with credentials` needs the secret of the existing default client (test/hardening/provider-state-trust.test.ts).
  // The token states belong to no tenant (test/control/verification-session.test.ts).
  it.each(Object.keys(providerStates).filter((n) => n !== 'a client with credentials' && !providerStates[n].noTenant))('sets up "%s" with default parameters and answers a valid token', async (name) => {
    const res = await state(name);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.client_id).toBe('demo-client');
    expect((await get(res.body.token, '/General/Merchants/me')).status).toBe(200);
  });

  it('uses the ids it is given, so the objects are read back under exactly those ids', async () => {
    const stx = id('STX', 'PAID');
    const pci = id('PCI', 'PAID');
    const { body } = await state('a smart transaction', { id: stx, status: 'ok', amount: 2500, payment_transaction_id: pci });
    expect(body).toMatchObject({ id: stx, status: 'ok', payment_transaction_id: pci });
    const read = await get(body.token, `/Smart/Transactions/${stx}`);
    expect(read.body).toMatchObject({ id: stx, status: 'ok', basket_info: { sum: 2500, currency: 'EUR' }, transactions: [{ id: pci }] });
    expect((await get(body.token, `/Payment/Transactions/${pci}`)).body).toMatchObject({ id: pci, amount: 2500 });
  });

  it.each(['created', 'approved', 'ok', 'cancelled', 'failed'])('drives a Smart Transaction to %s through the lifecycle', async (status) => {
    const { body } = await state('a smart transaction', { id: id('STX', status.toUpperCase()), status });
    expect((await get(body.token, `/Smart/Transactions/${body.id}`)).body.status).toBe(status);
  });

  it.each(['approved', 'active', 'cancelled', 'suspended', 'completed'])('makes a %s subscription with its Smart Transaction', async (status) => {
    const sub = id('SUB', status.toUpperCase());
    const stx = id('STX', `SUB${status.toUpperCase()}`);
    const { body } = await state('a subscription', { id: sub, status, smart_transaction_id: stx });
    expect((await get(body.token, `/Payment/Subscriptions/${sub}`)).body).toMatchObject({ id: sub, status, smart_transaction: { id: stx } });
    expect((await get(body.token, `/Smart/Transactions/${stx}`)).body.subscription).toEqual({ object: 'payment.subscriptions', id: sub });
  });

  it('makes a recurring card payment (CIT) with a tokenised card, and the MIT naming it prepares at once', async () => {
    const [cit, pci, card, mit] = [id('STX', 'CIT'), id('PCI', 'CIT'), id('PCT', 'CARD'), id('STX', 'MIT')];
    const { status, body } = await state('a recurring card payment', { id: cit, payment_transaction_id: pci, container_id: card, mit_smart_transaction_id: mit });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ id: cit, payment_transaction_id: pci, container_id: card, mit_smart_transaction_id: mit });
    expect((await get(body.token, `/Smart/Transactions/${cit}`)).body).toMatchObject({
      status: 'ok',
      transactions: [{ id: pci }],
      container: { id: card, type: 'credit_card', token_status: { status: 'active' } },
      payment_context: { mit_instructions: { type: 'cit', standing_instruction: 'recurring', recurring_frequency: 30, recurring_expiry: '2035-12-31' } },
    });
    expect((await get(body.token, `/Smart/Transactions/${mit}`)).body).toMatchObject({
      status: 'created',
      payment_context: { merchant_initiated: true, mit_instructions: { type: 'mit', cit_reference: pci } },
    });
    const prepared = await app.inject({
      method: 'POST',
      url: `/api/v2/Smart/Transactions/${mit}/prepare/creditcard`,
      headers: { authorization: `Bearer ${body.token}` },
      payload: { container: { id: card } },
    });
    expect(prepared.statusCode).toBe(200);
    expect(prepared.json()).toMatchObject({ status: 'approved', container: { id: card } });
    expect(prepared.json().iframe_url).toBeUndefined();
  });

  it('makes a bank-account container for the customer it names', async () => {
    const { body } = await state('a payment container', { id: id('PCT', 'ACCOUNT'), customer_id: id('PCU', 'OWNER') });
    const read = await get(body.token, `/Payment/Containers/${id('PCT', 'ACCOUNT')}`);
    expect(read.body).toMatchObject({ type: 'bank_account', customer: { id: id('PCU', 'OWNER') }, private: { iban: 'DE89370400440532013000' } });
  });

  it('replaces an existing object with the same id', async () => {
    const stx = id('STX', 'TWICE');
    await state('a smart transaction', { id: stx, status: 'ok' });
    const { body } = await state('a smart transaction', { id: stx, status: 'created', amount: 100 });
    expect((await get(body.token, `/Smart/Transactions/${stx}`)).body).toMatchObject({ status: 'created', transactions: [] });
    await state('a payment container', { id: id('PCT', 'SAME'), customer_id: id('PCU', 'SAME') });
    expect((await state('a payment container', { id: id('PCT', 'SAME'), customer_id: id('PCU', 'SAME') })).status).toBe(200);
  });

  it('removes a Smart Transaction for "no smart transaction"', async () => {
    const stx = id('STX', 'GONE');
    await state('a smart transaction', { id: stx });
    const { body } = await state('no smart transaction', { id: stx });
    expect((await get(body.token, `/Smart/Transactions/${stx}`)).status).toBe(404);
  });

  it('puts states into the tenant named by client_id, out of the others’ sight', async () => {
    const client = await state('a client with credentials', { client_id: 'shop-a', client_secret: 'a-secret' });
    expect(client.status).toBe(200);
    const token = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'shop-a', client_secret: 'a-secret' } });
    expect(token.statusCode).toBe(200);
    const stx = id('STX', 'SHOPA');
    const { body } = await state('a smart transaction', { client_id: 'shop-a', id: stx, status: 'approved' });
    expect((await get(body.token, `/Smart/Transactions/${stx}`)).status).toBe(200);
    const demo = await state('a payment customer');
    expect((await get(demo.body.token, `/Smart/Transactions/${stx}`)).status).toBe(404);
  });

  it('refuses another secret for an existing client', async () => {
    const res = await state('a client with credentials', { client_id: 'demo-client', client_secret: 'wrong' });
    expect(res.status).toBe(400);
    expect(res.body.error_details).toContain('exists with another secret');
  });

  it('answers 400 naming the known states for an unknown state', async () => {
    const res = await state('a transaction');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', error: 'ProductFormatException' });
    for (const name of Object.keys(providerStates)) expect(res.body.error_details).toContain(`"${name}"`);
  });

  it('answers 400 naming the parameter for an unknown parameter or a bad value', async () => {
    expect((await state('a smart transaction', { amout: 5 })).body.error_details).toMatch(/unknown parameter amout; this state takes id, status/);
    expect((await state('a smart transaction', { status: 'shipped' })).body.error_details).toMatch(/status must be one of created, approved, ok, cancelled, failed/);
    expect((await state('a smart transaction', { amount: 'lots' })).body.error_details).toMatch(/amount must be an integer/);
    expect((await state('a smart transaction', { id: id('STX', 'STRINGS'), amount: '500', auto_capture: 'true', status: 'ok' })).status).toBe(200);
  });

  it('leaves the tenant as it was when a setup fails', async () => {
    const { body } = await state('a payment customer');
    const before = (await get(body.token, '/Smart/Transactions?count=100')).body.count;
    const res = await state('a smart transaction', { id: id('STX', 'DECLINED'), status: 'ok', amount: 9901 });
    expect(res.status).toBe(400);
    expect(res.body.error_details).toMatch(/reached status failed, not ok \(amount 9901 is declined\)/);
    expect((await get(body.token, '/Smart/Transactions?count=100')).body.count).toBe(before);
  });

  it('tears down to the tenant as it was before the interaction’s first state', async () => {
    const { body } = await state('a payment customer');
    const before = (await get(body.token, '/Smart/Transactions?count=100')).body;
    await state('a smart transaction', { id: id('STX', 'ONE'), status: 'ok' });
    await state('a subscription', { id: id('SUB', 'ONE') });
    expect((await state('a smart transaction', {}, 'teardown')).status).toBe(200);
    expect((await get(body.token, '/Smart/Transactions?count=100')).body).toEqual(before);
  });

  it('sets up the default tenant for an interaction without a state', async () => {
    const res = await state('');
    expect(res.status).toBe(200);
    expect(res.body.client_id).toBe('demo-client');
  });
});
