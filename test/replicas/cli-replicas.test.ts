// Replicas as a demo runs them: CLI processes on one Redis. One is killed (SIGKILL) in a burst of
// flows spread over both; the other has every flow either of them acknowledged, consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, CLI, sleep, startMock, type Started } from '../hardening/cli-process.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { expectAcknowledged, flowBurst } from '../flow-burst.js';
import { api, tokenAt } from '../real-http.js';

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
    // Each step on another replica than the one before.
    const burst = flowBurst((n, step) => calls[(n + step) % 2]!, 6);
    await sleep(1500);
    first.child.kill('SIGKILL');
    await burst.stop();
    expect(burst.acknowledged.size).toBeGreaterThan(5);
    await expectAcknowledged(calls[1]!, burst.acknowledged);
  }, 60_000);
});
