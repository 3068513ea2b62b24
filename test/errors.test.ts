// Every failure on /api/v2 is the secuconnect envelope with a 32-hex supportId and the exception
// name as HTTP reason phrase: bad JSON, prototype poisoning, oversize bodies, unsupported media
// types, unknown routes, and missing/garbage/expired tokens. None of them is a 500.
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeApp, tokenFor } from './helpers.js';

let app: FastifyInstance;
let token: string;
let ids: { customer: string; plan: string; pci: string; stx: string };

beforeEach(async () => {
  app = await makeApp();
  token = await tokenFor(app);
  const get = async (url: string) =>
    (await app.inject({ method: 'GET', url: `/api/v2${url}`, headers: { authorization: `Bearer ${token}` } })).json();
  const stx = (await get('/Smart/Transactions?q=status:ok')).data[0];
  ids = {
    customer: (await get('/Payment/Customers')).data[0].id,
    plan: (await get('/Payment/Plans')).data[0].id,
    pci: stx.transactions[0].id,
    stx: stx.id,
  };
});

/** Routes that take a JSON body. */
const writeRoutes = () => [
  { method: 'POST', url: '/api/v2/Payment/Customers' },
  { method: 'PUT', url: `/api/v2/Payment/Customers/${ids.customer}` },
  { method: 'POST', url: '/api/v2/Payment/Containers' },
  { method: 'PATCH', url: `/api/v2/Payment/Plans/${ids.plan}` },
  { method: 'POST', url: '/api/v2/Smart/Transactions' },
  { method: 'POST', url: `/api/v2/Payment/Transactions/${ids.pci}/cancel` },
] as const;

function send(method: string, url: string, payload: string | Buffer | undefined, headers: Record<string, string> = {}) {
  return app.inject({
    method: method as 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    payload,
  });
}

/** The envelope, the reason phrase and the supportId of one error answer. */
function expectError(res: LightMyRequestResponse, status: number, exception: string, code?: number) {
  const where = `${res.statusCode} ${res.body}`;
  expect(res.statusCode, where).toBe(status);
  expect(res.statusMessage, where).toBe(exception);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(body, where).toEqual({
    status: 'error',
    error: exception,
    error_details: expect.any(String),
    error_user: expect.any(String),
    code: code ?? expect.any(Number),
    supportId: expect.stringMatching(/^[0-9a-f]{32}$/),
  });
  return body;
}

describe('request bodies', () => {
  it('answers 400 ProductFormatException for malformed JSON on every write route', async () => {
    for (const { method, url } of writeRoutes()) {
      const body = expectError(await send(method, url, '{"contact": {"forename": "Max",'), 400, 'ProductFormatException', 4002);
      expect(body.error_details).toMatch(/JSON/);
    }
    // Nothing was created by the failed POSTs.
    const list = await send('GET', '/api/v2/Payment/Customers', undefined, {});
    expect(list.json().count).toBe(2);
  });

  it('answers 400 ProductFormatException for a JSON body that is not an object', async () => {
    expectError(await send('POST', '/api/v2/Payment/Customers', '"just a string"'), 400, 'ProductFormatException');
    expectError(await send('POST', '/api/v2/Payment/Customers', '[1,2,3]'), 400, 'ProductFormatException');
    expectError(await send('POST', '/api/v2/Payment/Customers', 'null'), 400, 'ProductFormatException');
  });

  it('answers 400 for JSON with a __proto__ key, and the prototype is untouched', async () => {
    for (const { method, url } of writeRoutes()) {
      const res = await send(method, url, '{"__proto__": {"polluted": true}, "contact": {"forename": "Eve"}}');
      expectError(res, 400, 'ProductFormatException');
    }
    const nested = await send('POST', '/api/v2/Payment/Customers', '{"contact": {"forename": "Eve", "__proto__": {"polluted": true}}}');
    expectError(nested, 400, 'ProductFormatException');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await send('GET', '/api/v2/Payment/Customers', undefined)).json().count).toBe(2);
  });

  it('answers 400 for JSON with a constructor.prototype key', async () => {
    const res = await send('POST', '/api/v2/Payment/Customers', '{"constructor": {"prototype": {"polluted": true}}, "contact": {}}');
    expectError(res, 400, 'ProductFormatException');
  });

  it('answers 413 ProductFormatException for a body over 1 MiB', async () => {
    const big = JSON.stringify({ contact: { forename: 'x'.repeat(1024 * 1024 + 10) } });
    for (const { method, url } of writeRoutes()) {
      const body = expectError(await send(method, url, big), 413, 'ProductFormatException', 4004);
      expect(body.error_details).toContain('1048576');
    }
    expect((await send('GET', '/api/v2/Payment/Customers', undefined)).json().count).toBe(2);
  });

  it('takes a body just under the limit', async () => {
    // Strings are bounded (2 000 characters at most), so a large body is a large basket.
    const product = { id: 1, desc: 'y'.repeat(1900), articleNumber: 'a'.repeat(90), quantity: 1, priceOne: 1 };
    const body = JSON.stringify({ intent: 'sale', basket: { products: Array.from({ length: 500 }, () => product) }, basket_info: { sum: 500, currency: 'EUR' } });
    expect(body.length).toBeGreaterThan(1024 * 1000);
    expect(body.length).toBeLessThan(1024 * 1024);
    expect((await send('POST', '/api/v2/Smart/Transactions', body)).statusCode).toBe(200);
  });

  it('answers 415 ProductFormatException for Content-Type text/xml with a body', async () => {
    for (const { method, url } of writeRoutes()) {
      const body = expectError(await send(method, url, '<contact><forename>Max</forename></contact>', { 'content-type': 'text/xml' }), 415, 'ProductFormatException', 4005);
      expect(body.error_details).toContain('text/xml');
    }
  });

  it('answers 400 ProductFormatException naming the field for a schema violation', async () => {
    const body = expectError(await send('POST', '/api/v2/Smart/Transactions', JSON.stringify({ basket_info: { sum: '12', currency: 'EUR' } })), 400, 'ProductFormatException', 4001);
    expect(body.error_details).toMatch(/basket_info\.sum/);
  });

  it('answers 400 ProductFormatException "no payload" for a create without a body', async () => {
    const body = expectError(await send('POST', '/api/v2/Payment/Customers', ''), 400, 'ProductFormatException');
    expect(body.error_details).toBe('no payload');
  });
});

