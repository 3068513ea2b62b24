// The delivery stays off the request path: a receiver that never answers neither holds up API
// calls nor the app's close, and an attempt ends as a failure after 30 s.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpTransport, PUSH_HEADERS } from '../../server/plugins/push-transport.js';
import type { PushBody } from '../../server/schemas/pushes.js';
import { apiClient, makeApp, tokenFor } from '../helpers.js';
import { INLINE_ACCOUNT, saleBody } from '../routes/smart-transaction-helpers.js';

/** A receiver that takes requests and never answers them. */
async function silentReceiver() {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => {};
  const first = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((_req, res) => {
    held.push(res);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/push`,
    held,
    first,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('delivery off the request path', () => {
  it('API calls are answered while the receiver holds the push unanswered; close ends the attempt', async () => {
    const receiver = await silentReceiver();
    const app = await makeApp({ pushes: 'auto' });
    const call = apiClient(app, await tokenFor(app));
    const stx = (await call('POST', '/Smart/Transactions', saleBody({ application_context: { return_urls: { url_push: receiver.url } } }))).body;
    const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect(prepared.status).toBe(200);
    await receiver.first;
    // The push is in flight and unanswered; the tenant still answers reads and writes.
    const started = await call('POST', `/Smart/Transactions/${stx.id}/start`);
    expect(started.status).toBe(200);
    expect((await call('GET', `/Payment/Transactions/${prepared.body.transactions[0].id}`)).body.details.status_simple).toBe(1);
    const pushes = (await app.inject({ method: 'GET', url: '/__mock/pushes' })).json();
    expect(pushes.data[0]).toMatchObject({ status: 'pending', attempts: [] });
    expect(receiver.held.length).toBeGreaterThanOrEqual(1);
    await app.close();
    await receiver.close();
  });

  it('an attempt without an answer within 30 s is a failure naming the timeout', async () => {
    const receiver = await silentReceiver();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const body = { object: 'event.pushes', id: 'evt_000000000000000000000000', created: '2026-01-01T00:00:00+01:00', target: 'payment.transactions', type: 'changed', data: [{ object: 'payment.transactions', id: 'PCI_X' }] } satisfies PushBody;
    const result = httpTransport(receiver.url, body, PUSH_HEADERS, new AbortController().signal);
    await receiver.first;
    vi.advanceTimersByTime(29_999);
    let settled = false;
    void result.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await result).toEqual({ error: 'no answer within 30 s' });
    vi.useRealTimers();
    await receiver.close();
  });
});
