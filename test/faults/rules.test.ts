// Fault rules over the control plane: status effects in the envelope (429 with Retry-After),
// one-shot rules, seeded probabilities, matching by method, path and tenant, listing with hit
// counts, deleting per tenant or all, the bounds, the guards, and that a faulted request changes nothing.
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';
import { FAULT_LIMITS } from '../../server/schemas/faults.js';
import { ACCOUNT, addFault, listFaults, STX_BODY, tenantState } from './support.js';

const PREPARE = '/api/v2/Smart/Transactions/*/prepare/*';

describe('status faults', () => {
  it('fails the next 2 prepares with 503 in the envelope, then lets them through; the failed ones change nothing', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', { ...STX_BODY, container: ACCOUNT });
    const rule = await addFault(app, { method: 'POST', path: PREPARE, times: 2, effect: { type: 'status', status: 503, retry_after: 7 } });
    expect(rule).toMatchObject({ id: expect.stringMatching(/^fault_\d+$/), times: 2, remaining: 2, hits: 0, probability: 1 });
    const before = tenantState(app);
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {});
      expectEnvelope(res, 503, 'ProductInternalException');
      expect(res.body.code).toBe(1002);
      expect(res.body.error_details).toContain(`rule ${rule.id}`);
      expect(res.headers['retry-after']).toBe('7');
      expect(tenantState(app)).toBe(before);
    }
    // Other requests were never matched: GETs and the create go through while the rule is live.
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('created');
    const third = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {});
    expect(third.status).toBe(200);
    expect(third.body.status).toBe('approved');
    const { data } = await listFaults(app);
    expect(data).toEqual([expect.objectContaining({ id: rule.id, hits: 2, remaining: 0 })]);
    expect(app.faults.armed).toBe(false);
  });

  it('answers 429 with Retry-After (1 s unless given) and the reason phrase of the envelope', async () => {
    const { app, call } = await demoApi();
    await addFault(app, { method: 'GET', effect: { type: 'status', status: 429 }, times: 1 });
    const first = await call('GET', '/Smart/Transactions');
    expectEnvelope(first, 429, 'ProductNotAllowedException');
    expect(first.headers['retry-after']).toBe('1');
    expect(first.body.error_details).toMatch(/^Too many requests: retry after 1 seconds/);
    await addFault(app, { path: '/API/v2/Payment/Customers', effect: { type: 'status', status: 429, retry_after: 30 } });
    const limited = await call('GET', '/Payment/Customers');
    expectEnvelope(limited, 429, 'ProductNotAllowedException');
    expect(limited.body.code).toBe(2012);
    expect(limited.headers['retry-after']).toBe('30');
    const { data } = await listFaults(app);
    expect(data.map((r) => r.hits)).toEqual([1, 1]);
    expect(data[1].path).toBe('/API/v2/Payment/Customers');
  });

  it('defaults to 503 and accepts every 5xx', async () => {
    const { app, call } = await demoApi();
    await addFault(app, { path: '/api/v2/Payment/Plans', times: 1, effect: { type: 'status' } });
    await addFault(app, { path: '/api/v2/Payment/Plans', times: 1, effect: { type: 'status', status: 502 } });
    expectEnvelope(await call('GET', '/Payment/Plans'), 503, 'ProductInternalException');
    const second = await call('GET', '/Payment/Plans');
    expectEnvelope(second, 502, 'ProductInternalException');
    expect(second.headers['retry-after']).toBeUndefined();
    expect((await call('GET', '/Payment/Plans')).status).toBe(200);
  });

  it('fails the token endpoint too, matched by the client_id of the request', async () => {
    const app = await makeApp();
    await addFault(app, { path: '/oauth/token', client_id: OTHER.client_id, times: 1, effect: { type: 'status', status: 500 } });
    const token = (client: object) => app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', ...client } });
    expect((await token({ client_id: 'demo-client', client_secret: 'demo-secret' })).statusCode).toBe(200);
    const failed = await token(OTHER);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ status: 'error', error: 'ProductInternalException' });
    expect((await token(OTHER)).statusCode).toBe(200);
  });
});

