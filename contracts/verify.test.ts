import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handWrittenPact } from './test-helpers.js';
import { verifyPacts } from './verify.js';

const PACTS = fileURLToPath(new URL('./pacts/', import.meta.url));
const STX = 'STX_HANDWRITTEN000000000000000001';

const prepareDebit = (providerStates: object[], expectedStatus: string) => ({
  description: 'a debit prepare',
  providerStates,
  request: {
    method: 'POST',
    path: `/api/v2/Smart/Transactions/${STX}/prepare/debit`,
    headers: { Authorization: 'Bearer recorded-by-the-consumer', 'Content-Type': 'application/json' },
    body: {},
  },
  response: { status: 200, body: { id: STX, status: expectedStatus } },
});

describe('verifyPacts', () => {
  it('verifies the reference client’s pacts against a fresh mock', async () => {
    const result = await verifyPacts({ pactUrls: [PACTS] });
    expect(result.failures, result.report).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.interactions.length).toBeGreaterThanOrEqual(12);
    expect(result.interactions.every((i) => i.result === 'OK')).toBe(true);
  }, 120_000);

  it('swaps the recorded bearer token for a valid one of the states’ tenant', async () => {
    // Only a token of shop-a sees shop-a's transaction; the recorded token is not valid at all.
    const file = handWrittenPact([
      {
        description: 'a read in another tenant',
        providerStates: [
          { name: 'a client with credentials', params: { client_id: 'shop-a', client_secret: 'shop-a-secret' } },
          { name: 'a smart transaction', params: { client_id: 'shop-a', id: STX, status: 'approved' } },
        ],
        request: { method: 'GET', path: `/api/v2/Smart/Transactions/${STX}`, headers: { Authorization: 'Bearer recorded-by-the-consumer' } },
        response: { status: 200, body: { id: STX, status: 'approved' } },
      },
    ]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.passed, result.report).toBe(true);
  }, 120_000);

  it('fails a pact that expects `ok` right after a prepare without auto-capture, naming the mismatch', async () => {
    const file = handWrittenPact([prepareDebit([{ name: 'a smart transaction', params: { id: STX, status: 'created', payment_method: 'debit' } }], 'ok')]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.passed).toBe(false);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].mismatches).toContainEqual(expect.objectContaining({ path: '$.status', expected: '"ok"', actual: '"approved"' }));
    expect(result.report).toContain("$.status -> Expected 'approved' (String) to be equal to 'ok' (String)");
  }, 120_000);

  it('fails an interaction with an unknown state loudly, listing the known states', async () => {
    const file = handWrittenPact([prepareDebit([{ name: 'a smart transaction that is approved' }], 'approved')]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.passed).toBe(false);
    expect(result.failures[0].message).toMatch(/state change/);
    expect(result.stateChangeErrors[0]).toMatchObject({ state: 'a smart transaction that is approved', action: 'setup' });
    expect(result.stateChangeErrors[0].error).toContain('known states: "a client with credentials", "a smart transaction"');
    expect(result.report).toContain('Provider state errors:');
  }, 120_000);

  it('reports an error inside a state handler instead of running the interaction', async () => {
    const file = handWrittenPact([prepareDebit([{ name: 'a smart transaction', params: { id: STX, status: 'approved', auto_capture: true } }], 'approved')]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.passed).toBe(false);
    expect(result.stateChangeErrors[0].error).toMatch(/status approved is unreachable/);
  }, 120_000);
});
