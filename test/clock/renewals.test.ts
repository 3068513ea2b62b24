// Subscription renewals on the tenant's clock: a year of a monthly plan renews, counts and
// completes; a subscription whose renewals are refused is retried and suspended; every step is
// answered by the clock call in time order and pushed.
import { describe, expect, it } from 'vitest';
import { guideSubscriptionBody, tenantRefs } from '../routes/smart-transaction-helpers.js';
import { clock, DAY_S, frozenDemo, pushesAbout, relogin, START } from './support.js';
import type { ApiResponse } from '../helpers.js';

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<ApiResponse<T>>;

const APPROVING_IBAN = 'DE89370400440532013000';
const RENEWAL_DECLINED_IBAN = 'DE78370400440532013004';

/** A subscription bought now (no start_at: it starts at the purchase), paid by debit from `iban` and captured. */
async function subscribe(call: Call, iban: string): Promise<string> {
  const body = guideSubscriptionBody(await tenantRefs(call));
  delete (body.basket.products[0] as { start_at?: string }).start_at;
  const stx = (await call('POST', '/Smart/Transactions', body)).body;
  const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {
    container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban } },
  });
  expect(prepared.status).toBe(200);
  expect((await call('POST', `/Smart/Transactions/${stx.id}/start`)).body.status).toBe('ok');
  return prepared.body.subscription.id;
}

async function renewalsOf(call: Call, subId: string) {
  const res = await call('GET', `/Payment/Transactions?q=subscription.id:${subId}&count=100`);
  // The purchase's own payment carries the subscription too: renewals are the later ones.
  return res.body.data.filter((p: { created: string }) => p.created > START);
}

