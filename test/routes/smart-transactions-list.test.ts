// /api/v2/Smart/Transactions: the list query, and that a tenant sees only its own transactions.
import { describe, expect, it } from 'vitest';
import { demoApi, OTHER, apiClient, tokenFor } from '../helpers.js';
import { INLINE_ACCOUNT, saleBody } from './smart-transaction-helpers.js';

describe('GET /Smart/Transactions', () => {
  /** The default scenario's 3 transactions plus `n` new ones, 10 s apart (well within the token's life), merchantRef order-x<i>. */
  async function withTransactions(n: number) {
    const api = await demoApi();
    for (let i = 0; i < n; i++) {
      await api.app.inject({ method: 'POST', url: '/__mock/clock', payload: { client_id: 'demo-client', advance_seconds: 10 } });
      const res = await api.call('POST', '/Smart/Transactions', saleBody({ merchantRef: `order-x${String(i).padStart(2, '0')}` }));
      expect(res.status).toBe(200);
    }
    return api;
  }

  it('pages with count (default 20) and offset; count in the answer is the total', async () => {
    const { call } = await withTransactions(22);
    const first = await call('GET', '/Smart/Transactions');
    expect(first.body.count).toBe(25);
    expect(first.body.data).toHaveLength(20);
    const rest = await call('GET', '/Smart/Transactions?offset=20');
    expect(rest.body.count).toBe(25);
    expect(rest.body.data).toHaveLength(5);
    const ids = [...first.body.data, ...rest.body.data].map((s: any) => s.id);
    expect(new Set(ids).size).toBe(25);
    const page = await call('GET', '/Smart/Transactions?count=2&offset=3');
    expect(page.body.data.map((s: any) => s.id)).toEqual(ids.slice(3, 5));
  });

  it('sorts by created, newest first', async () => {
    const { call } = await withTransactions(3);
    const res = await call('GET', '/Smart/Transactions?sort=created:desc');
    const created = res.body.data.map((s: any) => Date.parse(s.created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(res.body.data[0].merchantRef).toBe('order-x02');
  });

  it('filters with q: status:approved, and merchantRef:order-* as a wildcard', async () => {
    const { call } = await withTransactions(2);
    const approved = await call('GET', `/Smart/Transactions?q=${encodeURIComponent('status:approved')}`);
    expect(approved.body.count).toBe(1);
    expect(approved.body.data.every((s: any) => s.status === 'approved')).toBe(true);

    const orders = await call('GET', `/Smart/Transactions?q=${encodeURIComponent('merchantRef:order-*')}&count=1`);
    expect(orders.body.count).toBe(4);
    expect(orders.body.data).toHaveLength(1);
    const all = await call('GET', `/Smart/Transactions?q=${encodeURIComponent('merchantRef:order-*')}`);
    expect(all.body.data.map((s: any) => s.merchantRef).sort()).toEqual(['order-1001', 'order-1002', 'order-x00', 'order-x01']);
  });

  it('returns only the asked-for fields (plus object and id)', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/Smart/Transactions?fields=id,status');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    for (const item of res.body.data) expect(Object.keys(item).sort()).toEqual(['id', 'object', 'status']);
  });
});

describe('tenant isolation', () => {
  it("never lists another tenant's objects, in either direction", async () => {
    const { app, call: demo } = await demoApi();
    const other = apiClient(app, await tokenFor(app, OTHER));
    const mine = await demo('POST', '/Smart/Transactions', saleBody());
    const theirs = await other('POST', '/Smart/Transactions', saleBody());
    await demo('POST', `/Smart/Transactions/${mine.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    await other('POST', `/Smart/Transactions/${theirs.body.id}/prepare/prepaid`);

    for (const path of ['/Smart/Transactions', '/Payment/Transactions', '/Payment/Customers', '/Payment/Containers', '/Payment/Subscriptions']) {
      const [d, o] = [(await demo('GET', `${path}?count=100`)).body, (await other('GET', `${path}?count=100`)).body];
      const [dIds, oIds] = [d.data.map((x: any) => x.id), o.data.map((x: any) => x.id)];
      expect(dIds.filter((id: string) => oIds.includes(id)), path).toEqual([]);
      expect([d.count, o.count], path).toEqual([dIds.length, oIds.length]);
    }
    const [d, o] = [(await demo('GET', '/Smart/Transactions')).body.data, (await other('GET', '/Smart/Transactions')).body.data];
    expect(d.map((s: any) => s.id)).toContain(mine.body.id);
    expect(d.map((s: any) => s.id)).not.toContain(theirs.body.id);
    expect(o.map((s: any) => s.id)).toContain(theirs.body.id);
    expect(o.map((s: any) => s.id)).not.toContain(mine.body.id);
    expect(new Set(d.map((s: any) => s.merchant.id)).size).toBe(1);
    expect(o.every((s: any) => s.merchant.id !== d[0].merchant.id && s.merchant.companyname === 'Other Store AG')).toBe(true);
  });
});
