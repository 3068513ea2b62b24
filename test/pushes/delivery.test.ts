// Push notifications over real HTTP to a receiver on 127.0.0.1: what secuconnect sends and when,
// the outbox and its control routes, retries and expiry on the tenant's clock.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { apiClient, expectEnvelope, makeApp, tokenFor } from '../helpers.js';
import { guideSubscriptionBody, INLINE_ACCOUNT, saleBody, tenantRefs } from '../routes/smart-transaction-helpers.js';
import { startReceiver } from './receiver.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function setup(mode: 'auto' | 'manual', statuses?: number[]) {
  const receiver = await startReceiver(statuses);
  const app = await makeApp({ pushes: mode });
  cleanup.push(() => app.close(), () => receiver.close());
  const call = apiClient(app, await tokenFor(app));
  return { app, call, receiver };
}

const control = (app: FastifyInstance) => ({
  pushes: async (query = '') => {
    const res = await app.inject({ method: 'GET', url: `/__mock/pushes${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  },
  deliver: async (body: object = {}) => app.inject({ method: 'POST', url: '/__mock/pushes/deliver', payload: body }),
  clock: async (advance_seconds: number) => {
    const res = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds, client_id: 'demo-client' } });
    expect(res.statusCode).toBe(200);
    return res.json();
  },
});

/** The guide's subscription flow with url_push at the receiver: create, prepare debit (approved), start (ok). */
async function subscriptionFlow(call: ReturnType<typeof apiClient>, urlPush: string) {
  const body = guideSubscriptionBody(await tenantRefs(call));
  body.application_context.return_urls.url_push = urlPush;
  const stx = (await call('POST', '/Smart/Transactions', body)).body;
  const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
  expect(prepared.body.status).toBe('approved');
  const started = await call('POST', `/Smart/Transactions/${stx.id}/start`);
  expect(started.body.status).toBe('ok');
  return { stx, pciId: prepared.body.transactions[0].id as string, subId: prepared.body.subscription.id as string };
}

describe('pushes as secuconnect sends them', () => {
  it('the guide subscription flow pushes the payment transaction to url_push: added on approval, changed on capture', async () => {
    const { app, call, receiver } = await setup('auto');
    const { pciId, subId } = await subscriptionFlow(call, receiver.url);
    await receiver.until(2);
    expect(receiver.received.map((r) => [r.body.type, r.body.data[0].id])).toEqual([
      ['added', pciId],
      ['changed', pciId],
    ]);
    for (const r of receiver.received) {
      expect(r).toMatchObject({ method: 'POST', path: '/shop/push' });
      expect(r.headers).toMatchObject({ 'content-type': 'application/json', accept: '*/*', connection: 'close' });
      expect(r.headers['x-signature']).toBeUndefined();
      expect(Object.keys(r.body).sort()).toEqual(['created', 'data', 'id', 'object', 'target', 'type']);
      expect(r.body).toMatchObject({ object: 'event.pushes', target: 'payment.transactions', data: [{ object: 'payment.transactions', id: pciId }] });
      expect(r.body.id).toMatch(/^evt_[0-9a-f]{24}$/);
      expect(r.body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    }
    // What the push hints at is already there when the receiver re-reads it.
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body.details.status_simple).toBe(1);
    expect((await call('GET', `/Payment/Subscriptions/${subId}`)).body.status).toBe('active');
    // The outbox shows both delivered, one attempt each with the receiver's 200.
    await expect.poll(async () => (await control(app).pushes('?status=delivered')).count).toBe(2);
    const list = await control(app).pushes(`?object_id=${pciId}`);
    expect(list.data).toHaveLength(2);
    for (const push of list.data) {
      expect(push).toMatchObject({ client_id: 'demo-client', url: receiver.url, status: 'delivered', object_id: pciId });
      expect(push.attempts).toHaveLength(1);
      expect(push.attempts[0]).toMatchObject({ status: 200 });
      expect(push.attempts[0].duration_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('cancelling the subscription transaction pushes the payment (void) and the subscription (cancelled)', async () => {
    const { app, call, receiver } = await setup('manual');
    const body = guideSubscriptionBody(await tenantRefs(call));
    body.application_context.return_urls.url_push = receiver.url;
    const stx = (await call('POST', '/Smart/Transactions', body)).body;
    const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    const cancelled = await call('POST', `/Smart/Transactions/${stx.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const list = await control(app).pushes();
    expect(list.data.map((p: any) => [p.body.target, p.body.type, p.object_id])).toEqual([
      ['payment.transactions', 'added', prepared.transactions[0].id],
      ['payment.transactions', 'changed', prepared.transactions[0].id],
      ['payment.subscriptions', 'changed', prepared.subscription.id],
    ]);
  });

  it('an advance payment: added when requested (pending), changed when the money arrives (settle)', async () => {
    const { app, call, receiver } = await setup('manual');
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    const started = (await call('POST', `/Smart/Transactions/${stx.id}/start/prepaid`)).body;
    expect(started.status).toBe('pending');
    const settled = await app.inject({ method: 'POST', url: `/__mock/smart-transactions/${stx.id}/settle`, payload: {} });
    expect(settled.statusCode).toBe(200);
    const list = await control(app).pushes();
    expect(list.data.map((p: any) => [p.body.type, p.object_id])).toEqual([
      ['added', started.transactions[0].id],
      ['changed', started.transactions[0].id],
    ]);
    expect((await call('GET', `/Payment/Transactions/${started.transactions[0].id}`)).body.details.status_simple).toBe(1);
  });

  it('a refund pushes the refunded payment (changed), not the refund itself', async () => {
    const { app, call, receiver } = await setup('manual');
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    const paid = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    await call('POST', `/Smart/Transactions/${stx.id}/start`);
    const pciId = paid.transactions[0].id;
    const before = (await control(app).pushes()).count;
    const refund = await call('POST', `/Payment/Transactions/${pciId}/cancel`, { reduce_amount_by: 400 });
    expect(refund.status).toBe(200);
    const list = await control(app).pushes();
    expect(list.count).toBe(before + 1);
    expect(list.data.at(-1).body).toMatchObject({ target: 'payment.transactions', type: 'changed', data: [{ id: pciId }] });
  });

  it('a request that fails records no push; objects without url_push record none', async () => {
    const { app, call, receiver } = await setup('manual');
    const plain = (await call('POST', '/Smart/Transactions', saleBody())).body;
    await call('POST', `/Smart/Transactions/${plain.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect((await control(app).pushes()).count).toBe(0);
    // A capture beyond the authorised amount is refused after nothing else changed: no push.
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    expect((await control(app).pushes()).count).toBe(1);
    const refused = await call('POST', `/Payment/Transactions/${prepared.transactions[0].id}/capture`, { amount: 999_999 });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await control(app).pushes()).count).toBe(1);
  });
});

describe('manual mode and deliver', () => {
  it('sends nothing until deliver; deliver answers each result; delivered pushes are not sent again', async () => {
    const { app, call, receiver } = await setup('manual');
    const { pciId } = await subscriptionFlow(call, receiver.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    const pending = await control(app).pushes('?status=pending&client_id=demo-client');
    expect(pending).toMatchObject({ count: 2, mode: 'manual' });
    expect(pending.data[0].attempts).toEqual([]);

    const res = await control(app).deliver();
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results).toHaveLength(2);
    for (const r of results) expect(r).toMatchObject({ event: 'push.delivered', client_id: 'demo-client', object_id: pciId, status: 'delivered', attempt: { status: 200 } });
    expect(receiver.received.map((r) => r.body.id)).toEqual(results.map((r: any) => r.push));

    expect((await control(app).deliver({ all: true })).json().results).toEqual([]);
    expect(receiver.received).toHaveLength(2);
    expect((await control(app).pushes('?status=pending')).count).toBe(0);
  });

  it('refuses bad filters and unknown clients with the envelope', async () => {
    const { app } = await setup('manual');
    const bad = await app.inject({ method: 'GET', url: '/__mock/pushes?status=sent' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 'error' });
    const unknown = await control(app).deliver({ client_id: 'nobody' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 'error' });
    expect((await control(app).deliver({ all: 'yes' })).statusCode).toBe(400);
  });

  it('is hidden from /openapi.json and refuses cross-site posts', async () => {
    const { app } = await setup('manual');
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.includes('pushes'))).toEqual([]);
    const cross = await app.inject({ method: 'POST', url: '/__mock/pushes/deliver', headers: { origin: 'https://evil.example' }, payload: {} });
    expect(cross.statusCode).toBe(403);
  });

  it('needs the admin token off loopback', async () => {
    const app = await makeApp({ host: '0.0.0.0', adminToken: 'a'.repeat(32) });
    cleanup.push(() => app.close());
    const refused = await app.inject({ method: 'GET', url: '/__mock/pushes' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ status: 'error' });
    const ok = await app.inject({ method: 'GET', url: '/__mock/pushes', headers: { authorization: `Bearer ${'a'.repeat(32)}` } });
    expect(ok.statusCode).toBe(200);
  });
});

describe('retries and expiry on the tenant clock', () => {
  it('a receiver answering 500 twice gets the push on the third attempt, the clock running the retries', async () => {
    const { app, call, receiver } = await setup('auto', [500, 500, 200]);
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
    await receiver.until(1);
    await expect.poll(async () => (await control(app).pushes()).data[0].attempts.length).toBe(1);
    const first = (await control(app).pushes()).data[0];
    expect(first).toMatchObject({ status: 'pending', object_id: prepared.transactions[0].id, attempts: [{ status: 500 }] });

    // Not yet due: 5 s on, nothing is sent.
    expect((await control(app).clock(5)).events).toEqual([]);
    const second = await control(app).clock(10);
    expect(second.events).toMatchObject([{ event: 'push.attempted', push: first.id, status: 'pending', attempt: { status: 500 } }]);
    const third = await control(app).clock(30);
    expect(third.events).toMatchObject([{ event: 'push.delivered', push: first.id, status: 'delivered', attempt: { status: 200 } }]);
    expect(receiver.received.map((r) => r.body.id)).toEqual([first.id, first.id, first.id]);
    const done = (await control(app).pushes()).data[0];
    expect(done.attempts.map((a: any) => a.status)).toEqual([500, 500, 200]);
    // Attempts are stamped with the tenant clock: 10 s, then 30 s apart.
    const times = done.attempts.map((a: any) => Date.parse(a.at));
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(10_000);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(30_000);
  });

  it('one clock advance runs every retry on the way in time order, then expires the push after 24 h', async () => {
    const { app, call, receiver } = await setup('manual', [503]);
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    const [first] = (await control(app).deliver()).json().results;
    expect(first).toMatchObject({ event: 'push.attempted', status: 'pending', attempt: { status: 503 } });
    // Manual: the clock expires pushes but sends nothing.
    const day = await control(app).clock(24 * 3600);
    expect(day.events).toMatchObject([{ event: 'push.expired', push: first.push, status: 'expired' }]);
    expect(receiver.received).toHaveLength(1);
    expect((await control(app).pushes('?status=expired')).count).toBe(1);
    expect((await control(app).deliver({ all: true })).json().results).toEqual([]);
  });

  it('auto: a receiver that always fails is retried on the schedule until the push expires', async () => {
    const { app, call, receiver } = await setup('auto', [500]);
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    await receiver.until(1);
    await expect.poll(async () => (await control(app).pushes()).data[0].attempts.length).toBe(1);
    const { events } = await control(app).clock(25 * 3600);
    const kinds = events.map((e: any) => e.event);
    expect(kinds.at(-1)).toBe('push.expired');
    expect(kinds.slice(0, -1).every((k: string) => k === 'push.attempted')).toBe(true);
    // 10 s, 30 s, 1, 5, 15, 30 min, 1 h, then every 2 h: 18 retries within the day.
    expect(kinds.length - 1).toBe(18);
    const at = events.map((e: any) => Date.parse(e.at));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    const push = (await control(app).pushes()).data[0];
    expect(push.status).toBe('expired');
    expect(push.attempts).toHaveLength(19);
    expect(Date.parse(push.expires) - Date.parse(push.created)).toBe(24 * 3600 * 1000);
    expect(receiver.received).toHaveLength(19);
  });

  it('an unreachable receiver is an attempt with the error, and the API call is not slowed or failed', async () => {
    const { app, call, receiver } = await setup('manual');
    await receiver.close();
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect(prepared.status).toBe(200);
    const [result] = (await control(app).deliver()).json().results;
    expect(result).toMatchObject({ event: 'push.attempted', status: 'pending' });
    expect(result.attempt.error).toMatch(/ECONNREFUSED/);
    expect(result.attempt.status).toBeUndefined();
  });
});
