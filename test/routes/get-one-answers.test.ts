// GET one answers the bytes kept for its tenant's present state (server/plugins/answer-cache.ts):
// whatever changes the objects an answer embeds, in whatever way, shows in the very next GET.
import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../server/plugins/answer-cache.js';
import { Tenant } from '../../server/store/tenant.js';
import { apiClient, makeApp, tokenFor } from '../helpers.js';
import { approvedSubscription } from './smart-transactions-setup.js';

describe('GET one of an unchanged object', () => {
  it('answers the same bytes and headers again', async () => {
    const g = await approvedSubscription();
    const token = await tokenFor(g.app);
    const read = () => g.app.inject({ method: 'GET', url: `/api/v2/Smart/Transactions/${g.stx.id}`, headers: { authorization: `Bearer ${token}` } });
    const first = await read();
    const again = await read();
    expect(first.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers['content-length']).toBe(first.headers['content-length']);
    expect(JSON.parse(again.body)).toEqual(g.prepared);
  });
});

describe('GET one after a change', () => {
  it('shows a change to an object it embeds (the customer, replaced by PUT)', async () => {
    const g = await approvedSubscription();
    expect((await g.call('GET', `/Smart/Transactions/${g.stx.id}`)).body.customer.contact.forename).not.toBe('Greta');
    const contact = { forename: 'Greta', surname: 'Neu', email: 'greta@example.com' };
    expect((await g.call('PUT', `/Payment/Customers/${g.stx.customer.id}`, { contact })).status).toBe(200);
    const after = await g.call('GET', `/Smart/Transactions/${g.stx.id}`);
    expect(after.body.customer.contact).toMatchObject(contact);
    expect((await g.call('GET', `/Payment/Customers/${g.stx.customer.id}`)).body.contact).toMatchObject(contact);
  });

  it('shows the state a step moved it to, on every kind read before', async () => {
    const g = await approvedSubscription();
    const ptId = g.prepared.transactions[0].id;
    const before = {
      stx: (await g.call('GET', `/Smart/Transactions/${g.stx.id}`)).body,
      pt: (await g.call('GET', `/Payment/Transactions/${ptId}`)).body,
      subscription: (await g.call('GET', `/Payment/Subscriptions/${g.prepared.subscription.id}`)).body,
    };
    expect([before.stx.status, before.subscription.status]).toEqual(['approved', 'approved']);
    expect((await g.call('POST', `/Smart/Transactions/${g.stx.id}/start`)).status).toBe(200);
    expect((await g.call('GET', `/Smart/Transactions/${g.stx.id}`)).body.status).toBe('ok');
    expect((await g.call('GET', `/Payment/Subscriptions/${g.prepared.subscription.id}`)).body.status).toBe('active');
    const pt = (await g.call('GET', `/Payment/Transactions/${ptId}`)).body;
    expect([before.pt.status, pt.status]).toEqual([115, 6]);
  });

  it('goes back with a reset, and does not answer a deleted object', async () => {
    const g = await approvedSubscription();
    const made = await g.call('POST', '/Payment/Customers', { contact: { forename: 'Kurz', surname: 'Lebig' } });
    expect((await g.call('GET', `/Payment/Customers/${made.body.id}`)).status).toBe(200);
    expect((await g.call('DELETE', `/Payment/Customers/${made.body.id}`)).status).toBe(200);
    expect((await g.call('GET', `/Payment/Customers/${made.body.id}`)).status).toBe(404);

    expect((await g.call('GET', `/Smart/Transactions/${g.stx.id}`)).status).toBe(200);
    expect((await g.app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
    expect((await g.call('GET', `/Smart/Transactions/${g.stx.id}`)).status).toBe(404);
  });

  it('builds links with the base URL of each request', async () => {
    const app = await makeApp();
    const token = await tokenFor(app);
    const call = apiClient(app, token);
    const id = (await call('GET', '/Smart/Transactions?count=1')).body.data[0].id;
    const read = (host: string) =>
      app.inject({ method: 'GET', url: `/api/v2/Smart/Transactions/${id}`, headers: { authorization: `Bearer ${token}`, host } }).then((r) => r.json());
    for (const host of ['shop-a.test', 'shop-b.test', 'shop-a.test']) {
      const stx = await read(host);
      expect(stx.checkout_links.url_checkout.startsWith(`http://${host}/`)).toBe(true);
    }
  });

  it('answers each client its own merchant, for objects seeded alike', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app));
    const other = apiClient(app, await tokenFor(app, { client_id: 'other-client', client_secret: 'other-secret' }));
    const merchants = [];
    for (const call of [demo, other]) {
      const listed = (await call('GET', '/Smart/Transactions?count=1')).body.data[0];
      const one = (await call('GET', `/Smart/Transactions/${listed.id}`)).body;
      expect(one.merchant).toEqual(listed.merchant);
      merchants.push(one.merchant.id);
    }
    expect(merchants[0]).not.toBe(merchants[1]);
  });
});

describe('AnswerCache', () => {
  const tenant = () => new Tenant('c', 's', 'seed', () => ({ id: 'MRC_1' }) as never);

  it('keeps an answer for its tenant, generation and base URL only', () => {
    const cache = new AnswerCache();
    const [t, u] = [tenant(), tenant()];
    const entity = {};
    cache.set({ entity, tenant: t, generation: t.generation, baseUrl: 'http://a' }, '{"a":1}');
    expect(cache.get(entity, t, 'http://a')).toBe('{"a":1}');
    expect(cache.get(entity, t, 'http://b')).toBeUndefined();
    expect(cache.get(entity, u, 'http://a')).toBeUndefined();
    t.customers.put({ id: 'PCU_1' } as never);
    expect(cache.get(entity, t, 'http://a')).toBeUndefined();
  });

  it('holds at most its bound of characters, then starts again empty', () => {
    const cache = new AnswerCache(100);
    const t = tenant();
    for (let i = 0; i < 10; i++) cache.set({ entity: { i }, tenant: t, generation: 0, baseUrl: '' }, 'x'.repeat(30));
    expect(cache.size).toBeLessThanOrEqual(3);
    cache.set({ entity: {}, tenant: t, generation: 0, baseUrl: '' }, 'x'.repeat(101));
    expect(cache.size).toBeLessThanOrEqual(3);
  });
});

describe('Tenant.generation', () => {
  it('moves with a commit, a direct write, a delete and a restore, and not with nothing or a failure', () => {
    const t = new Tenant('c', 's', 'seed', () => ({ id: 'MRC_1' }) as never);
    const seen = [t.generation];
    const moved = () => {
      seen.push(t.generation);
      return seen.at(-1)! > seen.at(-2)!;
    };
    t.transact(() => t.customers.put({ id: 'PCU_1' } as never));
    expect(moved()).toBe(true);
    t.customers.put({ id: 'PCU_2' } as never);
    expect(moved()).toBe(true);
    t.customers.delete('PCU_2');
    expect(moved()).toBe(true);
    const snapshot = t.snapshot();
    t.restore(snapshot);
    expect(moved()).toBe(true);
    t.transact(() => undefined);
    expect(moved()).toBe(false);
    expect(() =>
      t.transact(() => {
        t.customers.put({ id: 'PCU_3' } as never);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(moved()).toBe(false);
  });
});
