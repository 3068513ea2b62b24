// The request journal (GET/DELETE /__mock/requests): what an entry records, the ring's bound, the
// body cut, the filters, clearing, and that a client filter never shows another tenant's requests.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiClient, DEMO, demoApi, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';

async function journal(app: FastifyInstance, query = '') {
  const res = await app.inject({ method: 'GET', url: `/__mock/requests${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { count: number; size: number; body_bytes: number; data: any[] };
}

const newStx = (sum = 100) => ({ basket_info: { sum, currency: 'EUR' } });

describe('the request journal', () => {
  it('records method, path, status, client, both clocks, duration and both bodies, newest first', async () => {
    const { app, call } = await demoApi();
    const tenant = app.store.tenant('demo-client')!;
    tenant.clock.advance(600_000);
    const created = await call('POST', '/Smart/Transactions', newStx(1234));
    const got = await call('GET', `/Smart/Transactions/${created.body.id}?x=1`);
    const { data, size, body_bytes } = await journal(app, '?client_id=demo-client');
    expect(size).toBe(1000);
    expect(body_bytes).toBe(4096);
    const [get, post] = data;
    expect(get).toMatchObject({ method: 'GET', path: `/api/v2/Smart/Transactions/${created.body.id}?x=1`, status: 200, client_id: 'demo-client', request_body: null });
    expect(JSON.parse(get.response_body)).toEqual(got.body);
    expect(get.response_bytes).toBe(JSON.stringify(got.body).length);
    expect(post).toMatchObject({ method: 'POST', path: '/api/v2/Smart/Transactions', status: 200 });
    expect(JSON.parse(post.request_body)).toEqual(newStx(1234));
    expect(post.seq).toBeLessThan(get.seq);
    // Wall time is now; the tenant clock ten minutes ahead, written as the API writes timestamps.
    expect(Math.abs(Date.parse(get.time) - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(get.clock) - Date.parse(get.time)).toBeGreaterThan(598_000);
    expect(get.clock).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(get.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('keeps the newest --journal-size requests of each client', async () => {
    const { app, call } = await demoApi({ journalSize: 5 });
    for (let i = 0; i < 8; i++) await call('GET', `/Smart/Transactions?count=${i + 1}`);
    const { data, size } = await journal(app, '?client_id=demo-client');
    expect(size).toBe(5);
    expect(data.map((e) => e.path)).toEqual([8, 7, 6, 5, 4].map((n) => `/api/v2/Smart/Transactions?count=${n}`));
    // Another client's ring is its own: demo's flood did not push it out.
    const other = apiClient(app, await tokenFor(app, OTHER));
    await other('GET', '/Smart/Transactions');
    for (let i = 0; i < 8; i++) await call('GET', '/Smart/Transactions');
    expect((await journal(app, '?client_id=other-client')).data.map((e) => e.path)).toEqual(['/api/v2/Smart/Transactions', '/oauth/token']);
  });

  it('cuts bodies at --journal-body-bytes and says how long they were', async () => {
    const { app, call } = await demoApi({ journalBodyBytes: 64 });
    const long = { ...newStx(), purpose: 'x'.repeat(500), unknown_field: 'kept as sent' };
    const created = await call('POST', '/Smart/Transactions', long);
    expect(created.status).toBe(200);
    const [entry] = (await journal(app, '?client_id=demo-client&method=POST')).data;
    expect(entry.request_body).toBe(JSON.stringify(long).slice(0, 64));
    expect(entry.request_bytes).toBe(JSON.stringify(long).length);
    expect(entry.response_body).toBe(JSON.stringify(created.body).slice(0, 64));
    expect(entry.response_body).toHaveLength(64);
    expect(entry.response_bytes).toBeGreaterThan(500);
    // A body within the cut is whole.
    await call('POST', '/Smart/Transactions', { basket_info: { sum: 1 }, unknown_field: 1 });
    const [small] = (await journal(app, '?client_id=demo-client&method=POST')).data;
    expect(small.request_body).toBe('{"basket_info":{"sum":1},"unknown_field":1}');
  });

  it('keeps the response bodies of the newest 32 successful reads; older reads keep their sizes, writes and errors their bodies', async () => {
    const { app, call } = await demoApi();
    const created = await call('POST', '/Smart/Transactions', newStx());
    await call('GET', '/Smart/Transactions/STX_NOPE');
    for (let i = 0; i < 40; i++) await call('GET', `/Smart/Transactions/${created.body.id}`);
    const { data } = await journal(app, '?client_id=demo-client&limit=1000');
    const reads = data.filter((e) => e.method === 'GET' && e.status === 200);
    expect(reads).toHaveLength(40);
    expect(reads.slice(0, 32).every((e) => JSON.parse(e.response_body).id === created.body.id)).toBe(true);
    expect(reads.slice(32).map((e) => e.response_body)).toEqual(Array(8).fill(null));
    expect(reads.slice(32).every((e) => e.response_bytes === reads[0].response_bytes)).toBe(true);
    expect(JSON.parse(data.find((e) => e.status === 404).response_body).error).toBe('ProductNotFoundException');
    expect(JSON.parse(data.find((e) => e.method === 'POST' && e.path === '/api/v2/Smart/Transactions').response_body).id).toBe(created.body.id);
  });

  it('filters by client, method, path, status, since and after', async () => {
    const { app, call } = await demoApi();
    await call('POST', '/Smart/Transactions', newStx());
    await call('GET', '/Smart/Transactions/STX_NOPE');
    // Millisecond times: apart by more than one on both sides.
    await new Promise((r) => setTimeout(r, 5));
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await call('GET', '/Payment/Customers');
    const all = await journal(app);
    expect((await journal(app, '?method=POST&client_id=demo-client')).data.map((e) => e.path)).toEqual(['/api/v2/Smart/Transactions', '/oauth/token']);
    expect((await journal(app, '?status=404')).data.map((e) => e.path)).toEqual(['/api/v2/Smart/Transactions/STX_NOPE']);
    expect((await journal(app, '?path=Customers')).data.map((e) => e.path)).toEqual(['/api/v2/Payment/Customers']);
    const since = (await journal(app, `?since=${encodeURIComponent(before)}`)).data;
    expect(since.map((e) => e.path)).toEqual(['/api/v2/Payment/Customers']);
    const newest = all.data[0].seq;
    expect((await journal(app, `?after=${newest - 1}`)).data.map((e) => e.seq)).toEqual([newest]);
    expect((await journal(app, '?limit=2')).data).toHaveLength(2);
  });

  it('never shows one tenant’s requests, or requests of none, under another client’s filter', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app, DEMO));
    const other = apiClient(app, await tokenFor(app, OTHER));
    await demo('POST', '/Smart/Transactions', newStx(111));
    await other('POST', '/Smart/Transactions', newStx(222));
    // Requests of no tenant: wrong credentials, an unknown token.
    await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'wrong' } });
    await apiClient(app, 'not-a-token')('GET', '/Smart/Transactions');
    const forDemo = (await journal(app, '?client_id=demo-client')).data;
    const forOther = (await journal(app, '?client_id=other-client')).data;
    expect(forDemo.every((e) => e.client_id === 'demo-client')).toBe(true);
    expect(forOther.every((e) => e.client_id === 'other-client')).toBe(true);
    expect(JSON.stringify(forDemo)).not.toContain('222');
    expect(JSON.stringify(forOther)).not.toContain('"sum":111');
    expect(JSON.stringify([...forDemo, ...forOther])).not.toContain('wrong');
    const shared = (await journal(app)).data.filter((e) => e.client_id === null);
    expect(shared.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/api/v2/Smart/Transactions', 403],
      ['POST', '/oauth/token', 400],
    ]);
    // A successful token request and a control call naming a client are that client's.
    expect(forDemo.some((e) => e.path === '/oauth/token' && e.status === 200)).toBe(true);
    await app.inject({ method: 'POST', url: '/__mock/reset', payload: { client_id: 'other-client' } });
    expect((await journal(app, '?client_id=other-client')).data[0]).toMatchObject({ path: '/__mock/reset', status: 200 });
  });

  it('leaves out reads of the control plane (the console polls them) and its own clearing', async () => {
    const { app } = await demoApi();
    await app.inject({ method: 'GET', url: '/__mock/health' });
    await app.inject({ method: 'GET', url: '/__mock/' });
    await app.inject({ method: 'DELETE', url: '/__mock/requests?client_id=other-client' });
    await journal(app);
    expect((await journal(app)).data.filter((e) => e.path.startsWith('/__mock'))).toEqual([]);
  });

  it('is cleared for one client or for all', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app, DEMO));
    const other = apiClient(app, await tokenFor(app, OTHER));
    await demo('GET', '/Smart/Transactions');
    await other('GET', '/Smart/Transactions');
    const one = await app.inject({ method: 'DELETE', url: '/__mock/requests?client_id=demo-client' });
    expect(one.json()).toEqual({ deleted: 2 }); // its token request and the GET
    expect((await journal(app, '?client_id=demo-client')).count).toBe(0);
    expect((await journal(app, '?client_id=other-client')).count).toBe(2);
    const all = await app.inject({ method: 'DELETE', url: '/__mock/requests' });
    expect(all.json().deleted).toBeGreaterThanOrEqual(2);
    expect((await journal(app)).count).toBe(0);
  });

  it('holds no more than --journal-max-bytes over all clients, a ring down to a floor of its newest', async () => {
    const { app, call } = await demoApi({ journalMaxBytes: 65536, journalBodyBytes: 4096 });
    const big = { ...newStx(), purpose: 'y'.repeat(1900) };
    for (let i = 0; i < 60; i++) await call('POST', '/Smart/Transactions', big);
    const { data } = await journal(app, '?client_id=demo-client&limit=1000');
    expect(data.length).toBeLessThan(60);
    expect(data.length).toBeGreaterThanOrEqual(16);
    expect(data[0].seq).toBe(Math.max(...data.map((e) => e.seq)));
  });

  it('is off with --journal-size 0: nothing recorded, no status history', async () => {
    const { app, call } = await demoApi({ journalSize: 0 });
    const stx = await call('POST', '/Smart/Transactions', newStx());
    expect(await journal(app)).toMatchObject({ count: 0, size: 0, data: [] });
    expect(app.statusHistory.of(app.store.tenant('demo-client')!, stx.body.id)).toEqual([]);
  });

  it('answers bad filters with the envelope', async () => {
    const { app } = await demoApi();
    for (const [query, status, error] of [
      ['?client_id=nobody', 404, 'ProductNotFoundException'],
      ['?since=yesterday', 400, 'ProductFormatException'],
      ['?status=42', 400, 'ProductFormatException'],
      ['?limit=100000', 400, 'ProductFormatException'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/__mock/requests${query}` });
      expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, status, error);
    }
  });
});

