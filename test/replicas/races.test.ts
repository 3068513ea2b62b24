// Replicas under races: many writes to one tenant over three replicas, a reset racing writes, the
// clock moved on two replicas at once, one new client made on two at once, a token used on another
// replica than the one that issued it, Redis killed mid-burst, and one replica cut off from Redis
// while the others go on. Afterwards every replica holds the same world, with every write that was
// answered 200 in it.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../helpers.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { api, tokenAt } from '../real-http.js';
import { DEBIT, replica, subscriptionStx, until } from './support.js';

type Call = ReturnType<typeof api>;

const LISTS = ['/Payment/Customers', '/Payment/Containers', '/Payment/Plans', '/Payment/Subscriptions', '/Payment/Transactions', '/Smart/Transactions', '/General/Merchants'];

/** Every list of the API as one replica answers it. */
async function world(call: Call) {
  const lists: Record<string, unknown> = {};
  for (const path of LISTS) {
    const res = await call('GET', `${path}?count=1000`);
    expect(res.status, path).toBe(200);
    // Checkout links name the replica that answers.
    lists[path] = JSON.parse(JSON.stringify(res.body).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN'));
  }
  return lists;
}

/** Waits until every replica answers the same lists, and returns them. */
async function converged(calls: Call[]) {
  let worlds: Record<string, unknown>[] = [];
  await until(async () => {
    worlds = await Promise.all(calls.map(world));
    return worlds.every((w) => JSON.stringify(w) === JSON.stringify(worlds[0]));
  }).catch(() => undefined);
  for (const w of worlds.slice(1)) expect(w).toEqual(worlds[0]);
  return worlds[0]!;
}

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

/** A TCP relay to Redis that can be cut (connections dropped, new ones refused) and restored. */
async function relay(target: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((inbound) => {
        const outbound = connect(target, '127.0.0.1');
        for (const s of [inbound, outbound]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => (sockets.delete(s), inbound.destroy(), outbound.destroy()));
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as { port: number }).port));
    });
  const port = await listen(0);
  const close = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise((resolve) => s.close(resolve));
  };
  return { url: `redis://127.0.0.1:${port}`, cut: close, restore: () => listen(port), close };
}

const customer = (forename: string, surname = 'Rennen') => ({ contact: { forename, surname } });