describe('matching', () => {
  it('matches the tenant of the bearer token, the method and the path pattern (case-insensitive)', async () => {
    const { app, call } = await demoApi();
    const other = apiClient(app, await tokenFor(app, OTHER));
    await addFault(app, { client_id: 'demo-client', method: 'POST', path: '/api/v2/smart/transactions', effect: { type: 'status', status: 500 } });
    expect((await other('POST', '/Smart/Transactions', STX_BODY)).status).toBe(200);
    expect((await call('GET', '/Smart/Transactions')).status).toBe(200);
    expectEnvelope(await call('POST', '/Smart/Transactions', STX_BODY), 500, 'ProductInternalException');
    expect((await listFaults(app)).data[0]).toMatchObject({ hits: 1, path: '/api/v2/smart/transactions' });
  });

  it('a seeded probability fires on the same requests each time, at about its rate', async () => {
    const pattern = async () => {
      const { app, call } = await demoApi();
      await addFault(app, { method: 'GET', probability: 0.3, seed: 42, effect: { type: 'status' } });
      const hits: boolean[] = [];
      for (let i = 0; i < 60; i++) hits.push((await call('GET', '/Payment/Plans')).status === 503);
      expect((await listFaults(app)).data[0].hits).toBe(hits.filter(Boolean).length);
      return hits;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    const rate = first.filter(Boolean).length / first.length;
    expect(rate).toBeGreaterThan(0.1);
    expect(rate).toBeLessThan(0.5);
  });

  it('probability 0 never fires; the first rule that fires wins', async () => {
    const { app, call } = await demoApi();
    await addFault(app, { probability: 0, effect: { type: 'status', status: 500 } });
    await addFault(app, { times: 1, effect: { type: 'status', status: 502 } });
    expect((await call('GET', '/Payment/Plans')).status).toBe(502);
    expect((await call('GET', '/Payment/Plans')).status).toBe(200);
    expect((await listFaults(app)).data.map((r) => r.hits)).toEqual([0, 1]);
  });

  it('acts before authentication: a tenant rule skips requests without its valid token, a Prefer fault needs none', async () => {
    const { app } = await demoApi();
    expect(app.faults.armed).toBe(false);
    await addFault(app, { client_id: 'demo-client', effect: { type: 'status', status: 500 } });
    const anonymous = await app.inject({ method: 'GET', url: '/api/v2/Payment/Plans', headers: { authorization: 'Bearer not-a-token' } });
    expect(anonymous.statusCode).toBe(403);
    const preferred = await app.inject({ method: 'GET', url: '/api/v2/Payment/Plans', headers: { prefer: 'code=503' } });
    expect(preferred.statusCode).toBe(503);
    expect((await listFaults(app)).data[0].hits).toBe(0);
  });

  it('never touches the control plane', async () => {
    const app = await makeApp();
    await addFault(app, { effect: { type: 'status', status: 500 } });
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/health', headers: { prefer: 'code=503' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/__mock/faults' })).json()).toEqual({ deleted: 1 });
  });
});

describe('the Prefer header', () => {
  it('Prefer: code=503 fails this call only and changes nothing', async () => {
    const { app, call } = await demoApi();
    const token = await tokenFor(app);
    const before = tenantState(app);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v2/Smart/Transactions',
      headers: { authorization: `Bearer ${token}`, prefer: 'code=503', 'content-type': 'application/json' },
      payload: JSON.stringify(STX_BODY),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'error', error: 'ProductInternalException', error_details: expect.stringContaining('Prefer') });
    expect(tenantState(app)).toBe(before);
    expect((await call('POST', '/Smart/Transactions', STX_BODY)).status).toBe(200);
  });

  it('reads code among other preferences, 429 gets Retry-After; delay waits and then executes', async () => {
    const { app } = await demoApi();
    const token = await tokenFor(app);
    const get = (prefer: string) => app.inject({ method: 'GET', url: '/api/v2/Payment/Plans', headers: { authorization: `Bearer ${token}`, prefer } });
    const limited = await get('return=minimal, code="429"');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect((await get('return=minimal')).statusCode).toBe(200);
    const started = performance.now();
    const delayed = await get('delay=150');
    expect(delayed.statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const both = await get('code=500; delay=50');
    expect(both.statusCode).toBe(500);
  });

  it('refuses codes it cannot fake and delays over the bound with 400, executing nothing', async () => {
    const { app } = await demoApi();
    const token = await tokenFor(app);
    const before = tenantState(app);
    for (const prefer of ['code=200', 'code=404', 'code=abc', `delay=${FAULT_LIMITS.delayMs + 1}`, 'delay=-5']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v2/Smart/Transactions',
        headers: { authorization: `Bearer ${token}`, prefer, 'content-type': 'application/json' },
        payload: JSON.stringify(STX_BODY),
      });
      expect(res.statusCode, prefer).toBe(400);
      expect(res.json()).toMatchObject({ status: 'error', error: 'ProductFormatException', error_details: expect.stringContaining('Prefer') });
    }
    expect(tenantState(app)).toBe(before);
  });
});