describe('unknown routes', () => {
  it('answers 404 ProductNotFoundException naming method and path under /api/v2', async () => {
    for (const [method, url] of [
      ['GET', '/api/v2/Payment/Nothing'],
      ['POST', '/api/v2/Loyalty/Cards'],
      ['DELETE', `/api/v2/Payment/Plans/${ids.plan}`],
      ['GET', '/api/v2'],
      ['POST', `/api/v2/Smart/Transactions/${ids.stx}/teleport`],
    ]) {
      const body = expectError(await send(method, url, method === 'GET' || method === 'DELETE' ? undefined : '{}'), 404, 'ProductNotFoundException', 3002);
      expect(body.error_details).toContain(`${method} ${url}`);
    }
  });

  it('answers 404 ProductNotFoundException for an unknown route without a token too', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v2/Nothing/Here' });
    expectError(res, 404, 'ProductNotFoundException');
  });

  it('answers 404 for an unknown id with code 3001 naming the object', async () => {
    const body = expectError(await send('GET', '/api/v2/Smart/Transactions/STX_DOESNOTEXIST00000000000000000', undefined), 404, 'ProductNotFoundException', 3001);
    expect(body.error_details).toContain('smart.transactions STX_DOESNOTEXIST00000000000000000');
  });
});

describe('tokens', () => {
  const apiRoutes = () => [
    ['GET', '/api/v2/Smart/Transactions'],
    ['GET', `/api/v2/Payment/Customers/${ids.customer}`],
    ['POST', '/api/v2/Payment/Customers'],
    ['GET', '/api/v2/General/Merchants/me'],
    ['POST', `/api/v2/Payment/Transactions/${ids.pci}/cancel`],
  ] as const;

  async function expectAllRefused(authorization: string | undefined) {
    for (const [method, url] of apiRoutes()) {
      const res = await app.inject({
        method,
        url,
        headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
        payload: method === 'POST' ? JSON.stringify({ contact: { forename: 'X' } }) : undefined,
      });
      const body = expectError(res, 403, 'ProductNotAllowedException', 2003);
      expect(body.error_details).toBe('Valid auth token required');
    }
  }

  it('answers 403 code 2003 without a token', async () => {
    await expectAllRefused(undefined);
  });

  it('answers 403 code 2003 for a garbage token', async () => {
    await expectAllRefused('Bearer garbage-token-garbage-token');
    await expectAllRefused('Bearer');
    await expectAllRefused(`Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`);
    await expectAllRefused(token);
  });

  it('answers 403 code 2003 for an expired token, and nothing was changed by the refused calls', async () => {
    const before = await send('GET', '/api/v2/Payment/Customers', undefined);
    expect(before.statusCode).toBe(200);
    const clock = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: 1201 } });
    expect(clock.statusCode).toBe(200);
    await expectAllRefused(`Bearer ${token}`);
    // A new token works, and the refused POST created nothing.
    const fresh = await tokenFor(app);
    const after = await app.inject({ method: 'GET', url: '/api/v2/Payment/Customers', headers: { authorization: `Bearer ${fresh}` } });
    expect(after.json().count).toBe(before.json().count);
  });

  it('keeps a token valid until just before expires_in', async () => {
    // The tenant clock stands still: the boundary is exact however long the calls take.
    app.store.tenant('demo-client')!.clock.frozenAt = Date.UTC(2024, 2, 1, 9, 0, 0);
    const issued = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' } });
    const { access_token, expires_in } = issued.json();
    expect(expires_in).toBe(1200);
    const me = () => send('GET', '/api/v2/General/Merchants/me', undefined, { authorization: `Bearer ${access_token}` });
    expect((await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: expires_in - 1 } })).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: 1 } });
    expectError(await me(), 403, 'ProductNotAllowedException', 2003);
  });

  it('accepts the scheme case-insensitively', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v2/General/Merchants/me', headers: { authorization: `bearer ${token}` } });
    expect(res.statusCode).toBe(200);
  });

  it('checks the token before the body: a bad token with malformed JSON is 403', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v2/Payment/Customers',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      payload: '{oops',
    });
    expectError(res, 403, 'ProductNotAllowedException', 2003);
  });
});

