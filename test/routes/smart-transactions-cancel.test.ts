// /api/v2/Smart/Transactions: cancel and abort, and what they do to payments and subscriptions.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope } from '../helpers.js';
import { counts, expectNoChange, guideSubscriptionBody, INLINE_ACCOUNT, read, saleBody, tenantRefs } from './smart-transaction-helpers.js';
import { approvedSubscription, paidSale } from './smart-transactions-setup.js';

describe('cancel and abort', () => {
  it('cancels an approved transaction: the payment is voided and the subscription cancelled', async () => {
    const { call, stx, prepared } = await approvedSubscription();
    const pciId = prepared.transactions[0].id;
    const before = await counts(call);
    const cancelled = await call('POST', `/Smart/Transactions/${stx.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    expect((await read(call, stx.id)).status).toBe('cancelled');
    expect((await call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body).toMatchObject({ amount: 0, status_simple: 5, status_simple_text: 'void' });
    expect((await call('GET', `/Payment/Subscriptions/${prepared.subscription.id}`)).body.status).toBe('cancelled');
    expect(await counts(call)).toEqual(before);
  });

  it('cancels a captured transaction with a refund: a new payment transaction with a negative amount', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    const pciId = paid.transactions[0].id;
    const before = (await api.call('GET', '/Payment/Transactions')).body;
    const cancelled = await api.call('POST', `/Smart/Transactions/${paid.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    expect((await read(api.call, paid.id)).status).toBe('cancelled');
    const after = (await api.call('GET', '/Payment/Transactions')).body;
    expect(after.count).toBe(before.count + 1);
    const refund = after.data.find((p: any) => !before.data.some((q: any) => q.id === p.id));
    expect(refund).toMatchObject({ amount: -8400, product: 'Erstattung', details: { status_simple: 1 }, parents: [{ object: 'payment.transactions', id: pciId }] });
    expect((await api.call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body.amount).toBe(0);
    expect((await api.call('GET', `/Payment/Transactions/${pciId}`)).body.related_transactions).toEqual([expect.objectContaining({ id: refund.id })]);
  });

  it('cancels a captured subscription: refunded and the subscription cancelled', async () => {
    const { call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', guideSubscriptionBody(await tenantRefs(call), true));
    const paid = (await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    expect((await call('GET', `/Payment/Subscriptions/${paid.subscription.id}`)).body.status).toBe('active');
    expect((await call('POST', `/Smart/Transactions/${paid.id}/cancel`)).body.status).toBe('cancelled');
    expect((await call('GET', `/Payment/Subscriptions/${paid.subscription.id}`)).body.status).toBe('cancelled');
    expect((await call('GET', `/Payment/Transactions/${paid.transactions[0].id}/checkStatus`)).body.amount).toBe(0);
  });

  it('cancels what is left after a partial refund of the payment', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    const pciId = paid.transactions[0].id;
    expect((await api.call('POST', `/Payment/Transactions/${pciId}/cancel`, { reduce_amount_by: 400 })).status).toBe(200);
    expect((await api.call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body.amount).toBe(8000);
    expect((await api.call('POST', `/Smart/Transactions/${paid.id}/cancel`)).body.status).toBe('cancelled');
    const refunds = (await api.call('GET', `/Payment/Transactions?q=${encodeURIComponent(`parents.id:${pciId}`)}`)).body;
    expect(refunds.data.map((p: any) => p.amount).sort()).toEqual([-400, -8000].sort());
    expect((await api.call('GET', `/Payment/Transactions/${pciId}/checkStatus`)).body.amount).toBe(0);
  });

  it('aborts an approved transaction, voiding its payment', async () => {
    const { call, stx, prepared } = await approvedSubscription();
    expect((await call('POST', `/Smart/Transactions/${stx.id}/abort`)).body.status).toBe('cancelled');
    expect((await read(call, stx.id)).status).toBe('cancelled');
    expect((await call('GET', `/Payment/Transactions/${prepared.transactions[0].id}/checkStatus`)).body).toMatchObject({ amount: 0, status_simple: 5 });
  });

  it('aborts a created transaction', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const aborted = await call('POST', `/Smart/Transactions/${stx.id}/abort`);
    expect(aborted.status).toBe(200);
    expect(aborted.body.status).toBe('cancelled');
    expect((await read(call, stx.id)).status).toBe('cancelled');
  });

  it('refuses to abort a transaction that is already ok (cancel refunds it instead)', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    await expectNoChange(api.call, paid.id, async () => {
      const res = await api.call('POST', `/Smart/Transactions/${paid.id}/abort`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status ok');
    });
  });
});
