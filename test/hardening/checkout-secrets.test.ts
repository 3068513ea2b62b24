// A payer's checkout answer needs the unguessable secret only the transaction's own page links
// carry, not just its (predictable) id, and a page link resolves exactly one tenant's transaction.
// Before, anyone who could count ids approved payments, and one tenant's payer approved another's.
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, makeApp, tokenFor } from '../helpers.js';

const SHARED_ID = `STX_${'TWIN'.padEnd(30, '0')}`;
const twin = (client_id: string) => ({
  client_id,
  client_secret: `${client_id}-secret`,
  merchant: { companyname: client_id },
  customers: [{ key: 'c', contact: { forename: 'A', surname: 'B' } }],
  smart_transactions: [{ key: 't', id: SHARED_ID, status: 'created' as const, customer: 'c', request: { basket_info: { sum: 1000, currency: 'EUR' } } }],
});

describe('checkout page secrets', () => {
  it.each([
    ['no secret', ''],
    ['a wrong secret', '?secret=00000000000000000000000000000000'],
    ['a secret of another length', '?secret=abc'],
  ])('refuses an answer with %s as an unknown transaction, changing nothing', async (_what, query) => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', { basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'A', surname: 'B' } } });
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, {});
    for (const path of [`/__mock/checkout/${stx.id}/approve${query}`, `/__mock/checkout/${stx.id}${query}`]) {
      const res = await app.inject({ method: path.includes('approve') ? 'POST' : 'GET', url: path, headers: { accept: 'application/json' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ status: 'error', error: 'ProductNotFoundException' });
    }
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body).toMatchObject({ status: 'created', transactions: [] });
  });

  it('gives every transaction its own secret, also in two fresh apps with the same ids', async () => {
    const [a, b] = await Promise.all([demoApi(), demoApi()]);
    const create = (api: typeof a) => api.call('POST', '/Smart/Transactions', { basket_info: { sum: 1000, currency: 'EUR' } });
    const [x, y] = await Promise.all([create(a), create(b)]);
    expect(x.body.id).toBe(y.body.id);
    expect(x.body.payment_links.general).not.toBe(y.body.payment_links.general);
    // The link of one app does not open the other's page.
    const link = new URL(x.body.payment_links.general);
    expect((await b.app.inject({ method: 'GET', url: link.pathname + link.search })).statusCode).toBe(404);
    expect((await a.app.inject({ method: 'GET', url: link.pathname + link.search })).statusCode).toBe(200);
  });

  it('lets each tenant’s payer approve only that tenant’s transaction when two hold the same id', async () => {
    const app = await makeApp({ scenario: { clients: [twin('shop-a'), twin('shop-b')] } });
    const callA = apiClient(app, await tokenFor(app, { client_id: 'shop-a', client_secret: 'shop-a-secret' }));
    const callB = apiClient(app, await tokenFor(app, { client_id: 'shop-b', client_secret: 'shop-b-secret' }));
    const linkB = new URL((await callB('POST', `/Smart/Transactions/${SHARED_ID}/prepare/creditcard`, {})).body.iframe_url);
    await callA('POST', `/Smart/Transactions/${SHARED_ID}/prepare/creditcard`, {});
    const res = await app.inject({ method: 'POST', url: `${linkB.pathname}/approve${linkB.search}`, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect((await callB('GET', `/Smart/Transactions/${SHARED_ID}`)).body.status).toBe('approved');
    expect((await callA('GET', `/Smart/Transactions/${SHARED_ID}`)).body.status).toBe('created');
    // The operator's settle names the tenant when the id is ambiguous.
    const settle = await app.inject({ method: 'POST', url: `/__mock/smart-transactions/${SHARED_ID}/settle` });
    expect(settle.statusCode).toBe(400);
    expect(settle.json().error_details).toContain('name one with client_id');
  });
});