describe('subscription renewals', () => {
  it('the purchase pays the first month: one cycle counted, the next billing a month after start_at', async () => {
    const { app, call } = await frozenDemo();
    const subId = await subscribe(call, APPROVING_IBAN);
    const sub = (await call('GET', `/Payment/Subscriptions/${subId}`)).body;
    expect(sub).toMatchObject({
      status: 'active',
      start_at: START,
      billing_cycles: {
        cycle_executions: [{ sequence: 1, tenure_type: 'regular', total_cycles: 12, cycles_completed: 1, cycles_remaining: 11 }],
        next_billing_time: '2026-02-15T10:00:00+01:00',
      },
    });
    await app.close();
  });

  it('a year of renewals: eleven renewals and the completion of a 12-month plan, one subscription suspended after its retries', async () => {
    const { app, call: buyer } = await frozenDemo();
    const paying = await subscribe(buyer, APPROVING_IBAN);
    const refused = await subscribe(buyer, RENEWAL_DECLINED_IBAN);

    const { status, body } = await clock(app, { to: '2027-01-15T10:00:00+01:00' });
    expect(status).toBe(200);
    expect(body.now).toEqual({ 'demo-client': '2027-01-15T10:00:00+01:00' });
    // The pushes' own events (manual mode: their expiry) are the outbox's business here.
    const events = (body.events as { event: string }[]).filter((e) => !e.event.startsWith('push.')) as { event: string; at: string; object_id: string; payment_transaction?: string; attempt?: number; reason?: string; amount?: number }[];
    // In time order, whatever the subscription.
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const ofPaying = events.filter((e) => e.object_id === paying);
    const renewed = ofPaying.filter((e) => e.event === 'subscription.renewed');
    expect(renewed.map((e) => e.at)).toEqual([
      '2026-02-15T10:00:00+01:00',
      '2026-03-15T10:00:00+01:00',
      // Summer time: the renewal keeps its local time.
      '2026-04-15T10:00:00+02:00',
      '2026-05-15T10:00:00+02:00',
      '2026-06-15T10:00:00+02:00',
      '2026-07-15T10:00:00+02:00',
      '2026-08-15T10:00:00+02:00',
      '2026-09-15T10:00:00+02:00',
      '2026-10-15T10:00:00+02:00',
      '2026-11-15T10:00:00+01:00',
      '2026-12-15T10:00:00+01:00',
    ]);
    expect(renewed.every((e) => e.amount === 990 && e.payment_transaction?.startsWith('PCI_'))).toBe(true);
    expect(ofPaying.at(-1)).toMatchObject({ event: 'subscription.completed', at: '2027-01-15T10:00:00+01:00' });

    expect(events.filter((e) => e.object_id === refused).map((e) => [e.event, e.at, e.attempt ?? null])).toEqual([
      ['subscription.renewal_failed', '2026-02-15T10:00:00+01:00', 1],
      ['subscription.renewal_failed', '2026-02-16T10:00:00+01:00', 2],
      ['subscription.renewal_failed', '2026-02-18T10:00:00+01:00', 3],
      ['subscription.suspended', '2026-02-18T10:00:00+01:00', null],
    ]);
    expect(events.find((e) => e.object_id === refused)!.reason).toBe('renewal_declined');

    // The state the events describe.
    const call = await relogin(app);
    const done = (await call('GET', `/Payment/Subscriptions/${paying}`)).body;
    expect(done.status).toBe('completed');
    expect(done.billing_cycles.cycle_executions[0]).toMatchObject({ cycles_completed: 12, cycles_remaining: 0 });
    expect(done.billing_cycles.next_billing_time).toBeUndefined();
    const payments = await renewalsOf(call, paying);
    expect(payments).toHaveLength(11);
    for (const p of payments) {
      expect(p).toMatchObject({ amount: 990, currency: 'EUR', product: 'Lastschrift', subscription: { object: 'payment.subscriptions', id: paying } });
      expect(p.details.status_simple).toBe(1);
      expect(renewed.map((e) => e.payment_transaction)).toContain(p.id);
    }
    expect(payments.map((p: { created: string }) => p.created)).toEqual(renewed.map((e) => e.at));

    const suspended = (await call('GET', `/Payment/Subscriptions/${refused}`)).body;
    expect(suspended.status).toBe('suspended');
    expect(suspended.billing_cycles).toMatchObject({ cycle_executions: [{ cycles_completed: 1, cycles_remaining: 11 }], next_billing_time: '2026-02-15T10:00:00+01:00' });
    expect(await renewalsOf(call, refused)).toEqual([]);

    // Pushed: each renewal payment `added`, the suspension and the completion `changed`.
    expect(await pushesAbout(app, payments[0].id)).toEqual([['payment.transactions', 'added']]);
    expect(await pushesAbout(app, refused)).toEqual([['payment.subscriptions', 'changed']]);
    expect(await pushesAbout(app, paying)).toEqual([['payment.subscriptions', 'changed']]);

    // Nothing is left to happen: a suspended subscription renews no more.
    const later = (await clock(app, { advance_seconds: 400 * DAY_S })).body.events;
    expect(later.filter((e: { event: string }) => !e.event.startsWith('push.'))).toEqual([]);
    await app.close();
  });

  it('one clock call stopping anywhere leaves nothing behind: two months in daily steps fire each renewal once', async () => {
    const demo = await frozenDemo();
    const { app } = demo;
    let { call } = demo;
    const subId = await subscribe(call, APPROVING_IBAN);
    const fired = [];
    for (let day = 0; day < 62; day++) fired.push(...(await clock(app, { advance_seconds: DAY_S })).body.events);
    call = await relogin(app);
    const domain = fired.filter((e: { event: string }) => !e.event.startsWith('push.'));
    expect(domain.map((e: { event: string; at: string }) => [e.event, e.at])).toEqual([
      ['subscription.renewed', '2026-02-15T10:00:00+01:00'],
      ['subscription.renewed', '2026-03-15T10:00:00+01:00'],
    ]);
    expect((await call('GET', `/Payment/Subscriptions/${subId}`)).body.billing_cycles.next_billing_time).toBe('2026-04-15T10:00:00+02:00');
    await app.close();
  });
});

