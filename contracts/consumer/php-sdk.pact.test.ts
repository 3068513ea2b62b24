// A consumer shaped like the official secuconnect PHP SDK (2.63.0): its requests carry exactly what
// the SDK's curl transport sends. The token request is form-urlencoded; API calls send
// `Accept: application/json` and `Content-Type: application/json` (GETs too); action POSTs without
// a model send an empty-string body; every request has the SDK's User-Agent. The bearer token is
// one recorded against connect-testing, which the mock never issued. The pact lands in
// contracts/pacts/ and is verified by contracts/verify.test.ts and contracts/rust-verifier.test.ts.
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { publishPact } from './publish-pact.js';

const { integer, regex, string } = MatchersV3;

const CONSUMER = 'secuconnect-php-sdk';
const PROVIDER = 'secuconnect';
const PACTS = fileURLToPath(new URL('../pacts/', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'secuconnect-php-pact-'));

const USER_AGENT = 'Secuconnect-PHP-Client/2.63.0';
const CLIENT = { client_id: 'php-shop', client_secret: 'php-shop-secret' };
/** A token as connect-testing hands them out (26 characters), recorded with a real client. */
const RECORDED_TOKEN = 'q7lh0c2v5m1n8rbk4sd6tg3fpa';
const EXPIRED_TOKEN = 'x2k9w4m7c1p5r8t3v6b0n2q4hz';

const id = (prefix: string, name: string) => `${prefix}_${`PHP${name}`.padEnd(30, '0')}`;
const ref = (object: string, prefix: string, example: string) => ({ object, id: regex(`^${prefix}_[A-Z0-9]{30}$`, example) });

/** The headers the SDK's API classes send (Configuration, ApiClient::callApi). */
const apiHeaders = (token: string) => ({ Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'User-Agent': USER_AGENT });

/** What the SDK's curl transport puts on the wire, and nothing else. */
function send(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = httpRequest(url, { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A body as text. PactV4's request builder has none for forms or empty bodies: `body()` records
 * binary contents, compared by detected content type (a form fails that, an empty one is dropped).
 * Its interaction takes the text as Pact's core does (a form's fields matched, an empty body kept).
 */
function textBody<B>(builder: B, contentType: string, text: string): B {
  const { interaction } = builder as unknown as { interaction?: { withRequestBody(body: string, contentType: string): void } };
  if (!interaction) throw new Error('this @pact-foundation/pact has no interaction behind its request builder');
  interaction.withRequestBody(text, contentType);
  return builder;
}

const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: workDir, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'warn' });
const client = { name: 'a client with credentials', params: CLIENT };

