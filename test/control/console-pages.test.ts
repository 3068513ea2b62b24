// The console's pages as HTML: a client's objects found by search, a client's text shown as text
// (never markup), and unknown clients or transactions answered with the envelope.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope } from '../helpers.js';

describe('the console’s pages', () => {
  it('find a client’s objects by any text of theirs, and show it escaped', async () => {
    const { app, call } = await demoApi();
    const evil = '<script>alert(1)</script>';
    const stx = (await call('POST', '/Smart/Transactions', { basket_info: { sum: 4242, currency: 'EUR' }, merchantRef: evil })).body;
    await call('POST', '/Smart/Transactions', { basket_info: { sum: 1, currency: 'EUR' }, merchantRef: 'plain-order' });
    const page = await app.inject({ method: 'GET', url: `/__mock/console/clients/demo-client?q=${encodeURIComponent('alert(1)')}&kind=smartTransactions` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const found = /<section id="kind-smartTransactions">[\s\S]*?<\/section>/.exec(page.body)![0];
    expect(found).toContain(`/__mock/console/clients/demo-client/smart-transactions/${stx.id}`);
    expect(found).toContain('(1 found among');
    expect(found).not.toContain('plain-order');
    expect(page.body).not.toContain(evil);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('id="kind-customers"');
    const detail = await app.inject({ method: 'GET', url: `/__mock/console/clients/demo-client/smart-transactions/${stx.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('42.42 EUR');
    expect(detail.body).not.toContain(evil);
  });

  it('answer an unknown client, transaction or kind with the envelope', async () => {
    const { app, call } = await demoApi();
    const stx = (await call('POST', '/Smart/Transactions', { basket_info: { sum: 1, currency: 'EUR' } })).body;
    for (const [url, status, error] of [
      ['/__mock/console/clients/nobody', 404, 'ProductNotFoundException'],
      [`/__mock/console/clients/other-client/smart-transactions/${stx.id}`, 404, 'ProductNotFoundException'],
      ['/__mock/console/clients/demo-client?kind=widgets', 400, 'ProductFormatException'],
      ['/__mock/console/requests?client_id=nobody', 404, 'ProductNotFoundException'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, status, error);
    }
  });
});
