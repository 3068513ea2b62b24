// POST /Smart/Transactions/{subscriptionId}/updatePaymentContainer: a subscription pays from a new
// container; a suspended one is re-activated (pushed `changed`) and its unpaid billing is tried
// again at the next clock move. Refusals leave everything as it was.
import { describe, expect, it } from 'vitest';
import { clock, DAY_S, frozenDemo, pushesAbout, relogin } from '../clock/support.js';
import { expectEnvelope, type ApiResponse } from '../helpers.js';
import { guideSubscriptionBody, tenantRefs } from './smart-transaction-helpers.js';

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<ApiResponse<T>>;

const RENEWAL_DECLINED_IBAN = 'DE78370400440532013004';
const APPROVING_IBAN = 'DE89370400440532013000';

/** A subscription bought now by debit from `iban` and captured: its id and Smart Transaction's. */
async function subscribe(call: Call, iban: string) {
  const body = guideSubscriptionBody(await tenantRefs(call));
  delete (body.basket.products[0] as { start_at?: string }).start_at;
  const stx = (await call('POST', '/Smart/Transactions', body)).body;
  const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {
    container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban } },
  });
  expect((await call('POST', `/Smart/Transactions/${stx.id}/start`)).body.status).toBe('ok');
  return { subId: prepared.body.subscription.id as string, stxId: stx.id as string, customerId: prepared.body.customer.id as string };
}

const update = (call: Call, subId: string, body?: unknown) => call('POST', `/Smart/Transactions/${subId}/updatePaymentContainer`, body);

/** Runs the clock through the three refused attempts: the subscription is suspended. */
async function suspendedDemo() {
  const demo = await frozenDemo();
  const bought = await subscribe(demo.call, RENEWAL_DECLINED_IBAN);
  await clock(demo.app, { advance_seconds: 35 * DAY_S });
  const call = await relogin(demo.app);
  expect((await call('GET', `/Payment/Subscriptions/${bought.subId}`)).body.status).toBe('suspended');
  return { ...demo, call, ...bought };
}

describe('updatePaymentContainer', () => {
  it('re-activates a suspended subscription with a new bank account; the unpaid month renews at the next clock move', async () => {
    const { app, call, subId, stxId, customerId } = await suspendedDemo();
    const res = await update(call, subId, { container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban: APPROVING_IBAN } } });
    expect(res.status).toBe(200);
    // The answer is the Smart Transaction the subscription was bought with.
    expect(res.body).toMatchObject({ object: 'smart.transactions', id: stxId, status: 'ok', subscription: { object: 'payment.subscriptions', id: subId } });

    const sub = (await call('GET', `/Payment/Subscriptions/${subId}`)).body;
    expect(sub.status).toBe('active');
    expect(sub.container.id).not.toBe(res.body.container.id);
    const container = (await call('GET', `/Payment/Containers/${sub.container.id}`)).body;
    expect(container).toMatchObject({ type: 'bank_account', customer: { id: customerId }, public: { iban: 'DE8937040044XXXXXX3000' } });
    // The billing it could not pay is still the next one.
    expect(sub.billing_cycles).toMatchObject({ cycle_executions: [{ cycles_completed: 1, cycles_remaining: 11 }], next_billing_time: '2026-02-15T10:00:00+01:00' });
    // Pushed: the suspension, then the re-activation.
    expect(await pushesAbout(app, subId)).toEqual([
      ['payment.subscriptions', 'changed'],
      ['payment.subscriptions', 'changed'],
    ]);

    const { body } = await clock(app, { advance_seconds: 0 });
    const renewed = body.events.filter((e: { event: string }) => e.event === 'subscription.renewed');
    expect(renewed).toHaveLength(1);
    expect(renewed[0]).toMatchObject({ object_id: subId, amount: 990, at: '2026-02-19T10:00:00+01:00' });
    const after = await relogin(app);
    const payment = (await after('GET', `/Payment/Transactions/${renewed[0].payment_transaction}`)).body;
    expect(payment).toMatchObject({ amount: 990, subscription: { id: subId }, details: { status_simple: 1 } });
    const renewedSub = (await after('GET', `/Payment/Subscriptions/${subId}`)).body;
    expect(renewedSub.billing_cycles).toMatchObject({ cycle_executions: [{ cycles_completed: 2, cycles_remaining: 10 }], next_billing_time: '2026-03-15T10:00:00+01:00' });
    await app.close();
  });

  it('gives an active subscription another existing container of its customer without a push', async () => {
    const { app, call } = await frozenDemo();
    const { subId, customerId } = await subscribe(call, APPROVING_IBAN);
    const other = await call('POST', '/Payment/Containers', {
      type: 'bank_account',
      customer: { id: customerId },
      private: { owner: 'Raina Mustermann', iban: 'DE35500105175418493188' },
    });
    expect(other.status).toBe(200);
    const res = await update(call, subId, { container: { id: other.body.id } });
    expect(res.status).toBe(200);
    const sub = (await call('GET', `/Payment/Subscriptions/${subId}`)).body;
    expect(sub).toMatchObject({ status: 'active', container: { id: other.body.id, type: 'bank_account' } });
    expect(await pushesAbout(app, subId)).toEqual([]);
    await app.close();
  });

  it('refuses a cancelled subscription, no container, an unknown id and another customer\'s container, changing nothing', async () => {
    const { app, call, subId, stxId } = await suspendedDemo();
    const before = (await call('GET', `/Payment/Subscriptions/${subId}`)).body;
    const containersBefore = (await call('GET', '/Payment/Containers?count=1')).body.count;

    const noBody = await update(call, subId);
    expectEnvelope(noBody, 400, 'ProductFormatException');
    expect(noBody.body.error_details).toContain('container');
    expectEnvelope(await update(call, 'SUB_UNKNOWN', { container: { id: before.container.id } }), 404, 'ProductNotFoundException');
    // Another customer's bank account (the seeded demo customer's).
    const foreign = (await call('GET', '/Payment/Containers?q=customer.contact.email:max@example.com')).body.data[0];
    expectEnvelope(await update(call, subId, { container: { id: foreign.id } }), 400, 'ProductFormatException');
    // An inline account with a bad IBAN creates nothing.
    expectEnvelope(await update(call, subId, { container: { type: 'bank_account', private: { owner: 'X', iban: 'DE00123' } } }), 400, 'ProductFormatException');

    expect((await call('GET', `/Payment/Subscriptions/${subId}`)).body).toEqual(before);
    expect((await call('GET', '/Payment/Containers?count=1')).body.count).toBe(containersBefore);
    expect(await pushesAbout(app, subId)).toHaveLength(1);

    expect((await call('POST', `/Smart/Transactions/${stxId}/cancel`)).status).toBe(200);
    const cancelled = await update(call, subId, { container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban: APPROVING_IBAN } } });
    expectEnvelope(cancelled, 400, 'ProductNotAllowedException');
    expect(cancelled.body.error_details).toContain('cancelled');
    expect((await call('GET', `/Payment/Subscriptions/${subId}`)).body.status).toBe('cancelled');
    expect((await call('GET', '/Payment/Containers?count=1')).body.count).toBe(containersBefore);
    await app.close();
  });
});