describe('the status history', () => {
  it('notes each status change at commit with the request that caused it, and none for a rolled-back step', async () => {
    const { app, call } = await demoApi();
    const stx = (await call('POST', '/Smart/Transactions', newStx())).body;
    // Illegal: nothing changes, nothing is noted.
    expect((await call('POST', `/Smart/Transactions/${stx.id}/start/debit`, {})).status).toBe(400);
    const cancel = await call('POST', `/Smart/Transactions/${stx.id}/cancel`, {});
    expect(cancel.body.status).toBe('cancelled');
    const tenant = app.store.tenant('demo-client')!;
    const changes = app.statusHistory.of(tenant, stx.id);
    expect(changes.map((c) => [c.from, c.to])).toEqual([[null, 'created'], ['created', 'cancelled']]);
    const entries = (await journal(app, '?client_id=demo-client&method=POST')).data;
    const causeOf = (id: string | null) => entries.find((e) => e.id === id);
    expect(causeOf(changes[0].cause)).toMatchObject({ path: '/api/v2/Smart/Transactions', status: 200 });
    expect(causeOf(changes[1].cause)).toMatchObject({ path: `/api/v2/Smart/Transactions/${stx.id}/cancel`, status: 200 });
    expect(changes[1].at).toBe(Date.parse(cancel.body.updated) - (Date.parse(cancel.body.updated) % 1000) + (changes[1].at % 1000));
  });
});