describe('every error', () => {
  it('has a fresh supportId per answer', async () => {
    const a = (await send('GET', '/api/v2/Nope', undefined)).json().supportId;
    const b = (await send('GET', '/api/v2/Nope', undefined)).json().supportId;
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it('never answers 500 for a batch of hostile requests', async () => {
    const hostile: Array<[string, string, string | undefined, Record<string, string>?]> = [
      ['POST', '/api/v2/Payment/Customers', '{'],
      ['POST', '/api/v2/Payment/Customers', '{"contact": null}'],
      ['POST', '/api/v2/Payment/Customers', '{"contact": {"dob": 19800517}}'],
      ['POST', '/api/v2/Payment/Containers', '{"type": "bank_account", "private": {"iban": 12}}'],
      ['POST', '/api/v2/Payment/Containers', '{"type": "bank_account", "private": null}'],
      ['POST', '/api/v2/Smart/Transactions', '{"basket": {"products": [null]}}'],
      ['POST', '/api/v2/Smart/Transactions', '{"customer": {"id": ""}}'],
      ['POST', `/api/v2/Smart/Transactions/${ids.stx}/prepare/bitcoin`, '{}'],
      ['POST', `/api/v2/Payment/Transactions/${ids.pci}/cancel`, '{"reduce_amount_by": 1e400}'],
      ['POST', `/api/v2/Payment/Transactions/${ids.pci}/capture`, '{"amount": -1}'],
      ['GET', '/api/v2/Smart/Transactions?count=-1', undefined],
      ['GET', '/api/v2/Smart/Transactions?count=abc', undefined],
      ['GET', '/api/v2/Smart/Transactions?q=nocolon', undefined],
      ['GET', '/api/v2/Smart/Transactions?sort=created:sideways', undefined],
      ['GET', '/api/v2/Payment/Customers/%E0%A4%A', undefined],
      ['PUT', `/api/v2/Payment/Plans/${ids.plan}`, '{"billing_cycles": "monthly"}'],
      ['POST', '/api/v2/Payment/Customers', 'contact=x', { 'content-type': 'application/x-www-form-urlencoded' }],
    ];
    for (const [method, url, payload, headers] of hostile) {
      const res = await send(method, url, payload, headers);
      expect(res.statusCode, `${method} ${url} ${payload}: ${res.body}`).toBeLessThan(500);
      expect(res.statusCode, `${method} ${url} ${payload}: ${res.body}`).toBeGreaterThanOrEqual(400);
      const body = res.json();
      expect(body.status, `${method} ${url} ${payload}: ${res.body}`).toBe('error');
      expect(body.supportId).toMatch(/^[0-9a-f]{32}$/);
      expect(res.statusMessage).toBe(body.error);
    }
  });
});
