// Message pacts: a consumer's push handler verified against the pushes the mock makes, by
// verifyPacts (pact-core's verifier with the mock's message transport) and by the Rust `pact
// verifier` of every other Pact implementation, given --transports message:<port>/__mock/messages.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { verifyPacts } from './verify.js';

const MESSAGE_PACT = fileURLToPath(new URL('./pacts/secuconnect-webhook-handler-secuconnect.json', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
const PACT_CLI = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');
const PCI = 'PCI_HANDWRITTENPUSH00000000000001';
const URL_PUSH = 'https://shop.example/push';

/** A Pact v3 message pact (consumer `shop-push-handler`) with these messages, in a new temporary folder. */
function messagePact(messages: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'message-pact-')), 'shop-push-handler-secuconnect.json');
  const pact = { consumer: { name: 'shop-push-handler' }, provider: { name: 'secuconnect' }, messages, metadata: { pactSpecification: { version: '3.0.0' } } };
  writeFileSync(file, JSON.stringify(pact, null, 2));
  return file;
}

const capturedPush = (type: string, params: object = { url_push: URL_PUSH }) => ({
  description: `a ${type} push for a captured payment`,
  providerStates: [{ name: 'a smart transaction', params: { status: 'ok', payment_transaction_id: PCI, ...params } }],
  contents: { object: 'event.pushes', target: 'payment.transactions', type, data: [{ object: 'payment.transactions', id: PCI }] },
  metadata: { contentType: 'application/json' },
});

describe('verifyPacts with message interactions', () => {
  it('verifies the push handler’s V4 message pact: each message is the push its states made', async () => {
    const result = await verifyPacts({ pactUrls: [MESSAGE_PACT] });
    expect(result.failures, result.report).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.interactions.map((i) => [i.description, i.result])).toEqual(
      expect.arrayContaining([
        ['a push for a captured payment transaction', 'OK'],
        ['a push for a new payment transaction', 'OK'],
        ['a push for a cancelled subscription', 'OK'],
      ]),
    );
  }, 120_000);

  it('verifies a Pact v3 message pact', async () => {
    const result = await verifyPacts({ pactUrls: [messagePact([capturedPush('changed')])] });
    expect(result.passed, result.report).toBe(true);
  }, 120_000);

  it('fails a message that is not the push the mock sends, naming the field', async () => {
    const result = await verifyPacts({ pactUrls: [messagePact([capturedPush('added')])] });
    expect(result.passed).toBe(false);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].mismatches).toContainEqual(expect.objectContaining({ path: '$.type', expected: '"added"', actual: '"changed"' }));
    expect(result.report).toContain("$.type -> Expected 'changed' (String) to be equal to 'added' (String)");
  }, 120_000);

  it('fails a message whose states make no push, and says why', async () => {
    const result = await verifyPacts({ pactUrls: [messagePact([capturedPush('changed', {})])] });
    expect(result.passed).toBe(false);
    expect(result.failures[0].mockErrors).toEqual([
      { method: 'POST', url: '/__mock/messages', status: 400, error: 'ProductNotAllowedException', error_details: expect.stringMatching(/recorded no push .*url_push/) },
    ]);
    expect(result.report).toMatch(/POST \/__mock\/messages -> 400 ProductNotAllowedException: .*recorded no push in client demo-client/);
  }, 120_000);
});

