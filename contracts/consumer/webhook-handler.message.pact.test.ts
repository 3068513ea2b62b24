// PactV4 message tests of the shop's push handler: the pushes secuconnect sends to url_push for
// a captured payment, a new (authorised) payment and a cancelled subscription. The pact lands in
// contracts/pacts/ (committed) and is verified against the mock, which answers each message
// interaction with the push its provider states made (docs/provider-states.md, "Message pacts").
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { publishPact } from './publish-pact.js';
import { handlePush, PushRejected } from './webhook-handler.js';

const { datetime, regex } = MatchersV3;

const CONSUMER = 'secuconnect-webhook-handler';
const PROVIDER = 'secuconnect';
const PACTS = fileURLToPath(new URL('../pacts/', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'secuconnect-message-pact-'));

/** Where the shop takes its pushes: the states give it to the Smart Transaction as url_push. */
const URL_PUSH = 'https://shop.example/secuconnect/push';
/** Readable fixed ids of the secuconnect shape: prefix, `_`, 30 of [A-Z0-9]. */
const pactId = (prefix: string, name: string) => `${prefix}_${`PACTPUSH${name}`.padEnd(30, '0')}`;
const PCI = pactId('PCI', 'CAPTURED');
const PCI_NEW = pactId('PCI', 'AUTHORISED');
const SUB = pactId('SUB', 'CANCELLED');

const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: workDir, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'warn' });

const push = (target: string, type: string, id: string) => ({
  object: 'event.pushes',
  id: regex('^evt_[0-9a-f]{24}$', 'evt_5f1c0a3e9b7d2c4a6e8f0b1d'),
  created: datetime("yyyy-MM-dd'T'HH:mm:ssXXX", '2026-05-04T10:15:30+02:00'),
  target,
  type,
  data: [{ object: target, id }],
});

/** Runs the handler on the message and answers the paths it re-read. */
async function handled(content: unknown) {
  const paths: string[] = [];
  const result = await handlePush(content, async (path) => {
    paths.push(path);
    return path;
  });
  return { ...result, paths };
}

// Pact's own mock server now and then reports a request as not received on a loaded machine
// (seen about once in twenty runs, never twice in a row); the interaction is only written once it passes.
describe('the shop’s push handler against secuconnect’s pushes (consumer side)', { retry: 2 }, () => {
  afterAll(() => publishPact(workDir, PACTS, `${CONSUMER}-${PROVIDER}.json`));

  it('re-reads the payment transaction of a push for a captured payment', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a smart transaction', { status: 'ok', payment_method: 'debit', payment_transaction_id: PCI, url_push: URL_PUSH })
      .expectsToReceive('a push for a captured payment transaction', (b) =>
        b.withJSONContent(push('payment.transactions', 'changed', PCI)).withMetadata({ contentType: 'application/json' }),
      )
      .executeTest(async (message) => {
        const result = await handled(message.contents.content);
        expect(result.type).toBe('changed');
        expect(result.paths).toEqual([`/api/v2/Payment/Transactions/${PCI}`]);
      });
  });

  it('re-reads the payment transaction of a push for a new (authorised) payment', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a smart transaction', { status: 'approved', payment_method: 'debit', payment_transaction_id: PCI_NEW, url_push: URL_PUSH })
      .expectsToReceive('a push for a new payment transaction', (b) =>
        b.withJSONContent(push('payment.transactions', 'added', PCI_NEW)).withMetadata({ contentType: 'application/json' }),
      )
      .executeTest(async (message) => {
        const result = await handled(message.contents.content);
        expect(result.type).toBe('added');
        expect(result.paths).toEqual([`/api/v2/Payment/Transactions/${PCI_NEW}`]);
      });
  });

  it('re-reads the subscription of a push for a cancelled subscription', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a subscription', { id: SUB, status: 'cancelled', url_push: URL_PUSH })
      .expectsToReceive('a push for a cancelled subscription', (b) =>
        b.withJSONContent(push('payment.subscriptions', 'changed', SUB)).withMetadata({ contentType: 'application/json' }),
      )
      .executeTest(async (message) => {
        const result = await handled(message.contents.content);
        expect(result.paths).toEqual([`/api/v2/Payment/Subscriptions/${SUB}`]);
      });
  });

  it('rejects a body that is not a push, so the shop answers it with an error', async () => {
    await expect(handlePush({ object: 'payment.transactions', id: PCI }, async () => undefined)).rejects.toThrow(PushRejected);
    await expect(handlePush({ object: 'event.pushes', id: 'evt_1', type: 'removed', target: 'payment.transactions', data: [] }, async () => undefined)).rejects.toThrow(
      /unknown push type removed/,
    );
  });
});
