// The test kit's pushes: a shop's webhook handler, in-process (a Fastify app via inject, a Node
// request listener, a function), receives what the mock would send, and re-reads consistent data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interceptSecuconnect, type SecuconnectInterceptor } from '../../server/testing/index.js';

const BASE = 'https://connect-testing.secuconnect.com';
let mock: SecuconnectInterceptor;

beforeEach(async () => {
  mock = await interceptSecuconnect();
});
afterEach(async () => {
  await mock.close();
});

async function api(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${BASE}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** A paid sale whose url_push points at the shop: its payment transaction id. */
async function paidSale(token: string) {
  const stx = await api(token, 'POST', '/Smart/Transactions', {
    basket_info: { sum: 1500, currency: 'EUR' },
    payment_context: { auto_capture: false },
    application_context: { return_urls: { url_push: 'https://shop.example/hooks/secupay?shop=1' } },
  });
  const prepared = await api(token, 'POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {
    container: { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE35500105175418493188' } },
  });
  const started = await api(token, 'POST', `/Smart/Transactions/${stx.id}/start`);
  expect(started.status).toBe('ok');
  return prepared.transactions[0].id as string;
}

describe('mock.pushes() and mock.deliverPushes(handler)', () => {
  it('delivers to a Fastify app via inject; the shop re-reads the payment and its checkStatus and sees it captured', async () => {
    const token = await mock.token();
    const pciId = await paidSale(token);
    expect(mock.pushes({ status: 'pending' }).map((p) => [p.body.type, p.object_id])).toEqual([
      ['added', pciId],
      ['changed', pciId],
    ]);

    const seen: { path: string; contentType?: string; type: string; statusSimple: number; checked: number }[] = [];
    const shop = Fastify();
    shop.post('/hooks/secupay', async (request) => {
      const push = request.body as { type: string; data: { object: string; id: string }[] };
      const pci = await api(token, 'GET', `/Payment/Transactions/${push.data[0].id}`);
      const check = await api(token, 'GET', `/Payment/Transactions/${push.data[0].id}/checkStatus`);
      seen.push({ path: request.url, contentType: request.headers['content-type'], type: push.type, statusSimple: pci.details.status_simple, checked: check.status_simple });
      return 'OK';
    });
    const events = await mock.deliverPushes(shop);
    await shop.close();
    expect(events.map((e) => [e.event, e.status, e.attempt?.status])).toEqual([
      ['push.delivered', 'delivered', 200],
      ['push.delivered', 'delivered', 200],
    ]);
    // Pushes are delivered after their steps committed: each re-read sees the final state.
    expect(seen).toEqual([
      { path: '/hooks/secupay?shop=1', contentType: 'application/json', type: 'added', statusSimple: 1, checked: 1 },
      { path: '/hooks/secupay?shop=1', contentType: 'application/json', type: 'changed', statusSimple: 1, checked: 1 },
    ]);
    expect(mock.pushes({ status: 'pending' })).toEqual([]);
    expect(mock.pushes({ object_id: pciId })).toHaveLength(2);
  });

  it('a handler answering 500 leaves the push pending with the attempt; a Node request listener then gets it', async () => {
    const pciId = await paidSale(await mock.token());
    const failed = await mock.deliverPushes(() => 500);
    expect(failed.map((e) => [e.event, e.status, e.attempt?.status])).toEqual([
      ['push.attempted', 'pending', 500],
      ['push.attempted', 'pending', 500],
    ]);
    // Not due again yet (10 s of back-off on the tenant clock): nothing is handed over.
    expect(await mock.deliverPushes(() => 200)).toEqual([]);

    const bodies: any[] = [];
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        bodies.push({ url: req.url, accept: req.headers.accept, body: JSON.parse(text) });
        res.statusCode = 200;
        res.end('OK');
      });
    };
    const delivered = await mock.deliverPushes(listener, { all: true });
    expect(delivered.map((e) => e.event)).toEqual(['push.delivered', 'push.delivered']);
    expect(bodies.map((b) => [b.url, b.accept, b.body.object, b.body.data[0].id])).toEqual([
      ['/hooks/secupay?shop=1', '*/*', 'event.pushes', pciId],
      ['/hooks/secupay?shop=1', '*/*', 'event.pushes', pciId],
    ]);
    expect(mock.pushes()[0].attempts.map((a) => a.status)).toEqual([500, 200]);
  });

  it('a handler that throws is a failed attempt naming the error; reset empties the outbox', async () => {
    await paidSale(await mock.token());
    const events = await mock.deliverPushes(() => {
      throw new Error('shop database down');
    });
    expect(events[0]).toMatchObject({ event: 'push.attempted', status: 'pending', attempt: { error: 'shop database down' } });
    mock.reset();
    expect(mock.pushes()).toEqual([]);
  });
});