describe('the rule list', () => {
  it('lists and deletes the rules of one tenant, one rule by id, or all', async () => {
    const app = await makeApp();
    const a = await addFault(app, { client_id: 'demo-client', effect: { type: 'status' } });
    await addFault(app, { client_id: 'other-client', effect: { type: 'drop' } });
    const c = await addFault(app, { effect: { type: 'latency', latency: { distribution: 'fixed', ms: 10 } } });
    expect((await listFaults(app)).count).toBe(3);
    expect((await listFaults(app, '?client_id=demo-client')).data.map((r) => r.id)).toEqual([a.id]);
    const del = (url: string) => app.inject({ method: 'DELETE', url });
    expect((await del('/__mock/faults?client_id=other-client')).json()).toEqual({ deleted: 1 });
    expect((await del(`/__mock/faults/${c.id}`)).json()).toEqual({ deleted: 1 });
    const missing = await del(`/__mock/faults/${c.id}`);
    expect(missing.statusCode).toBe(404);
    expect((await listFaults(app)).data.map((r) => r.id)).toEqual([a.id]);
    expect((await del('/__mock/faults')).json()).toEqual({ deleted: 1 });
    expect((await listFaults(app)).count).toBe(0);
    expect(app.faults.armed).toBe(false);
  });

  it.each([
    [{ effect: { type: 'status', status: 404 } }, '429 or 500-599'],
    [{ effect: { type: 'status', status: 600 } }, 'effect.status'],
    [{ effect: { type: 'explode' } }, 'effect.type'],
    [{ effect: { type: 'latency' } }, 'latency'],
    [{ effect: { type: 'latency', latency: { distribution: 'uniform', min_ms: 1 } } }, 'max_ms'],
    [{ effect: { type: 'latency', latency: { distribution: 'fixed', ms: FAULT_LIMITS.delayMs + 1 } } }, 'ms'],
    [{ effect: { type: 'drop', retry_after: 3 } }, 'retry_after'],
    [{ effect: { type: 'no_reply', latency: { distribution: 'fixed', ms: 5 } } }, 'no_reply'],
    [{ effect: { type: 'drop', status: 500 } }, 'status'],
    [{ path: 'no-slash', effect: { type: 'drop' } }, 'path'],
    [{ path: `/${'a'.repeat(FAULT_LIMITS.patternLength)}`, effect: { type: 'drop' } }, 'path'],
    [{ path: `/${'*a'.repeat(FAULT_LIMITS.patternWildcards + 1)}`, effect: { type: 'drop' } }, 'wildcards'],
    [{ times: 0, effect: { type: 'drop' } }, 'times'],
    [{ times: FAULT_LIMITS.times + 1, effect: { type: 'drop' } }, 'times'],
    [{ probability: 1.5, effect: { type: 'drop' } }, 'probability'],
    [{ method: 'BREW', effect: { type: 'drop' } }, 'method'],
    [{ client_id: 'x'.repeat(129), effect: { type: 'drop' } }, 'client_id'],
    [{}, 'effect'],
  ])('refuses the rule %j with 400, adding nothing', async (rule, named) => {
    const app = await makeApp();
    const res = await app.inject({ method: 'POST', url: '/__mock/faults', payload: rule });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ status: 'error', error: 'ProductFormatException', error_details: expect.stringContaining(named) });
    expect((await listFaults(app)).count).toBe(0);
    expect(app.faults.armed).toBe(false);
  });

  it(`holds at most ${FAULT_LIMITS.rules} rules`, async () => {
    const app = await makeApp();
    for (let i = 0; i < FAULT_LIMITS.rules; i++) await addFault(app, { probability: 0, effect: { type: 'drop' } });
    const res = await app.inject({ method: 'POST', url: '/__mock/faults', payload: { effect: { type: 'drop' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error_details).toContain(`at most ${FAULT_LIMITS.rules}`);
    expect((await listFaults(app)).count).toBe(FAULT_LIMITS.rules);
  });

  it('is guarded like the rest of the control plane and hidden from /openapi.json', async () => {
    const app = await makeApp();
    const evil = await app.inject({ method: 'POST', url: '/__mock/faults', headers: { origin: 'http://evil.example' }, payload: { effect: { type: 'drop' } } });
    expect(evil.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/__mock/faults', headers: { 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    expect((await listFaults(app)).count).toBe(0);
    const remote = await makeApp({ host: '0.0.0.0', adminToken: 'a-long-admin-token-for-tests' });
    expect((await remote.inject({ method: 'GET', url: '/__mock/faults' })).statusCode).toBe(403);
    const ok = await remote.inject({ method: 'POST', url: '/__mock/faults', headers: { authorization: 'Bearer a-long-admin-token-for-tests' }, payload: { effect: { type: 'drop' } } });
    expect(ok.statusCode).toBe(201);
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.includes('fault'))).toEqual([]);
  });
});
