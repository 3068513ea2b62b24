// The verifier every other Pact implementation shares (pact-php, pact-python, pact-go, …: the Rust
// `pact verifier` of @pact-foundation/pact-cli) against a mock on a free loopback port, given only
// the mock's address and its state-change URL: no custom header, no request filter.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { handWrittenPact } from './test-helpers.js';

const PACTS = fileURLToPath(new URL('./pacts/', import.meta.url));
const PHP_PACT = join(PACTS, 'secuconnect-php-sdk-secuconnect.json');
const REFERENCE_PACT = join(PACTS, 'secuconnect-reference-client-secuconnect.json');
const PACT_CLI = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');
const STX = 'STX_RUSTVERIFIER00000000000000001';

let app: FastifyInstance;
let port: number;

/** `pact verifier --file … --hostname 127.0.0.1 --port … --state-change-url …` plus `extra`. */
function pactVerifier(files: string[], extra: string[] = []): Promise<{ code: number; output: string }> {
  const args = [PACT_CLI, 'verifier', ...files.flatMap((f) => ['--file', f]), '--hostname', '127.0.0.1', '--port', String(port)];
  args.push('--state-change-url', `http://127.0.0.1:${port}/__mock/provider-states`, '--no-colour', ...extra);
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

beforeAll(async () => {
  app = await buildApp({ logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

afterAll(() => app?.close());

// Every run starts as a CI job's would: the mock's data and session as the scenario has them.
beforeEach(async () => {
  await app.inject({ method: 'POST', url: '/__mock/reset' });
});

describe('the Rust pact verifier with only the state-change URL', () => {
  it('passes the PHP SDK’s pact (form token body, empty-body actions, recorded tokens) and the reference pact', async () => {
    const { code, output } = await pactVerifier([PHP_PACT, REFERENCE_PACT]);
    expect(output).not.toContain('FAILED');
    expect(output).toContain('a form-urlencoded client_credentials token request');
    expect(output).toContain('a read without a bearer token');
    expect(code, output).toBe(0);
  }, 120_000);

  it('passes them with teardown calls and with the state change in the query string', async () => {
    const { code, output } = await pactVerifier([PHP_PACT, REFERENCE_PACT], ['--state-change-teardown', '--state-change-as-query']);
    expect(code, output).toBe(0);
  }, 120_000);

  it('fails a wrong pact, and the mock’s verification session says why', async () => {
    const file = handWrittenPact([
      {
        description: 'a debit prepare of a captured transaction',
        providerStates: [{ name: 'a smart transaction', params: { id: STX, status: 'ok' } }],
        request: { method: 'POST', path: `/api/v2/Smart/Transactions/${STX}/prepare/debit`, headers: { Authorization: 'Bearer recorded', 'Content-Type': 'application/json' }, body: '' },
        response: { status: 200, body: { id: STX, status: 'approved' } },
      },
    ]);
    const { code, output } = await pactVerifier([file]);
    expect(code).not.toBe(0);
    expect(output).toContain('expected 200 but was 400');
    const session = (await app.inject({ url: '/__mock/verification' })).json();
    expect(session.errors).toEqual([
      expect.objectContaining({ interaction: 1, method: 'POST', status: 400, error: 'ProductNotAllowedException', error_details: expect.stringMatching(/status ok/) }),
    ]);
  }, 120_000);

  it('outside a verification the recorded tokens of the pact are refused', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v2/Payment/Subscriptions/SUB_PHPACTIVE000000000000000000000`, {
      headers: { Authorization: 'Bearer q7lh0c2v5m1n8rbk4sd6tg3fpa' },
    });
    expect(res.status).toBe(403);
  });
});
