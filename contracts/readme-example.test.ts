import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { expect, it } from 'vitest';
import { verifyPacts } from './index.js';

// Your code under test: captures an approved Smart Transaction.
async function captureOrder(baseUrl: string, token: string, stxId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v2/Smart/Transactions/${stxId}/start/debit`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { status: string }).status;
}

const dir = mkdtempSync(join(tmpdir(), 'pacts-'));
const pact = new PactV4({ consumer: 'my-shop', provider: 'secuconnect', dir });
const STX = 'STX_ORDER4711000000000000000000000';

it('captures an approved order', async () => {
  await pact
    .addInteraction()
    .given('a smart transaction', { id: STX, status: 'approved', payment_method: 'debit' })
    .uponReceiving('a capture of an approved order')
    .withRequest('POST', `/api/v2/Smart/Transactions/${STX}/start/debit`, (b) =>
      b.headers({ Authorization: MatchersV3.regex('^Bearer \\S+$', 'Bearer my-token'), 'Content-Type': 'application/json' }).jsonBody({}),
    )
    .willRespondWith(200, (b) => b.jsonBody({ object: 'smart.transactions', id: STX, status: 'ok' }))
    .executeTest(async (mock) => {
      expect(await captureOrder(mock.url, 'my-token', STX)).toBe('ok');
    });
});

it('the pact holds against secuconnect-mock', async () => {
  const result = await verifyPacts({ pactUrls: [join(dir, 'my-shop-secuconnect.json')] });
  expect(result.passed, result.report).toBe(true);
}, 120_000);