describe('what does not renew, and auto_capture', () => {
  it('a subscription captured at once (auto_capture) is billed by its purchase too; a cancelled one never renews', async () => {
    const { app, call } = await frozenDemo();
    const body = guideSubscriptionBody(await tenantRefs(call), true);
    delete (body.basket.products[0] as { start_at?: string }).start_at;
    const stx = (await call('POST', '/Smart/Transactions', body)).body;
    const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban: APPROVING_IBAN } } })).body;
    expect(prepared.status).toBe('ok');
    const auto = prepared.subscription.id;
    expect((await call('GET', `/Payment/Subscriptions/${auto}`)).body).toMatchObject({
      status: 'active',
      billing_cycles: { cycle_executions: [{ cycles_completed: 1, cycles_remaining: 11 }], next_billing_time: '2026-02-15T10:00:00+01:00' },
    });
    const cancelled = await subscribe(call, APPROVING_IBAN);
    const purchase = (await call('GET', `/Payment/Subscriptions/${cancelled}`)).body.smart_transaction.id;
    expect((await call('POST', `/Smart/Transactions/${purchase}/cancel`)).status).toBe(200);
    expect((await call('GET', `/Payment/Subscriptions/${cancelled}`)).body.status).toBe('cancelled');

    const { body: moved } = await clock(app, { to: '2026-02-15T10:00:00+01:00' });
    const renewed = moved.events.filter((e: { event: string }) => e.event === 'subscription.renewed');
    expect(renewed.map((e: { object_id: string }) => e.object_id)).toEqual([auto]);
    await app.close();
  });

  it('a start_at in the past charges no period before the purchase: the next billing is the first boundary after it', async () => {
    const { app, call } = await frozenDemo();
    // The guide's start_at is 2020-03-04.
    const body = guideSubscriptionBody(await tenantRefs(call));
    const stx = (await call('POST', '/Smart/Transactions', body)).body;
    const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban: APPROVING_IBAN } } })).body;
    await call('POST', `/Smart/Transactions/${stx.id}/start`);
    const sub = (await call('GET', `/Payment/Subscriptions/${prepared.subscription.id}`)).body;
    expect(sub.billing_cycles).toMatchObject({ cycle_executions: [{ cycles_completed: 1 }], next_billing_time: '2026-02-04T01:00:00+01:00' });
    const { body: moved } = await clock(app, { advance_seconds: 0 });
    expect(moved.events.filter((e: { event: string }) => !e.event.startsWith('push.'))).toEqual([]);
    await app.close();
  });
});

describe('renewals that come back', () => {
  it('a renewal debited from the debit_returned IBAN is returned 5 days later within the same clock call', async () => {
    const { app, call: buyer } = await frozenDemo();
    const subId = await subscribe(buyer, 'DE35370400440532013002');
    const purchase = (await buyer('GET', `/Payment/Subscriptions/${subId}`)).body.smart_transaction.id;
    const purchasePayment = (await buyer('GET', `/Smart/Transactions/${purchase}`)).body.transactions[0].id;
    const { body } = await clock(app, { to: '2026-02-21T00:00:00+01:00' });
    const events = body.events.filter((e: { event: string }) => !e.event.startsWith('push.'));
    const renewal = events.find((e: { event: string }) => e.event === 'subscription.renewed').payment_transaction;
    expect(events.map((e: { event: string; at: string; object_id: string }) => [e.event, e.at, e.object_id])).toEqual([
      ['payment.debit_returned', '2026-01-20T10:00:00+01:00', purchasePayment],
      ['subscription.renewed', '2026-02-15T10:00:00+01:00', subId],
      ['payment.debit_returned', '2026-02-20T10:00:00+01:00', renewal],
    ]);
    const call = await relogin(app);
    expect((await call('GET', `/Payment/Transactions/${renewal}`)).body).toMatchObject({ status: 11, details: { status_simple: 4 }, subscription: { id: subId } });
    // The subscription goes on: the shop learns of the return from the push.
    expect((await call('GET', `/Payment/Subscriptions/${subId}`)).body.status).toBe('active');
    await app.close();
  });
});

describe('POST /__mock/clock', () => {
  it('moves to a time, never backwards: an earlier `to`, both or neither of to/advance_seconds, or a `to` that is no time are 400 and move nothing', async () => {
    const { app, tenant } = await frozenDemo();
    expect((await clock(app, { to: '2026-02-01T00:00:00+01:00' })).status).toBe(200);
    const now = tenant.clock.now();
    expect(now).toBe(Date.parse('2026-02-01T00:00:00+01:00'));
    for (const body of [{ to: START }, { to: 'tomorrow' }, { to: START, advance_seconds: 1 }, {}, { to: 'x'.repeat(65) }]) {
      const res = await clock(app, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.status).toBe('error');
      expect(tenant.clock.now()).toBe(now);
    }
    expect((await clock(app, { to: START })).body.error_details).toContain('never goes back');
    await app.close();
  });
});
