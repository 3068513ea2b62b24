// Ids are never handed out twice: after a reset (or a provider state's teardown) new objects get
// ids the tenant never handed out, while a fresh app given the same calls still makes the same ids.
// Return and callback URLs are absolute http(s) URLs of printable ASCII, at most 2 000 characters:
// anything else is a 400 at create/prepare that stores nothing (before, CR/LF in a return URL
// committed the approval and then answered a 500).
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope } from '../helpers.js';

const sale = (extra: Record<string, unknown> = {}) => ({ basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'Max', surname: 'M' } }, ...extra });

describe('ids are never handed out twice', () => {
  it('gives a transaction made after a reset a new id, and the old id stays unknown', async () => {
    const { app, call } = await demoApi();
    const first = (await call('POST', '/Smart/Transactions', sale())).body.id;
    expect((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
    const second = (await call('POST', '/Smart/Transactions', sale())).body.id;
    expect(second).not.toBe(first);
    expect((await call('GET', `/Smart/Transactions/${first}`)).status).toBe(404);
  });

  it('gives the same calls the same ids in a fresh app, and keeps the seeded ids', async () => {
    const runs = await Promise.all([demoApi(), demoApi()]);
    const ids = await Promise.all(runs.map(async ({ call }) => (await call('POST', '/Smart/Transactions', sale())).body.id));
    expect(ids[0]).toBe(ids[1]);
    const seeded = await Promise.all(runs.map(async ({ call }) => (await call('GET', '/Smart/Transactions')).body.data.map((s: { id: string }) => s.id)));
    expect(seeded[0]).toEqual(seeded[1]);
    await runs[0].app.inject({ method: 'POST', url: '/__mock/reset' });
    expect((await runs[0].call('GET', '/Smart/Transactions')).body.data.map((s: { id: string }) => s.id)).toEqual(seeded[1].filter((id: string) => id !== ids[1]));
  });
});

describe('return and callback URLs', () => {
  const bad = ['https://shop.example/ok\r\nSet-Cookie: x=1', 'https://shop.example/\u0000', 'https://shop.example/größe', 'javascript:alert(1)', 'data:text/html,hi', '/relative', `https://shop.example/${'a'.repeat(2000)}`, 'https://shop example'];

  it.each(bad)('refuses %j as a return URL at create and stores nothing', async (url) => {
    const { app, call } = await demoApi();
    const before = app.store.tenant('demo-client')!.smartTransactions.size;
    const res = await call('POST', '/Smart/Transactions', sale({ application_context: { return_urls: { url_success: url } } }));
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toContain('application_context.return_urls.url_success');
    expect(app.store.tenant('demo-client')!.smartTransactions.size).toBe(before);
  });

  it.each(bad)('refuses %j as a callback URL at prepare and leaves the transaction created', async (url) => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', sale());
    const res = await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, { callback_urls: { success_url: url } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body).toMatchObject({ status: 'created' });
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.iframe_url).toBeUndefined();
  });

  it('redirects the payer to a good return URL after approving', async () => {
    const { app, call } = await demoApi();
    const url_success = 'https://shop.example/return?order=4711&x=%C3%A4';
    const { body: stx } = await call('POST', '/Smart/Transactions', sale({ application_context: { return_urls: { url_success } } }));
    const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, {})).body;
    const page = new URL(prepared.iframe_url);
    const res = await app.inject({ method: 'POST', url: `${page.pathname}/approve${page.search}`, payload: { method: 'creditcard' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(url_success);
  });
});