describe.skipIf(redisMissing)('replicas under races', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(count: number, options: { dir?: string; relayed?: number } = {}) {
    const redis = await startRedis(options);
    cleanups.push(() => redis.stop());
    const apps: FastifyInstance[] = [];
    const urls: string[] = [];
    const relays: Awaited<ReturnType<typeof relay>>[] = [];
    for (let i = 0; i < count; i++) {
      let url = redis.url;
      if (options.relayed === i) {
        const r = await relay(redis.port);
        relays.push(r);
        cleanups.push(() => r.close());
        url = r.url;
      }
      const started = await replica(url);
      apps.push(started.app);
      urls.push(started.url);
      cleanups.push(() => started.app.close());
    }
    const token = await tokenAt(urls[0]!);
    return { redis, apps, urls, relays, token, calls: urls.map((u) => api(u, token)) };
  }

  it('200 creates and updates of one tenant spread over three replicas: every answered write on every replica, ids unique, lists identical', async () => {
    const { calls } = await setup(3);
    const made = await pool(
      32,
      Array.from({ length: 200 }, (_, i) => () => calls[i % 3]!('POST', '/Payment/Customers', customer(`Kunde${i}`))),
    );
    expect(made.map((m) => m.status)).toEqual(made.map(() => 200));
    const ids = made.map((m) => m.body.id as string);
    expect(new Set(ids).size).toBe(200);
    // Each one changed on another replica than the one that made it.
    const changed = await pool(
      32,
      ids.map((id, i) => () => calls[(i + 1) % 3]!('PUT', `/Payment/Customers/${id}`, customer(`Kunde${i}`, `Geändert${i}`))),
    );
    expect(changed.map((c) => c.status)).toEqual(changed.map(() => 200));

    const lists = await converged(calls);
    const listed = (lists['/Payment/Customers'] as { data: { id: string; contact: { surname: string } }[] }).data;
    const byId = new Map(listed.map((c) => [c.id, c]));
    ids.forEach((id, i) => expect(byId.get(id)?.contact.surname, id).toBe(`Geändert${i}`));
    for (const call of calls) for (const i of [0, 99, 199]) expect((await call('GET', `/Payment/Customers/${ids[i]}`)).body).toEqual(changed[i]!.body);
  }, 60_000);

  it('a reset on one replica racing writes on the other: both end identical, with the writes answered after the reset', async () => {
    const { calls, urls } = await setup(2);
    const [onA, onB] = calls as [Call, Call];
    for (let i = 0; i < 10; i++) expect((await onA('POST', '/Payment/Customers', customer(`Alt${i}`))).status).toBe(200);
    const writes = pool(8, Array.from({ length: 80 }, (_, i) => () => onB('POST', '/Payment/Customers', customer(`Neu${i}`))));
    await new Promise((r) => setTimeout(r, 20));
    const reset = await fetch(`${urls[0]}/__mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: DEMO.client_id }) });
    expect(reset.status, await reset.clone().text()).toBe(200);
    const answered = await writes;
    // The reset forgets tokens: what was answered with 403 came after it.
    expect(answered.every((w) => w.status === 200 || w.status === 403)).toBe(true);
    const token = await tokenAt(urls[1]!);
    const again = [api(urls[0]!, token), api(urls[1]!, token)];
    const lists = await converged(again);
    const forenames = (lists['/Payment/Customers'] as { data: { contact?: { forename?: string } }[] }).data.map((c) => c.contact?.forename ?? '');
    expect(forenames.filter((n) => n.startsWith('Alt'))).toEqual([]);
    // Besides the seeded ones, what is there was answered 200 (after the reset); the reset removed the rest.
    const made = forenames.filter((n) => n.startsWith('Neu'));
    for (const n of made) expect(answered.some((w) => w.status === 200 && w.body.contact.forename === n), n).toBe(true);
    const seeded = forenames.length - made.length;
    const fresh = await startRedis();
    cleanups.push(() => fresh.stop());
    const alone = await replica(fresh.url);
    cleanups.push(() => alone.app.close());
    expect(seeded).toBe((await api(alone.url, await tokenAt(alone.url))('GET', '/Payment/Customers?count=1000')).body.data.length);
  }, 60_000);

  it('the clock moved on both replicas at once: it moves by the sum, and the subscription renews once', async () => {
    const { calls, urls } = await setup(2);
    const [onA, onB] = calls as [Call, Call];
    const plans = await onA('GET', '/Payment/Plans');
    const stx = await onA('POST', '/Smart/Transactions', subscriptionStx(plans.body.data[0].id));
    const prepared = await onB('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, DEBIT);
    expect(prepared.status).toBe(200);
    // Right after the prepare was answered by the other replica.
    const started = await onA('POST', `/Smart/Transactions/${stx.body.id}/start`);
    expect(started.body.status, JSON.stringify(started.body)).toBe('ok');
    const subId = prepared.body.subscription.id as string;

    const clock = (url: string, seconds: number) =>
      fetch(`${url}/__mock/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: DEMO.client_id, advance_seconds: seconds }) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const before = await clock(urls[0]!, 0);
    // Ten moves of four days, five on each replica at once: 40 days, past one monthly billing, short of the second.
    const moves = await Promise.all(Array.from({ length: 10 }, (_, i) => clock(urls[i % 2]!, 4 * 86_400)));
    expect(moves.map((m) => m.status)).toEqual(moves.map(() => 200));
    const after = await clock(urls[1]!, 0);
    const days = (Date.parse(after.body.now[DEMO.client_id]) - Date.parse(before.body.now[DEMO.client_id])) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(40);
    expect(days).toBeLessThan(40.01);
    const renewedEvents = moves.flatMap((m) => m.body.events as { event: string; object_id: string }[]).filter((e) => e.event.startsWith('subscription.') && e.event.includes('renew'));
    expect(renewedEvents.length).toBeLessThanOrEqual(1);

    const token = await tokenAt(urls[0]!);
    for (const url of urls) {
      const on = api(url, token);
      const payments = (await on('GET', `/Payment/Transactions?q=subscription.id:${subId}&count=100`)).body.data as unknown[];
      // The purchase and one renewal.
      expect(payments, url).toHaveLength(2);
      const sub = (await on('GET', `/Payment/Subscriptions/${subId}`)).body;
      expect(sub.billing_cycles.cycle_executions[0].cycles_completed, url).toBe(2);
    }
    await converged(urls.map((u) => api(u, token)));
  }, 60_000);

  it('one new client made by provider states on both replicas at once: made once, and its tokens work on both', async () => {
    const { urls } = await setup(2);
    const params = { client_id: 'twin-client', client_secret: 'twin-secret', companyname: 'Zwilling GmbH' };
    const states = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fetch(`${urls[i % 2]}/__mock/provider-states`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'a client with credentials', params }) }).then((r) => r.status),
      ),
    );
    expect(states.every((s) => s < 300), String(states)).toBe(true);
    const tokens = await Promise.all(urls.map((u) => tokenAt(u, params)));
    const calls = urls.flatMap((u) => tokens.map((t) => api(u, t)));
    const merchants = await Promise.all(calls.map(async (call) => (await call('GET', '/General/Merchants?count=1000')).body));
    for (const m of merchants) expect(m).toEqual(merchants[0]);
    expect((merchants[0] as { data: { user?: { companyname?: string } }[] }).data.map((m) => m.user?.companyname)).toEqual(['Zwilling GmbH']);
    const made = await calls[0]!('POST', '/Payment/Customers', customer('Zwei', 'Mal'));
    expect(made.status).toBe(200);
    for (const call of calls) expect((await call('GET', `/Payment/Customers/${made.body.id}`)).body).toEqual(made.body);
  }, 60_000);

  it('a token issued on one replica works on the other at once, 100 times over', async () => {
    const { urls } = await setup(2);
    for (let i = 0; i < 100; i++) {
      const token = await tokenAt(urls[i % 2]!);
      const res = await api(urls[(i + 1) % 2]!, token)('GET', '/Payment/Customers?count=1');
      expect(res.status, `round ${i}`).toBe(200);
    }
  }, 60_000);

  it('an object made on one replica is changed on the other at once, 100 times over, and a payment prepared on one is started on the other', async () => {
    const { calls } = await setup(2);
    for (let i = 0; i < 100; i++) {
      const made = await calls[i % 2]!('POST', '/Payment/Customers', customer(`Hin${i}`));
      expect(made.status).toBe(200);
      const changed = await calls[(i + 1) % 2]!('PUT', `/Payment/Customers/${made.body.id}`, customer(`Hin${i}`, 'Her'));
      expect(changed.status, `round ${i}: ${JSON.stringify(changed.body)}`).toBe(200);
    }
    for (let i = 0; i < 20; i++) {
      const stx = await calls[i % 2]!('POST', '/Smart/Transactions', { intent: 'sale', basket_info: { sum: 1000, currency: 'EUR' }, customer: customer('Max') });
      expect((await calls[(i + 1) % 2]!('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, DEBIT)).body.status).toBe('approved');
      const started = await calls[i % 2]!('POST', `/Smart/Transactions/${stx.body.id}/start`);
      expect(started.status, `round ${i}: ${JSON.stringify(started.body)}`).toBe(200);
    }
  }, 60_000);

  it('Redis killed (SIGKILL) in a burst of writes on both replicas, then restarted: both converge, with every write answered 200', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-redis-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { redis, calls } = await setup(2, { dir });
    const answered: { id: string; surname: string }[] = [];
    let refused = 0;
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const call = calls[(n + i) % 2]!;
        const res = await call('POST', '/Payment/Customers', customer(`W${n}-${i}`, `S${n}-${i}`));
        if (res.status === 200) answered.push({ id: res.body.id, surname: res.body.contact.surname });
        else {
          expect(res.status, JSON.stringify(res.body)).toBe(503);
          refused++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    await until(async () => answered.length >= 40);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 300));
    await redis.start();
    // Until both replicas take writes again.
    await until(async () => (await Promise.all(calls.map((c) => c('POST', '/Payment/Customers', customer('Zurück'))))).every((r) => r.status === 200));
    stop = true;
    await Promise.all(writers);
    expect(refused).toBeGreaterThan(0);

    const lists = await converged(calls);
    const listed = new Map((lists['/Payment/Customers'] as { data: { id: string; contact: { surname: string } }[] }).data.map((c) => [c.id, c.contact.surname]));
    for (const a of answered) expect(listed.get(a.id), a.id).toBe(a.surname);
    expect(new Set(answered.map((a) => a.id)).size).toBe(answered.length);
  }, 60_000);

  it('a replica cut off from Redis while the others go on: its writes answer 503, reads go on, and it catches up once back', async () => {
    const { calls, relays } = await setup(3, { relayed: 2 });
    const cutOff = calls[2]!;
    const others = calls.slice(0, 2);
    const early = await others[0]!('POST', '/Payment/Customers', customer('Vorher'));
    expect((await cutOff('GET', `/Payment/Customers/${early.body.id}`)).status).toBe(200);
    await relays[0]!.cut();
    const refused = await until(async () => (await cutOff('POST', '/Payment/Customers', customer('Abgeschnitten'))).status === 503).then(() => true);
    expect(refused).toBe(true);
    const meanwhile = await pool(8, Array.from({ length: 40 }, (_, i) => () => others[i % 2]!('PUT', `/Payment/Customers/${early.body.id}`, customer('Vorher', `Mal${i}`))));
    expect(meanwhile.map((m) => m.status)).toEqual(meanwhile.map(() => 200));
    const made = await pool(8, Array.from({ length: 40 }, (_, i) => () => others[i % 2]!('POST', '/Payment/Customers', customer(`Während${i}`))));
    expect(made.map((m) => m.status)).toEqual(made.map(() => 200));
    // Reads go on there, from what it had, and so does a browser's CORS preflight.
    expect((await cutOff('GET', `/Payment/Customers/${early.body.id}`)).status).toBe(200);
    const preflight = await cutOff('OPTIONS', '/Payment/Customers');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');

    await relays[0]!.restore();
    await until(async () => (await cutOff('POST', '/Payment/Customers', customer('Wieder'))).status === 200);
    const lists = await converged(calls);
    const listed = (lists['/Payment/Customers'] as { data: { id: string }[] }).data.map((c) => c.id);
    for (const m of made) expect(listed).toContain(m.body.id);
    const last = await others[0]!('GET', `/Payment/Customers/${early.body.id}`);
    expect((await cutOff('GET', `/Payment/Customers/${early.body.id}`)).body).toEqual(last.body);
  }, 60_000);
});
