// Replicas as a demo runs them: CLI processes on one Redis. One is killed (SIGKILL) in a burst of
// flows spread over both; the other has every flow either of them acknowledged, consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, CLI, sleep, startMock, type Started } from '../hardening/cli-process.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { api, DEBIT, tokenAt } from './support.js';

const { running } = cleanedUpAfterEach();

describe.skipIf(redisMissing)('replicas started by the CLI', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis?.stop());

  async function start(how: 'flag' | 'env'): Promise<Started> {
    const mock = how === 'flag'
      ? await startMock(process.execPath, [CLI, 'start', '--port', '0', '--redis-url', redis.url])
      : await startMock(process.execPath, [CLI, 'start', '--port', '0'], { SECUCONNECT_MOCK_REDIS_URL: redis.url });
    running.push(mock.child);
    return mock;
  }

  it('after one replica is SIGKILLed in a burst, the other has every acknowledged flow, consistent', async () => {
    const first = await start('flag');
    const second = await start('env');
    expect(first.output()).toContain(`State      replica on ${redis.url}`);
    const token = await tokenAt(first.url);
    const calls = [api(first.url, token), api(second.url, token)];
    const acknowledged = new Map<string, string>();
    let stop = false;
    const flow = async (n: number) => {
      while (!stop) {
        // Each step on another replica than the one before.
        const on = (step: number) => calls[(n + step) % 2]!;
        try {
          const made = await on(0)('POST', '/Smart/Transactions', { intent: 'sale', basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'Max', surname: 'Burst' } } });
          if (made.status !== 200) continue;
          acknowledged.set(made.body.id, made.body.status);
          const prepared = await on(1)('POST', `/Smart/Transactions/${made.body.id}/prepare/debit`, DEBIT);
          if (prepared.status === 200) acknowledged.set(made.body.id, prepared.body.status);
          const done = await on(2)('POST', `/Smart/Transactions/${made.body.id}/start`);
          if (done.status === 200) acknowledged.set(made.body.id, done.body.status);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const flows = Array.from({ length: 6 }, (_, n) => flow(n));
    await sleep(1500);
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(flows);
    expect(acknowledged.size).toBeGreaterThan(5);

    const survivor = calls[1]!;
    const order = ['created', 'approved', 'ok'];
    for (const [id, status] of acknowledged) {
      const now = await survivor('GET', `/Smart/Transactions/${id}`);
      expect(now.status, id).toBe(200);
      expect(order.indexOf(now.body.status), `${id}: ${now.body.status}, acknowledged ${status}`).toBeGreaterThanOrEqual(order.indexOf(status));
      for (const t of now.body.transactions) expect((await survivor('GET', `/Payment/Transactions/${t.id}`)).status, t.id).toBe(200);
    }
  }, 60_000);
});