describe('message pacts against a running mock', () => {
  it('verifyPacts reaches the message route off loopback with the admin token', async () => {
    const app = await buildApp({ logLevel: 'silent', pushes: 'manual', host: '0.0.0.0', adminToken: 'admin-token-for-messages-0123' });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const providerBaseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const refused = await fetch(`${providerBaseUrl}/__mock/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"description":"x"}' });
      expect(refused.status).toBe(403);
      const result = await verifyPacts({ pactUrls: [MESSAGE_PACT], providerBaseUrl, adminToken: 'admin-token-for-messages-0123' });
      expect(result.failures, result.report).toEqual([]);
      expect(result.passed).toBe(true);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('secuconnect-mock verify prints why a message got no push', async () => {
    const file = messagePact([capturedPush('changed', {})]);
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, [CLI, 'verify', file], { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(code).toBe(1);
    expect(output).toMatch(/the mock answered POST \/__mock\/messages: 400 ProductNotAllowedException: .*recorded no push/);
    expect(output).toContain('secuconnect-mock verify: 0 of 1 interactions passed');
  }, 120_000);
});

describe('the message route', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ logLevel: 'silent', pushes: 'manual' });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await app.inject({ method: 'POST', url: '/__mock/reset' });
  });
  const setup = (state: string, params: object) => app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state, params } });
  const message = (description: string) => app.inject({ method: 'POST', url: '/__mock/messages', payload: { description } });

  it('answers the newest push of the interaction’s states, with its metadata, and leaves the outbox as it was', async () => {
    expect((await setup('a smart transaction', { status: 'ok', payment_transaction_id: PCI, url_push: URL_PUSH })).statusCode).toBe(200);
    const outbox = (await app.inject({ url: '/__mock/pushes' })).json();
    expect(outbox.data.map((p: { body: { type: string } }) => p.body.type)).toEqual(['added', 'changed']);
    const res = await message('a push for a captured payment');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(outbox.data[1].body);
    expect(res.json().data).toEqual([{ object: 'payment.transactions', id: PCI }]);
    expect(JSON.parse(Buffer.from(String(res.headers['pact-message-metadata']), 'base64').toString())).toEqual({ contentType: 'application/json' });
    expect((await app.inject({ url: '/__mock/pushes' })).json()).toEqual(outbox);
  });

  it('answers no push of an earlier interaction when the next one’s states make none', async () => {
    await setup('a smart transaction', { status: 'ok', url_push: URL_PUSH });
    expect((await message('first')).statusCode).toBe(200);
    // No teardown in between (a verifier without --state-change-teardown): the first push is still in the outbox.
    await setup('a smart transaction', { status: 'ok' });
    const res = await message('second');
    expect(res.statusCode).toBe(400);
    expect(res.json().error_details).toMatch(/"second" \(none\) recorded no push in client demo-client/);
  });

  it('answers from the tenant of the interaction’s states, also one the states made', async () => {
    await setup('a client with credentials', { client_id: 'push-shop', client_secret: 'push-secret' });
    await setup('a smart transaction', { client_id: 'push-shop', status: 'approved', payment_transaction_id: PCI, url_push: URL_PUSH });
    const res = await message('a push for a new payment');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ type: 'added', data: [{ object: 'payment.transactions', id: PCI }] });
    const outbox = (await app.inject({ url: '/__mock/pushes?client_id=push-shop' })).json();
    expect(outbox.data.at(-1).body).toEqual(res.json());
  });

  // The newest push of each state, as docs/provider-states.md lists it.
  it.each([
    ['a smart transaction', 'approved', 'payment.transactions', 'added'],
    ['a smart transaction', 'ok', 'payment.transactions', 'changed'],
    ['a smart transaction', 'cancelled', 'payment.transactions', 'changed'],
    ['a subscription', 'approved', 'payment.transactions', 'added'],
    ['a subscription', 'active', 'payment.transactions', 'changed'],
    ['a subscription', 'cancelled', 'payment.subscriptions', 'changed'],
    ['a subscription', 'suspended', 'payment.subscriptions', 'changed'],
    ['a subscription', 'completed', 'payment.subscriptions', 'changed'],
  ])('%s in status %s answers a %s push of type %s', async (state, status, target, type) => {
    const values = (await setup(state, { status, url_push: URL_PUSH })).json();
    const res = await message(`${state} ${status}`);
    expect(res.statusCode).toBe(200);
    const id = target === 'payment.subscriptions' ? values.id : (values.payment_transaction_id ?? (await app.inject({ url: '/__mock/pushes' })).json().data[0].object_id);
    expect(res.json()).toMatchObject({ target, type, data: [{ object: target, id }] });
  });

  it.each(['created', 'failed'])('a smart transaction in status %s makes no push', async (status) => {
    await setup('a smart transaction', { status, url_push: URL_PUSH });
    expect((await message(`a push for a ${status} transaction`)).statusCode).toBe(400);
  });

  it('refuses a message request outside a verification, and a body that is not one', async () => {
    const res = await message('a push');
    expect(res.statusCode).toBe(400);
    expect(res.json().error_details).toMatch(/no provider states were set up .*\/__mock\/provider-states/);
    const bad = await app.inject({ method: 'POST', url: '/__mock/messages', payload: { providerStates: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('ProductFormatException');
  });

  it('is not part of the API’s OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths).some((p) => p.includes('messages'))).toBe(false);
  });
});

describe('the Rust pact verifier with a message transport', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildApp({ logLevel: 'silent', pushes: 'manual' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(() => app.close());

  function pactVerifier(file: string): Promise<{ code: number; output: string }> {
    const args = [PACT_CLI, 'verifier', '--file', file, '--hostname', '127.0.0.1', '--port', String(port), '--transports', `message:${port}/__mock/messages`];
    args.push('--state-change-url', `http://127.0.0.1:${port}/__mock/provider-states`, '--state-change-teardown', '--no-colour');
    return new Promise((resolve) => {
      execFile(process.execPath, args, { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
      });
    });
  }

  it('passes the push handler’s pact and fails a wrong one', async () => {
    const good = await pactVerifier(MESSAGE_PACT);
    expect(good.output).toContain('a push for a captured payment transaction');
    expect(good.code, good.output).toBe(0);
    const wrong = await pactVerifier(messagePact([capturedPush('added')]));
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toContain("$.type -> Expected 'changed' (String) to be equal to 'added' (String)");
    await app.inject({ method: 'DELETE', url: '/__mock/verification' });
  }, 120_000);
});
