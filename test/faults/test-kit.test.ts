// Faults behind the nock test kit (no socket): a status fault answers as over HTTP, a dropped
// connection makes fetch fail as a reset would, an empty reply is an empty body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interceptSecuconnect, type SecuconnectInterceptor } from '../../server/testing/index.js';

const BASE = 'https://connect-testing.secuconnect.com';

describe('faults through the nock kit', () => {
  let mock: SecuconnectInterceptor;
  beforeAll(async () => {
    mock = await interceptSecuconnect();
  });
  afterAll(() => mock.close());

  const rule = async (body: object) => {
    const res = await fetch(`${BASE}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
  };
  const plans = async () => fetch(`${BASE}/api/v2/Payment/Plans`, { headers: { authorization: `Bearer ${await mock.token()}` } });

  it('status, drop and empty, each once, then the answer as usual', async () => {
    await rule({ method: 'GET', times: 1, effect: { type: 'status', status: 429, retry_after: 3 } });
    const limited = await plans();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ status: 'error', error: 'ProductNotAllowedException' });

    await rule({ method: 'GET', times: 1, effect: { type: 'drop' } });
    await expect(plans()).rejects.toThrow(/socket hang up|fetch failed/);

    await rule({ method: 'GET', times: 1, effect: { type: 'empty' } });
    const empty = await plans();
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');

    expect((await plans()).status).toBe(200);
  });
});
