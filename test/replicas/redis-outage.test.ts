// Replicas when Redis goes away and comes back, and replicas that start late or restart: they catch
// up from Redis; without it writes get 503 in the envelope and change nothing; reads go on.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { expectEnvelope } from '../helpers.js';
import { redisMissing, startRedis } from './redis-server.js';
import { api, tokenAt } from '../real-http.js';
import { replica, until } from './support.js';

describe.skipIf(redisMissing)('replicas and an unreliable Redis', () => {
  it('Redis stopped: writes answer 503 and change nothing, reads go on; restarted: service resumes on both replicas', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-redis-'));
    const redis = await startRedis({ dir });
    const first = await replica(redis.url);
    const second = await replica(redis.url);
    try {
      const token = await tokenAt(first.url);
      const onA = api(first.url, token);
      const onB = api(second.url, token);
      const kept = await onA('POST', '/Payment/Customers', { contact: { forename: 'Vor', surname: 'Ausfall' } });
      const listed = (await onA('GET', '/Payment/Customers?count=1000')).body;

      await redis.stop();
      const refused = await onA('POST', '/Payment/Customers', { contact: { forename: 'Im', surname: 'Ausfall' } });
      expectEnvelope(refused, 503, 'ProductInternalException');
      expect(refused.body.error_details).toMatch(/Redis is unreachable/);
      expectEnvelope(await onB('PUT', `/Payment/Customers/${kept.body.id}`, { contact: { forename: 'Im', surname: 'Ausfall' } }), 503, 'ProductInternalException');
      // Reads are local and go on; nothing of the refused writes is there.
      expect((await onA('GET', '/Payment/Customers?count=1000')).body).toEqual(listed);
      expect((await onB('GET', `/Payment/Customers/${kept.body.id}`)).body).toEqual(kept.body);

      await redis.start();
      await until(async () => (await onA('POST', '/Payment/Customers', { contact: { forename: 'Nach', surname: 'Ausfall' } })).status === 200);
      const after = await onA('POST', '/Payment/Customers', { contact: { forename: 'Wieder', surname: 'Da' } });
      expect(after.status).toBe(200);
      await until(async () => (await onB('GET', `/Payment/Customers/${after.body.id}`)).status === 200);
      const changed = await onB('PUT', `/Payment/Customers/${kept.body.id}`, { contact: { forename: 'Wieder', surname: 'Geändert' } });
      expect(changed.status).toBe(200);
      expect((await onA('GET', `/Payment/Customers/${kept.body.id}`)).body.contact.surname).toBe('Geändert');
    } finally {
      await first.app.close();
      await second.app.close();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a replica that starts late, or restarts, catches up: objects, tokens and provider-state clients', async () => {
    const redis = await startRedis();
    const first = await replica(redis.url);
    let second = await replica(redis.url);
    try {
      const token = await tokenAt(first.url);
      const made = await api(first.url, token)('POST', '/Payment/Customers', { contact: { forename: 'Früh', surname: 'Da' } });
      const state = await api(first.url, token)('POST', '/__mock/provider-states', { state: 'a client with credentials', params: { client_id: 'late-client', client_secret: 'late-secret' } });
      expect(state.status).toBeLessThan(300);
      await second.app.close();
      const late = await replica(redis.url);
      second = late;
      expect((await api(late.url, token)('GET', `/Payment/Customers/${made.body.id}`)).body).toEqual(made.body);
      const lateToken = await tokenAt(late.url, { client_id: 'late-client', client_secret: 'late-secret' });
      expect((await api(first.url, lateToken)('GET', '/Payment/Customers')).status).toBe(200);
    } finally {
      await first.app.close();
      await second.app.close();
      await redis.stop();
    }
  }, 60_000);
});

describe.skipIf(redisMissing)('what a replica refuses at start', () => {
  it('a replica of another scenario, or of an older format than Redis holds, does not start; neither does one with a data dir too', async () => {
    const redis = await startRedis();
    const first = await replica(redis.url);
    try {
      await expect(buildApp({ logLevel: 'silent', redisUrl: redis.url, scenario: { name: 'other', clients: [{ client_id: 'only-client', client_secret: 'only-secret', merchant: { companyname: 'Other GmbH' } }] } as never })).rejects.toThrow(/another scenario/);
      const { Redis } = await import('ioredis');
      const raw = new Redis(redis.url);
      await raw.hset('scm:meta', 'format', '99');
      await raw.quit();
      await expect(buildApp({ logLevel: 'silent', redisUrl: redis.url })).rejects.toThrow(/format 99, written by a newer secuconnect-mock/);
      await expect(buildApp({ logLevel: 'silent', redisUrl: redis.url, dataDir: '/tmp/unused' })).rejects.toThrow(/exclude each other/);
      await expect(buildApp({ logLevel: 'silent', redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    } finally {
      await first.app.close();
      await redis.stop();
    }
  }, 60_000);
});

describe.skipIf(redisMissing)('a long-running world on Redis', () => {
  it('compacts a tenant log into a snapshot, and a replica started after it loads the snapshot and what followed', async () => {
    const redis = await startRedis();
    const app = await buildApp({ logLevel: 'silent', pushes: 'manual', redisUrl: redis.url, compactAfterBytes: 4096 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    let late: Awaited<ReturnType<typeof replica>> | undefined;
    try {
      const token = await tokenAt(url);
      const call = api(url, token);
      const made: string[] = [];
      for (let i = 0; i < 40; i++) made.push((await call('POST', '/Payment/Customers', { contact: { forename: `Kunde${i}`, surname: 'Lang' } })).body.id);
      const { Redis } = await import('ioredis');
      const raw = new Redis(redis.url);
      const meta = await raw.hgetall('scm:t:demo-client');
      const logLength = await raw.llen('scm:t:demo-client:log');
      await raw.quit();
      expect(Number(meta.base)).toBeGreaterThan(0);
      expect(logLength).toBe(Number(meta.pos) - Number(meta.base));
      late = await replica(redis.url);
      const onLate = api(late.url, token); // the token came with the snapshot or the log after it
      for (const id of made) expect((await onLate('GET', `/Payment/Customers/${id}`)).status, id).toBe(200);
      const list = (await onLate('GET', '/Payment/Customers?count=1000')).body;
      expect(list).toEqual((await call('GET', '/Payment/Customers?count=1000')).body);
    } finally {
      await late?.app.close();
      await app.close();
      await redis.stop();
    }
  }, 60_000);
});
