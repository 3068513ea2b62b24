// Two replicas on one real Redis serve one world: a token and an object made on one are there on the
// other right after, 50 starts split over both capture and activate once, reset and the clock reach
// both, each push is delivered once, and with Redis gone writes get 503 and change nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../helpers.js';
import { startReceiver } from '../pushes/receiver.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { api, tokenAt } from '../real-http.js';
import { DEBIT, replica, subscriptionStx } from './support.js';

describe.skipIf(redisMissing)('two replicas on one Redis', () => {
  let redis: RedisServer;
  const apps: FastifyInstance[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    redis = await startRedis();
    const first = await replica(redis.url);
    const second = await replica(redis.url);
    apps.push(first.app, second.app);
    a = first.url;
    b = second.url;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis?.stop();
  });

  it('a token issued by one works on the other, and an object written on one is read on the other right after', async () => {
    const token = await tokenAt(a);
    const onA = api(a, token);
    const onB = api(b, token);
    const made = await onA('POST', '/Payment/Customers', { contact: { forename: 'Erika', surname: 'Quer' } });
    expect(made.status).toBe(200);
    const read = await onB('GET', `/Payment/Customers/${made.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(made.body);
    expect((await onA('GET', `/Payment/Customers/${made.body.id}`)).body.contact.surname).toBe('Quer');
    const changed = await onB('PUT', `/Payment/Customers/${made.body.id}`, { contact: { forename: 'Erika', surname: 'Zurück' } });
    expect(changed.status).toBe(200);
    expect((await onA('GET', `/Payment/Customers/${made.body.id}`)).body.contact.surname).toBe('Zurück');
    // Ids are handed out once across replicas.
    const other = await onB('POST', '/Payment/Customers', { contact: { forename: 'Otto', surname: 'Zwei' } });
    expect(other.body.id).not.toBe(made.body.id);
  });

  it('50 parallel starts spread over both replicas: one 200, one capture, one activation', async () => {
    const token = await tokenAt(b);
    const onA = api(a, token);
    const onB = api(b, token);
    const plans = await onA('GET', '/Payment/Plans');
    const stx = await onA('POST', '/Smart/Transactions', subscriptionStx(plans.body.data[0].id));
    expect((await onB('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, DEBIT)).body.status).toBe('approved');
    const starts = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? onA : onB)('POST', `/Smart/Transactions/${stx.body.id}/start`)));
    const statuses = starts.map((s) => s.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    for (const on of [onA, onB]) {
      const after = await on('GET', `/Smart/Transactions/${stx.body.id}`);
      expect(after.body.status).toBe('ok');
      const transactions = after.body.transactions as { id: string }[];
      expect(transactions).toHaveLength(1);
      const pt = await on('GET', `/Payment/Transactions/${transactions[0]!.id}`);
      expect(pt.body.status_simple ?? pt.body.status).toBeDefined();
      const subs = (await on('GET', '/Payment/Subscriptions?count=1000')).body.data.filter((s: { status: string; smart_transaction?: { id: string } }) => s.status === 'active');
      expect(subs.filter((s: { payment_transactions?: unknown[]; smart_transaction?: { id: string } }) => JSON.stringify(s).includes(stx.body.id))).toHaveLength(1);
    }
  }, 60_000);

  it('reset on one replica and the clock moved on the other reach both', async () => {
    const token = await tokenAt(a);
    const onA = api(a, token);
    const onB = api(b, token);
    const made = await onA('POST', '/Payment/Customers', { contact: { forename: 'Weg', surname: 'Damit' } });
    expect((await onB('GET', `/Payment/Customers/${made.body.id}`)).status).toBe(200);
    const reset = await onB('POST', '/__mock/reset', { client_id: DEMO.client_id });
    expect(reset.status).toBe(200);
    expect((await onA('GET', `/Payment/Customers/${made.body.id}`)).status).toBe(404);

    const before = await onA('POST', '/__mock/clock', { client_id: DEMO.client_id, advance_seconds: 0 });
    const moved = await onB('POST', '/__mock/clock', { client_id: DEMO.client_id, advance_seconds: 3 * 86_400 });
    expect(moved.status).toBe(200);
    const after = await onA('POST', '/__mock/clock', { client_id: DEMO.client_id, advance_seconds: 0 });
    const days = (Date.parse(after.body.now[DEMO.client_id]) - Date.parse(before.body.now[DEMO.client_id])) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThan(3.01);
    // The token issued before the move (20 minutes) has expired on both.
    expect((await onA('GET', '/Payment/Customers')).status).toBe(403);
    expect((await onB('GET', '/Payment/Customers')).status).toBe(403);
  });
});

describe.skipIf(redisMissing)('pushes with two replicas', () => {
  it('each push of a subscription flow reaches the shop exactly once', async () => {
    const redis = await startRedis();
    const receiver = await startReceiver([200]);
    const first = await replica(redis.url, 'auto');
    const second = await replica(redis.url, 'auto');
    try {
      const token = await tokenAt(first.url);
      const onA = api(first.url, token);
      const onB = api(second.url, token);
      const plans = await onA('GET', '/Payment/Plans');
      const stx = await onA('POST', '/Smart/Transactions', subscriptionStx(plans.body.data[0].id, receiver.url));
      expect((await onB('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, DEBIT)).body.status).toBe('approved');
      expect((await onA('POST', `/Smart/Transactions/${stx.body.id}/start`)).body.status).toBe('ok');
      const outbox = (await onB('GET', '/__mock/pushes')).body.data as { id: string }[];
      expect(outbox.length).toBeGreaterThan(0);
      await receiver.until(outbox.length);
      await new Promise((r) => setTimeout(r, 500)); // a second delivery would arrive by now
      const ids = receiver.received.map((r) => r.body.id);
      expect(ids.sort()).toEqual(outbox.map((p) => p.id).sort());
      // Both replicas see every push delivered, with its one attempt.
      for (const on of [onA, onB]) {
        const seen = (await on('GET', '/__mock/pushes')).body.data as { status: string; attempts: unknown[] }[];
        expect(seen.map((p) => [p.status, p.attempts.length])).toEqual(outbox.map(() => ['delivered', 1]));
      }
    } finally {
      await first.app.close();
      await second.app.close();
      await receiver.close();
      await redis.stop();
    }
  }, 60_000);
});
