// Concurrency: many identical calls at once on one object have the effect of exactly one (or of as
// many as the amount allows), in-process through inject and over a real loopback socket; parallel
// creates all get their own id.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, expectEnvelope, makeApp, tokenFor, type ApiResponse } from '../helpers.js';

const N = 50;
let app: FastifyInstance;
afterEach(() => app?.close());

async function demo() {
  app = await makeApp();
  const token = await tokenFor(app);
  const call = apiClient(app, token);
  const stx = (await call('GET', '/Smart/Transactions?q=status:approved')).body.data[0];
  expect(stx.subscription.id).toBeTruthy();
  return { token, call, stx };
}

/** The same POST n times at once through inject. */
function injectAll(token: string, url: string, body: unknown, n = N) {
  return Promise.all(
    Array.from({ length: n }, () =>
      app
        .inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
        .then((res): ApiResponse => ({ status: res.statusCode, body: res.json(), headers: res.headers })),
    ),
  );
}

/** The same POST n times at once over a loopback socket. */
async function fetchAll(token: string, path: string, body: unknown, n = N) {
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return Promise.all(
    Array.from({ length: n }, async (): Promise<ApiResponse> => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json(), headers: Object.fromEntries(res.headers) };
    }),
  );
}

/** One 200 and N-1 refusals naming the status the winner left behind. */
function expectOneWinner(answers: ApiResponse[], captured: string) {
  const won = answers.filter((a) => a.status === 200);
  expect(won).toHaveLength(1);
  expect(won[0].body.status).toBe(captured);
  const lost = answers.filter((a) => a.status !== 200);
  expect(lost).toHaveLength(answers.length - 1);
  for (const a of lost) {
    expectEnvelope(a, 400, 'ProductNotAllowedException');
    expect(a.body.error_details).toContain(captured);
  }
}

/** After the race: one captured payment, the subscription active, nothing duplicated. */
async function expectCapturedOnce(call: ReturnType<typeof apiClient>, stx: any, pciCountBefore: number) {
  const after = (await call('GET', `/Smart/Transactions/${stx.id}`)).body;
  expect(after.status).toBe('ok');
  expect(after.transactions).toHaveLength(1);
  const pci = (await call('GET', `/Payment/Transactions/${after.transactions[0].id}`)).body;
  expect(pci).toMatchObject({ status: 6, amount: stx.basket_info.sum });
  const pcis = (await call('GET', '/Payment/Transactions?count=1000')).body;
  expect(pcis.count).toBe(pciCountBefore);
  expect(pcis.data.filter((p: any) => p.id === pci.id && p.status === 6)).toHaveLength(1);
  const subs = (await call('GET', `/Payment/Subscriptions?count=1000&q=smart_transaction.id:${stx.id}`)).body;
  expect(subs.data.map((s: any) => s.status)).toEqual(['active']);
  const check = (await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body;
  expect(check.amount).toBe(stx.basket_info.sum);
}

describe('50 parallel start calls on one approved subscription transaction', () => {
  it('through inject: one 200, 49 × 400 ProductNotAllowedException, one capture, the subscription activated once', async () => {
    const { token, call, stx } = await demo();
    const pciCount = (await call('GET', '/Payment/Transactions?count=0')).body.count;
    expectOneWinner(await injectAll(token, `/api/v2/Smart/Transactions/${stx.id}/start/debit`, {}), 'ok');
    await expectCapturedOnce(call, stx, pciCount);
  });

  it('over a loopback socket: the same', async () => {
    const { token, call, stx } = await demo();
    const pciCount = (await call('GET', '/Payment/Transactions?count=0')).body.count;
    expectOneWinner(await fetchAll(token, `/api/v2/Smart/Transactions/${stx.id}/start/debit`, {}), 'ok');
    await expectCapturedOnce(call, stx, pciCount);
  });

  it('mixed with capture, start without method and settle: still exactly one capture', async () => {
    const { token, call, stx } = await demo();
    const pciCount = (await call('GET', '/Payment/Transactions?count=0')).body.count;
    const pci = stx.transactions[0].id;
    const answers = (
      await Promise.all([
        injectAll(token, `/api/v2/Smart/Transactions/${stx.id}/start`, {}, 20),
        injectAll(token, `/api/v2/Payment/Transactions/${pci}/capture`, {}, 20),
        injectAll(token, `/api/v2/Smart/Transactions/${stx.id}/start/debit`, {}, 10),
      ])
    ).flat();
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expectEnvelope(a, 400, 'ProductNotAllowedException');
    await expectCapturedOnce(call, stx, pciCount);
  });
});

describe('parallel cancellations', () => {
  it('cancel 50 times at once: one refund of the whole amount, the rest refused', async () => {
    const { token, call } = await demo();
    const paid = (await call('GET', '/Smart/Transactions?q=status:ok')).body.data[0];
    const answers = await injectAll(token, `/api/v2/Smart/Transactions/${paid.id}/cancel`, {});
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expectEnvelope(a, 400, 'ProductNotAllowedException');
    const refunds = (await call('GET', '/Payment/Transactions?count=1000&q=amount:[* TO -1]')).body.data;
    expect(refunds).toHaveLength(1);
    expect(refunds[0].amount).toBe(-paid.basket_info.sum);
    expect((await call('GET', `/Payment/Transactions/${paid.transactions[0].id}/checkStatus`)).body.amount).toBe(0);
  });

  it('50 partial refunds at once never refund more than was captured', async () => {
    const { token, call } = await demo();
    const paid = (await call('GET', '/Smart/Transactions?q=status:ok')).body.data[0];
    const pci = paid.transactions[0].id;
    const step = 100;
    const answers = await fetchAll(token, `/api/v2/Payment/Transactions/${pci}/cancel`, { reduce_amount_by: step });
    const ok = Math.floor(paid.basket_info.sum / step);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(ok);
    for (const a of answers.filter((x) => x.status !== 200)) expectEnvelope(a, 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Transactions/${pci}/checkStatus`)).body.amount).toBe(paid.basket_info.sum - ok * step);
    expect((await call('GET', '/Payment/Transactions?count=0&q=amount:[* TO -1]')).body.count).toBe(ok);
  });
});

describe('parallel creates', () => {
  const body = { basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'Max', surname: 'Parallel' } } };

  it('100 at once through inject get 100 distinct ids, and the list grows by exactly 100', async () => {
    const { token, call } = await demo();
    const before = (await call('GET', '/Smart/Transactions?count=0')).body.count;
    const answers = await injectAll(token, '/api/v2/Smart/Transactions', body, 100);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(100);
    expect(new Set(answers.map((a) => a.body.customer.id)).size).toBe(100);
    const list = (await call('GET', '/Smart/Transactions?count=1000')).body;
    expect(list.count).toBe(before + 100);
    expect(list.data.map((s: any) => s.id)).toEqual(expect.arrayContaining(answers.map((a) => a.body.id)));
  });

  it('100 at once over a loopback socket: the same', async () => {
    const { token, call } = await demo();
    const before = (await call('GET', '/Smart/Transactions?count=0')).body.count;
    const answers = await fetchAll(token, '/api/v2/Smart/Transactions', body, 100);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(100);
    expect((await call('GET', '/Smart/Transactions?count=0')).body.count).toBe(before + 100);
  });
});
