// The mock and the verifier in separate processes: the CLI, compiled, runs in a child process the
// way `npx secuconnect-mock` would, and the verifier reaches it only over HTTP.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacts } from './verify.js';
import { handWrittenPact } from './test-helpers.js';
import { spawnGroup, stopGroup, type Child } from '../test/processes.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACTS = join(ROOT, 'contracts', 'pacts');
const STX = 'STX_OTHERPROCESS0000000000000001';

/**
 * The package's layout (dist/, package.json, fixtures) in a temporary folder. The sources are
 * transpiled file by file: `tsc --noEmit` already checks them, and a full build is far slower.
 */
function buildPackage(): string {
  const pkg = mkdtempSync(join(tmpdir(), 'secuconnect-mock-pkg-'));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  const contracts = readdirSync(join(ROOT, 'contracts')).map((f) => join(ROOT, 'contracts', f));
  for (const file of [...walk(join(ROOT, 'server')), ...contracts].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const out = join(pkg, 'dist', relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  mkdirSync(join(pkg, 'dist', 'fixtures'));
  copyFileSync(join(ROOT, 'fixtures', 'magic-values.json'), join(pkg, 'dist', 'fixtures', 'magic-values.json'));
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'fixtures'), join(pkg, 'fixtures'));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  return pkg;
}

function run(cli: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(process.execPath, [cli, ...args]);
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Starts `secuconnect-mock start --port 0 --pushes manual` (the pacts’ url_push is never called) and resolves with the URL its banner prints. */
function startMock(cli: string): Promise<{ child: Child; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(process.execPath, [cli, 'start', '--port', '0', '--pushes', 'manual']);
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
  });
}

describe('verifier and mock in separate processes', () => {
  let pkg: string;
  let cli: string;
  let mock: { child: Child; url: string };

  beforeAll(async () => {
    pkg = buildPackage();
    cli = join(pkg, 'dist', 'server', 'cli.js');
    mock = await startMock(cli);
  }, 180_000);

  afterAll(async () => {
    if (mock) await stopGroup(mock.child);
    if (pkg) rmSync(pkg, { recursive: true, force: true });
  });

  it('passes a pact with recorded tokens through the Rust verifier, given only the state-change URL', async () => {
    // What pact-php, pact-python, pact-go … run: no custom header, no request filter.
    const file = handWrittenPact([
      {
        description: 'a read of a prepared card payment',
        providerStates: [{ name: 'a smart transaction', params: { id: STX, status: 'approved', payment_method: 'creditcard', amount: 4200 } }],
        request: { method: 'GET', path: `/api/v2/Smart/Transactions/${STX}`, headers: { Authorization: 'Bearer recorded' } },
        response: { status: 200, body: { id: STX, status: 'approved', payment_method: 'creditcard', basket_info: { sum: 4200, currency: 'EUR' } } },
      },
    ]);
    const { port } = new URL(mock.url);
    const pactCli = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');
    const args = ['verifier', '--file', file, '--file', join(PACTS, 'secuconnect-php-sdk-secuconnect.json'), '--hostname', '127.0.0.1', '--port', port];
    const { code, stdout } = await run(pactCli, [...args, '--state-change-url', `${mock.url}/__mock/provider-states`, '--no-colour']);
    expect(stdout).not.toContain('FAILED');
    expect(code, stdout).toBe(0);
  }, 120_000);

  it('verifies the reference pacts with verifyPacts against the running mock', async () => {
    const result = await verifyPacts({ pactUrls: [PACTS], providerBaseUrl: mock.url, logLevel: 'error' });
    expect(result.passed, result.report).toBe(true);
  }, 120_000);

  it('`secuconnect-mock verify` exits 0 when every interaction passes', async () => {
    const { code, stdout } = await run(cli, ['verify', PACTS]);
    expect(stdout).toContain('23 of 23 interactions passed');
    expect(code).toBe(0);
  }, 120_000);

  it('`secuconnect-mock verify` exits non-zero with the verifier’s mismatch for behaviour the API does not have', async () => {
    const file = handWrittenPact([
      {
        description: 'a debit prepare expected to capture at once',
        providerStates: [{ name: 'a smart transaction', params: { id: STX, status: 'created', payment_method: 'debit' } }],
        request: { method: 'POST', path: `/api/v2/Smart/Transactions/${STX}/prepare/debit`, headers: { Authorization: 'Bearer recorded', 'Content-Type': 'application/json' }, body: {} },
        response: { status: 200, body: { id: STX, status: 'ok' } },
      },
    ]);
    const { code, stdout } = await run(cli, ['verify', file]);
    expect(stdout).toMatch(/\$\.status.* -> Expected 'approved' \(String\) to be equal to 'ok' \(String\)/);
    expect(stdout).toContain('0 of 1 interactions passed');
    expect(code).toBe(1);
  }, 120_000);
  it('`secuconnect-mock verify` prints what the mock answered where the pact expects success', async () => {
    const file = handWrittenPact([
      {
        description: 'a debit prepare of a captured transaction',
        providerStates: [{ name: 'a smart transaction', params: { id: STX, status: 'ok' } }],
        request: { method: 'POST', path: `/api/v2/Smart/Transactions/${STX}/prepare/debit`, headers: { Authorization: 'Bearer recorded', 'Content-Type': 'application/json' }, body: '' },
        response: { status: 200, body: { id: STX, status: 'approved' } },
      },
    ]);
    const { code, stdout: coloured } = await run(cli, ['verify', file]);
    const stdout = stripVTControlCharacters(coloured);
    expect(stdout).toContain('expected 200 but was 400');
    expect(stdout).toMatch(new RegExp(`the mock answered POST /api/v2/Smart/Transactions/${STX}/prepare/debit: 400 ProductNotAllowedException: .*status ok`));
    expect(code).toBe(1);
  }, 120_000);
});
