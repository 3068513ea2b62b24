// Payments that change days later on the tenant's clock: a debit from the debit_returned IBAN
// comes back 5 days after capture, an advance payment of 9910 cents arrives 3 days after it was
// requested; each with its status change, its push and the clock's event.
import { describe, expect, it } from 'vitest';
import { saleBody } from '../routes/smart-transaction-helpers.js';
import type { ApiResponse } from '../helpers.js';
import { clock, DAY_S, frozenDemo, pushesAbout, relogin } from './support.js';

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<ApiResponse<T>>;

const RETURNED_IBAN = 'DE35370400440532013002';
const APPROVING_IBAN = 'DE89370400440532013000';

const withPush = (extra: Record<string, unknown>) =>
  saleBody({
    basket: undefined,
    application_context: { return_urls: { url_push: 'https://shop.example.com/push' } },
    ...extra,
  });

/** A captured debit sale from `iban`; answers its payment transaction's id. */
async function capturedDebit(call: Call, iban: string): Promise<string> {
  const stx = (await call('POST', '/Smart/Transactions', withPush({ basket_info: { sum: 8400, currency: 'EUR' }, container: { type: 'bank_account', private: { owner: 'Max Muster', iban } } }))).body;
  await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {});
  const started = (await call('POST', `/Smart/Transactions/${stx.id}/start`)).body;
  expect(started.status).toBe('ok');
  return started.transactions[0].id;
}

/** A pending advance payment of `sum`; answers the Smart Transaction and its payment transaction. */
async function advancePayment(call: Call, sum: number) {
  const stx = (await call('POST', '/Smart/Transactions', withPush({ basket_info: { sum, currency: 'EUR' } }))).body;
  const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/prepaid`, {})).body;
  expect(prepared.status).toBe('pending');
  return { stxId: stx.id as string, pciId: prepared.transactions[0].id as string };
}

const domainEvents = (events: { event: string }[]) => events.filter((e) => !e.event.startsWith('push.'));

describe('a debit that comes back', () => {
  it('is returned 5 days after capture: status 11 Rücklastschrift, status_simple 4, pushed changed; a debit from another IBAN stays', async () => {
    const { app, call: shop } = await frozenDemo();
    const returned = await capturedDebit(shop, RETURNED_IBAN);
    const kept = await capturedDebit(shop, APPROVING_IBAN);
    const pushesBefore = await pushesAbout(app, returned);

    expect(domainEvents((await clock(app, { advance_seconds: 5 * DAY_S - 1 })).body.events)).toEqual([]);
    let call = await relogin(app);
    expect((await call('GET', `/Payment/Transactions/${returned}`)).body.details.status_simple).toBe(1);

    const { body } = await clock(app, { advance_seconds: 1 });
    expect(domainEvents(body.events)).toEqual([
      { event: 'payment.debit_returned', at: '2026-01-20T10:00:00+01:00', client_id: 'demo-client', object_id: returned, amount: 8400 },
    ]);
    call = await relogin(app);
    const pci = (await call('GET', `/Payment/Transactions/${returned}`)).body;
    expect(pci).toMatchObject({ status: 11, status_text: 'Rücklastschrift', details: { status_simple: 4, status_simple_text: 'issue' } });
    expect(pci.updated).toBe('2026-01-20T10:00:00+01:00');
    expect(JSON.stringify(pci)).not.toContain('debitReturn');
    expect(await pushesAbout(app, returned)).toEqual([...pushesBefore, ['payment.transactions', 'changed']]);
    expect((await call('GET', `/Payment/Transactions/${kept}`)).body.details.status_simple).toBe(1);

    // Once returned it is done: later clock moves leave it.
    expect(domainEvents((await clock(app, { advance_seconds: 30 * DAY_S })).body.events)).toEqual([]);
    await app.close();
  });

  it('a debit that was never captured does not come back', async () => {
    const { app, call } = await frozenDemo();
    const stx = (await call('POST', '/Smart/Transactions', withPush({ basket_info: { sum: 8400, currency: 'EUR' }, container: { type: 'bank_account', private: { owner: 'Max Muster', iban: RETURNED_IBAN } } }))).body;
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {});
    expect(domainEvents((await clock(app, { advance_seconds: 10 * DAY_S })).body.events)).toEqual([]);
    expect(app.store.tenant('demo-client')!.paymentTransactions.toArray().at(-1)).toMatchObject({ state: 'authorized', debitReturn: 'due' });
    await app.close();
  });
});

describe('an advance payment that arrives by itself', () => {
  it('of 9910 cents settles 3 days after it was requested: the Smart Transaction ok, the payment accepted and pushed changed', async () => {
    const { app, call: shop } = await frozenDemo();
    const { stxId, pciId } = await advancePayment(shop, 9910);
    const other = await advancePayment(shop, 9904);

    expect(domainEvents((await clock(app, { advance_seconds: 3 * DAY_S - 1 })).body.events)).toEqual([]);
    const { body } = await clock(app, { advance_seconds: 1 });
    expect(domainEvents(body.events)).toEqual([
      { event: 'payment.settled', at: '2026-01-18T10:00:00+01:00', client_id: 'demo-client', object_id: pciId, amount: 9910 },
    ]);
    const call = await relogin(app);
    expect((await call('GET', `/Smart/Transactions/${stxId}`)).body.status).toBe('ok');
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toMatchObject({ status: 6, details: { status_simple: 1 } });
    expect(await pushesAbout(app, pciId)).toEqual([
      ['payment.transactions', 'added'],
      ['payment.transactions', 'changed'],
    ]);
    // Any other sum waits for POST /__mock/smart-transactions/{id}/settle.
    expect((await call('GET', `/Smart/Transactions/${other.stxId}`)).body.status).toBe('pending');
    await app.close();
  });

  it('settled or cancelled before its day, nothing happens when the day comes', async () => {
    const { app, call } = await frozenDemo();
    const cancelled = await advancePayment(call, 9910);
    expect((await call('POST', `/Smart/Transactions/${cancelled.stxId}/cancel`)).status).toBe(200);
    const settled = await advancePayment(call, 9910);
    expect((await app.inject({ method: 'POST', url: `/__mock/smart-transactions/${settled.stxId}/settle`, payload: {} })).statusCode).toBe(200);
    expect(domainEvents((await clock(app, { advance_seconds: 4 * DAY_S })).body.events)).toEqual([]);
    await app.close();
  });
});
