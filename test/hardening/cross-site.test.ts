// Another web page in the same browser cannot change the mock's state: state-changing /__mock
// calls that carry another site's Origin (or Sec-Fetch-Site cross-site/same-site) are refused, form
// and text bodies are refused outside the payer's checkout answers, and the control plane answers
// no CORS preflight. Before, a plain HTML form POST from any page reset a tenant or moved its clock.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, pageUrl } from '../helpers.js';

const EVIL = 'http://evil.example';

async function counts(app: Awaited<ReturnType<typeof demoApi>>['app']) {
  const t = app.store.tenant('demo-client')!;
  return { stx: t.smartTransactions.size, clock: t.clock.state.offsetMs };
}

describe('cross-site requests to the control plane', () => {
  it.each([
    ['POST', '/__mock/reset', { origin: EVIL }],
    ['POST', '/__mock/clock', { origin: EVIL, 'content-type': 'application/json' }],
    ['POST', '/__mock/reset', { 'sec-fetch-site': 'cross-site' }],
    ['POST', '/__mock/provider-states', { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }],
    ['POST', '/__mock/reset', { origin: 'null' }],
  ])('refuses %s %s from another site (%j) and changes nothing', async (method, url, headers) => {
    const { app, call } = await demoApi();
    await call('POST', '/Smart/Transactions', { basket_info: { sum: 100, currency: 'EUR' } });
    const before = await counts(app);
    const payload = url.endsWith('clock') ? { advance_seconds: 3600 } : url.endsWith('provider-states') ? { state: 'a payment plan' } : undefined;
    const res = await app.inject({ method: method as 'POST', url, headers, payload: payload && JSON.stringify(payload) });
    expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, 403, 'ProductNotAllowedException');
    expect(res.json().error_details).toMatch(/^Cross-site request refused/);
    expect(await counts(app)).toEqual(before);
    expect(app.store.tenant('demo-client')!.plans.size).toBe(1);
  });

  it('refuses a form or text body on a control route, as an HTML form would send it', async () => {
    const { app } = await demoApi();
    const before = await counts(app);
    for (const [type, body] of [['application/x-www-form-urlencoded', 'advance_seconds=3600'], ['text/plain', '{"advance_seconds":3600}']]) {
      const res = await app.inject({ method: 'POST', url: '/__mock/clock', headers: { 'content-type': type }, payload: body });
      expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, 415, 'ProductFormatException');
    }
    expect(await counts(app)).toEqual(before);
  });

  it('still serves scripts and verifiers (no Origin) and same-origin pages', async () => {
    const { app } = await demoApi();
    const clock = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/__mock/clock', headers: { 'content-type': 'application/json', ...headers }, payload: '{"advance_seconds":60}' });
    expect((await clock({})).statusCode).toBe(200);
    expect((await clock({ origin: 'http://localhost:80', host: 'localhost:80' })).statusCode).toBe(200);
    expect((await clock({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
  });

  it('lets the payer answer on the checkout page with a form post', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', { basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'A', surname: 'B' } } });
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, {});
    const res = await app.inject({
      method: 'POST',
      url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}/approve`),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80', host: 'localhost:80' },
      payload: 'method=creditcard',
    });
    expect(res.statusCode).toBe(200);
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('approved');
  });

  it('answers CORS preflights for the API and the token endpoint only', async () => {
    const { app } = await demoApi();
    const preflight = (url: string) =>
      app.inject({ method: 'OPTIONS', url, headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const api = await preflight('/api/v2/Smart/Transactions');
    expect(api.statusCode).toBe(204);
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect((await preflight('/oauth/token')).headers['access-control-allow-origin']).toBe('*');
    for (const url of ['/__mock/clock', '/__mock/reset', '/__mock/provider-states']) {
      const res = await preflight(url);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  });
});