// Pact's own mock server now and then reports a request as not received on a loaded machine
// (seen about once in twenty runs, never twice in a row); the interaction is only written once it passes.
describe('the PHP SDK’s requests (consumer side)', { retry: 2 }, () => {
  afterAll(() => publishPact(workDir, PACTS, `${CONSUMER}-${PROVIDER}.json`));

  it('asks for a token with a form-urlencoded body (Authenticator::getTokenFromApi)', async () => {
    const form = `grant_type=client_credentials&client_id=${CLIENT.client_id}&client_secret=${CLIENT.client_secret}`;
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: '*/*', 'User-Agent': USER_AGENT };
    await pact
      .addInteraction()
      .given(client.name, client.params)
      .uponReceiving('a form-urlencoded client_credentials token request')
      .withRequest('POST', '/oauth/token', (b) => textBody(b.headers(headers), 'application/x-www-form-urlencoded', form))
      .willRespondWith(200, (b) => b.jsonBody({ access_token: string(RECORDED_TOKEN), expires_in: integer(1200), token_type: 'bearer' }))
      .executeTest(async (mock) => {
        const res = await send(mock.url, 'POST', '/oauth/token', headers, form);
        expect(res.status).toBe(200);
        expect(res.body.token_type).toBe('bearer');
      });
  });

  it('prepares a subscription transaction by debit with an empty body (SmartTransactionsApi::prepare)', async () => {
    const stx = id('STX', 'SUBPREPARE');
    const path = `/api/v2/Smart/Transactions/${stx}/prepare/debit`;
    await pact
      .addInteraction()
      .given(client.name, client.params)
      .given('a smart transaction', { client_id: CLIENT.client_id, id: stx, status: 'created', subscription: true })
      .uponReceiving('an empty-body debit prepare of a subscription transaction')
      .withRequest('POST', path, (b) => textBody(b.headers(apiHeaders(RECORDED_TOKEN)), 'application/json', ''))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          object: 'smart.transactions',
          id: stx,
          status: 'approved',
          payment_method: 'debit',
          container: ref('payment.containers', 'PCT', id('PCT', 'ACCOUNT')),
          subscription: ref('payment.subscriptions', 'SUB', id('SUB', 'NEW')),
        }),
      )
      .executeTest(async (mock) => {
        const res = await send(mock.url, 'POST', path, apiHeaders(RECORDED_TOKEN), '');
        expect(res.body.status).toBe('approved');
      });
  });

  it('captures it with an empty-body start (SmartTransactionsApi::startTransaction)', async () => {
    const stx = id('STX', 'SUBSTART');
    const path = `/api/v2/Smart/Transactions/${stx}/start/debit`;
    await pact
      .addInteraction()
      .given(client.name, client.params)
      .given('a smart transaction', { client_id: CLIENT.client_id, id: stx, status: 'approved', subscription: true })
      .uponReceiving('an empty-body debit start of an approved subscription transaction')
      .withRequest('POST', path, (b) => textBody(b.headers(apiHeaders(RECORDED_TOKEN)), 'application/json', ''))
      .willRespondWith(200, (b) =>
        b.jsonBody({ object: 'smart.transactions', id: stx, status: 'ok', subscription: ref('payment.subscriptions', 'SUB', id('SUB', 'NEW')) }),
      )
      .executeTest(async (mock) => {
        const res = await send(mock.url, 'POST', path, apiHeaders(RECORDED_TOKEN), '');
        expect(res.body.status).toBe('ok');
      });
  });

  it('reads the active subscription (PaymentSubscriptionsApi::getOne)', async () => {
    const sub = id('SUB', 'ACTIVE');
    const path = `/api/v2/Payment/Subscriptions/${sub}`;
    await pact
      .addInteraction()
      .given(client.name, client.params)
      .given('a subscription', { client_id: CLIENT.client_id, id: sub, status: 'active' })
      .uponReceiving('a read of an active subscription')
      .withRequest('GET', path, (b) => b.headers(apiHeaders(RECORDED_TOKEN)))
      .willRespondWith(200, (b) => b.jsonBody({ object: 'payment.subscriptions', id: sub, status: 'active' }))
      .executeTest(async (mock) => {
        const res = await send(mock.url, 'GET', path, apiHeaders(RECORDED_TOKEN));
        expect(res.body.status).toBe('active');
      });
  });

  it('gets the documented 403 for an expired token', async () => {
    const sub = id('SUB', 'ACTIVE');
    const path = `/api/v2/Payment/Subscriptions/${sub}`;
    await pact
      .addInteraction()
      .given(client.name, client.params)
      .given('an expired token', { token: EXPIRED_TOKEN })
      .uponReceiving('a read with an expired token')
      .withRequest('GET', path, (b) => b.headers(apiHeaders(EXPIRED_TOKEN)))
      .willRespondWith(403, (b) => b.jsonBody({ status: 'error', error: 'ProductNotAllowedException', code: 2003, error_details: string('Valid auth token required') }))
      .executeTest(async (mock) => {
        const res = await send(mock.url, 'GET', path, apiHeaders(EXPIRED_TOKEN));
        expect(res.status).toBe(403);
      });
  });
});
