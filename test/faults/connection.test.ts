// Connection-level faults over real HTTP on 127.0.0.1: a dropped connection, an empty reply, no
// reply until the request timeout, and latencies (fixed, uniform, log-normal), each seen by a
// real client; a faulted request changes nothing, a delayed one is executed.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, tokenFor } from '../helpers.js';
import { sampleDelay, seededRandom } from '../../server/plugins/faults.js';
import { FAULT_LIMITS } from '../../server/schemas/faults.js';
import { addFault, listFaults, STX_BODY, tenantState } from './support.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function listening(options: Parameters<typeof makeApp>[0] = {}) {
  const app = await makeApp(options);
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, port, token: await tokenFor(app) };
}

interface Outcome {
  status?: number;
  body?: string;
  headers?: Record<string, unknown>;
  error?: NodeJS.ErrnoException;
  ms: number;
}

/** One real HTTP request (a fresh connection): what came back, or the socket error, and how long it took. */
function send(port: number, method: string, path: string, token: string, body?: unknown): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: text, headers: res.headers, ms: performance.now() - started }));
      },
    );
    req.on('error', (error) => resolve({ error, ms: performance.now() - started }));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('connection faults over real HTTP', () => {
  it('drop: the connection closes without an answer, and the create did not happen', async () => {
    const { app, port, token } = await listening();
    await addFault(app, { method: 'POST', path: '/api/v2/Smart/Transactions', times: 1, effect: { type: 'drop' } });
    const before = tenantState(app);
    const res = await send(port, 'POST', '/api/v2/Smart/Transactions', token, STX_BODY);
    expect(res.status).toBeUndefined();
    expect(res.error?.code).toBe('ECONNRESET');
    expect(tenantState(app)).toBe(before);
    const retried = await send(port, 'POST', '/api/v2/Smart/Transactions', token, STX_BODY);
    expect(retried.status).toBe(200);
    expect(JSON.parse(retried.body!).status).toBe('created');
    expect((await listFaults(app)).data[0]).toMatchObject({ hits: 1, remaining: 0 });
  });

  it('empty: an answer with the status and no body at all', async () => {
    const { app, port, token } = await listening();
    await addFault(app, { method: 'GET', times: 1, effect: { type: 'empty' } });
    await addFault(app, { method: 'POST', times: 1, effect: { type: 'empty', status: 502 } });
    const before = tenantState(app);
    const empty = await send(port, 'GET', '/api/v2/Payment/Plans', token);
    expect(empty).toMatchObject({ status: 200, body: '' });
    expect(empty.headers!['content-length']).toBe('0');
    expect(empty.headers!['content-type']).toBeUndefined();
    const bad = await send(port, 'POST', '/api/v2/Smart/Transactions', token, STX_BODY);
    expect(bad).toMatchObject({ status: 502, body: '' });
    expect(tenantState(app)).toBe(before);
  });

  it('no_reply: nothing comes back until the request timeout, then the connection is closed; nothing is executed', async () => {
    const { app, port, token } = await listening({ requestTimeout: 400 });
    await addFault(app, { method: 'POST', times: 1, effect: { type: 'no_reply' } });
    const before = tenantState(app);
    const res = await send(port, 'POST', '/api/v2/Smart/Transactions', token, STX_BODY);
    expect(res.status).toBeUndefined();
    expect(res.error?.code).toBe('ECONNRESET');
    expect(res.ms).toBeGreaterThanOrEqual(380);
    expect(tenantState(app)).toBe(before);
  });

  it('no_reply: closing the app closes the held connections at once', async () => {
    const { app, port, token } = await listening({ requestTimeout: 60_000 });
    await addFault(app, { effect: { type: 'no_reply' } });
    const pending = send(port, 'GET', '/api/v2/Payment/Plans', token);
    await new Promise((r) => setTimeout(r, 100));
    const closing = performance.now();
    await app.close();
    const res = await pending;
    expect(res.error?.code).toBe('ECONNRESET');
    expect(performance.now() - closing).toBeLessThan(5000);
  });

  it('closing the app does not wait out a latency: the waiting request is dropped, not executed', async () => {
    const { app, port, token } = await listening();
    await addFault(app, { method: 'POST', effect: { type: 'latency', latency: { distribution: 'fixed', ms: 30_000 } } });
    const pending = send(port, 'POST', '/api/v2/Smart/Transactions', token, STX_BODY);
    await new Promise((r) => setTimeout(r, 100));
    const before = tenantState(app);
    const closing = performance.now();
    await app.close();
    expect((await pending).error?.code).toBe('ECONNRESET');
    expect(performance.now() - closing).toBeLessThan(5000);
    expect(tenantState(app)).toBe(before);
  });

  it('latency: a fixed delay, then the request is executed and answered', async () => {
    const { app, port, token } = await listening();
    await addFault(app, { method: 'POST', times: 1, effect: { type: 'latency', latency: { distribution: 'fixed', ms: 300 } } });
    const res = await send(port, 'POST', '/api/v2/Smart/Transactions', token, STX_BODY);
    expect(res.status).toBe(200);
    expect(res.ms).toBeGreaterThanOrEqual(290);
    expect(app.store.tenant('demo-client')!.smartTransactions.get(JSON.parse(res.body!).id)?.status).toBe('created');
  });

  it('a latency before a status: the 503 comes after the delay', async () => {
    const { app, port, token } = await listening();
    await addFault(app, { times: 1, effect: { type: 'status', latency: { distribution: 'uniform', min_ms: 150, max_ms: 250 } } });
    const res = await send(port, 'GET', '/api/v2/Payment/Plans', token);
    expect(res.status).toBe(503);
    expect(res.ms).toBeGreaterThanOrEqual(140);
    expect(JSON.parse(res.body!)).toMatchObject({ status: 'error', error: 'ProductInternalException' });
  });
});

describe('latency distributions', () => {
  it('uniform stays within its range; log-normal centres on its median; every draw is within the bound', () => {
    const random = seededRandom(7);
    const uniform = Array.from({ length: 2000 }, () => sampleDelay({ distribution: 'uniform', min_ms: 100, max_ms: 200 }, random));
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...uniform)).toBeLessThanOrEqual(200);
    expect(uniform.reduce((a, b) => a + b, 0) / uniform.length).toBeGreaterThan(140);
    expect(uniform.reduce((a, b) => a + b, 0) / uniform.length).toBeLessThan(160);
    const lognormal = Array.from({ length: 2001 }, () => sampleDelay({ distribution: 'lognormal', median_ms: 100, sigma: 0.5 }, random)).sort((a, b) => a - b);
    expect(lognormal[1000]).toBeGreaterThan(85);
    expect(lognormal[1000]).toBeLessThan(115);
    expect(lognormal.at(-1)! / lognormal[1000]).toBeGreaterThan(2);
    const wild = Array.from({ length: 500 }, () => sampleDelay({ distribution: 'lognormal', median_ms: 50_000, sigma: 4 }, random));
    expect(Math.max(...wild)).toBe(FAULT_LIMITS.delayMs);
    expect(sampleDelay({ distribution: 'fixed', ms: 42 }, random)).toBe(42);
  });

  it('the same seed draws the same delays', () => {
    const draw = () => {
      const random = seededRandom(99);
      return Array.from({ length: 20 }, () => sampleDelay({ distribution: 'lognormal', median_ms: 300, sigma: 1 }, random));
    };
    expect(draw()).toEqual(draw());
  });
});
