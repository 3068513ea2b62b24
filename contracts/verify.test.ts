import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handWrittenPact } from './test-helpers.js';
import { verifyPacts } from './verify.js';

const PACTS = fileURLToPath(new URL('./pacts/', import.meta.url));
const STX = 'STX_HANDWRITTEN000000000000000001';

const prepareDebit = (providerStates: object[], expectedStatus: string, body: object | string = {}) => ({
  description: 'a debit prepare',
  providerStates,
  request: {
    method: 'POST',
    path: `/api/v2/Smart/Transactions/${STX}/prepare/debit`,
    headers: { Authorization: 'Bearer recorded-by-the-consumer', 'Content-Type': 'application/json' },
    body,
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

  it('lets the recorded bearer token stand for the states’ tenant', async () => {
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

  it('gets form-urlencoded, JSON, empty and text bodies to the mock byte for byte', async () => {
    const tokenHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const file = handWrittenPact([
      {
        description: 'a form token request',
        providerStates: [{ name: 'a client with credentials', params: { client_id: 'form-shop', client_secret: 's3cr3t&=+' } }],
        request: { method: 'POST', path: '/oauth/token', headers: tokenHeaders, body: 'grant_type=client_credentials&client_id=form-shop&client_secret=s3cr3t%26%3D%2B' },
        response: { status: 200, body: { token_type: 'bearer', expires_in: 1200 } },
      },
      {
        description: 'a JSON create',
        request: {
          method: 'POST',
          path: '/api/v2/Payment/Customers',
          headers: { Authorization: 'Bearer recorded', 'Content-Type': 'application/json' },
          body: { contact: { forename: 'Zoë', surname: 'Ünal', email: 'zoe@example.com' } },
        },
        response: { status: 200, body: { object: 'payment.customers', contact: { name: 'Zoë Ünal' } } },
      },
      prepareDebit([{ name: 'a smart transaction', params: { id: STX, status: 'created' } }], 'approved', ''),
      {
        description: 'a text body',
        request: { method: 'POST', path: '/api/v2/Payment/Customers', headers: { Authorization: 'Bearer recorded', 'Content-Type': 'text/plain' }, body: 'hello' },
        response: { status: 415, body: { status: 'error', error: 'ProductFormatException' } },
      },
    ]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.failures, result.report).toEqual([]);
    expect(result.interactions.map((i) => i.result)).toEqual(['OK', 'OK', 'OK', 'OK']);
  }, 120_000);

  it('shows the mock’s error and error_details when it refused what the pact expects to succeed', async () => {
    const file = handWrittenPact([prepareDebit([{ name: 'a smart transaction', params: { id: STX, status: 'ok' } }], 'approved')]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.passed).toBe(false);
    expect(result.failures[0].mockErrors).toEqual([
      { method: 'POST', url: `/api/v2/Smart/Transactions/${STX}/prepare/debit`, status: 400, error: 'ProductNotAllowedException', error_details: expect.stringMatching(/status ok/) },
    ]);
    expect(result.report).toMatch(new RegExp(`POST /api/v2/Smart/Transactions/${STX}/prepare/debit -> 400 ProductNotAllowedException: .*status ok`));
  }, 120_000);

  it('gives each failed interaction the mock’s answers of that interaction only', async () => {
    const other = 'STX_HANDWRITTEN000000000000000002';
    const start = (id: string, status: string, description: string) => ({
      description,
      providerStates: [{ name: 'a smart transaction', params: { id, status } }],
      request: { method: 'POST', path: `/api/v2/Smart/Transactions/${id}/start/debit`, headers: { Authorization: 'Bearer recorded' } },
      response: { status: 200, body: { status: 'ok' } },
    });
    const file = handWrittenPact([start(STX, 'created', 'a start before prepare'), start(other, 'approved', 'a start'), start(other, 'cancelled', 'a start after cancel')]);
    const result = await verifyPacts({ pactUrls: [file] });
    expect(result.interactions.map((i) => i.result)).toEqual(['Error', 'OK', 'Error']);
    expect(result.failures.map((f) => f.mockErrors.map((a) => [a.url, a.error_details]))).toEqual([
      [[`/api/v2/Smart/Transactions/${STX}/start/debit`, expect.stringMatching(/created/)]],
      [[`/api/v2/Smart/Transactions/${other}/start/debit`, expect.stringMatching(/cancelled/)]],
    ]);
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
