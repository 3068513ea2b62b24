// The package as users get it: `npm pack`, installed into an empty project, gives a working
// `npx secuconnect-mock` (start and verify), `secuconnect-mock/testing` with its types, and
// `secuconnect-mock/contracts`, and the files the README links to. Slow (packs, installs from the
// npm cache), so one file does it all.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnGroup, stopGroup } from './processes.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let project: string;

async function npm(args: string[], cwd: string) {
  return run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
}

const npx = (args: string[]) =>
  run('npx', args, { cwd: project, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-pack-'));
  // dist/ is built by the global setup (test/build-dist.ts); packing without the prepare script
  // keeps it from being rebuilt under the feet of the other test files that run it.
  await npm(['pack', '--ignore-scripts', '--pack-destination', dir], root);
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'))!;
  project = join(dir, 'project');
  await run('mkdir', ['-p', project]);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', type: 'module', private: true }));
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball), 'typescript@~5.9', '@types/node@^20'], project);
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed package in an empty project', () => {
  it('starts with npx secuconnect-mock --port 0 and answers health and a token request', async () => {
    // npx runs the CLI as a child of its own and does not pass signals on: stop the whole group.
    const child = spawnGroup('npx', ['secuconnect-mock', '--port', '0'], { cwd: project });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
      const token = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
      });
      expect(token.status).toBe(200);
    } finally {
      await stopGroup(child);
    }
  }, 60_000);

  it('verifies the reference pacts with npx secuconnect-mock verify', async () => {
    const { stdout } = await npx(['secuconnect-mock', 'verify', join(root, 'contracts', 'pacts', 'secuconnect-reference-client-secuconnect.json')]);
    expect(stdout).toContain('15 of 15 interactions passed');
  }, 180_000);

  it('verifies the shipped PHP SDK pact: a form-urlencoded token request and a recorded-token subscription flow', async () => {
    const pact = join(project, 'node_modules', 'secuconnect-mock', 'contracts', 'pacts', 'secuconnect-php-sdk-secuconnect.json');
    const { stdout } = await npx(['secuconnect-mock', 'verify', pact]);
    for (const step of ['a form-urlencoded client_credentials token request', 'an empty-body debit prepare', 'an empty-body debit start', 'a read of an active subscription']) {
      expect(stdout).toContain(step);
    }
    expect(stdout).toContain('5 of 5 interactions passed');
  }, 180_000);

  it('fails a wrong pact with npx secuconnect-mock verify, saying what the mock answered', async () => {
    const stx = 'STX_WRONG0000000000000000000000001';
    const interaction = {
      description: 'a debit prepare of a captured transaction',
      providerStates: [{ name: 'a smart transaction', params: { id: stx, status: 'ok' } }],
      request: { method: 'POST', path: `/api/v2/Smart/Transactions/${stx}/prepare/debit`, headers: { Authorization: 'Bearer recorded', 'Content-Type': 'application/json' }, body: '' },
      response: { status: 200, body: { status: 'approved' } },
    };
    const pact = { consumer: { name: 'shop' }, provider: { name: 'secuconnect' }, interactions: [interaction], metadata: { pactSpecification: { version: '3.0.0' } } };
    await writeFile(join(project, 'wrong-pact.json'), JSON.stringify(pact));
    const failed = await npx(['secuconnect-mock', 'verify', 'wrong-pact.json']).then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    const stdout = stripVTControlCharacters(failed!.stdout);
    expect(stdout).toContain('0 of 1 interactions passed');
    expect(stdout).toMatch(/the mock answered POST \/api\/v2\/Smart\/Transactions\/STX_WRONG0+1\/prepare\/debit: 400 ProductNotAllowedException: .*status ok/);
  }, 180_000);

  it('holds every file the README links to, and a LICENSE matching package.json', async () => {
    const installed = join(project, 'node_modules', 'secuconnect-mock');
    const readme = await readFile(join(installed, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(existsSync(join(installed, link)), link).toBe(true);
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { license: string };
    expect(manifest.license).toBe('MIT');
    expect((await readFile(join(installed, 'LICENSE'), 'utf8')).split('\n')[0]).toBe('MIT License');
  });

  it('intercepts fetch with secuconnect-mock/testing, and its types check', async () => {
    const source = `import { interceptSecuconnect } from 'secuconnect-mock/testing';
import { verifyPacts } from 'secuconnect-mock/contracts';
import { buildApp } from 'secuconnect-mock';
const mock = await interceptSecuconnect();
const res = await fetch('https://connect-testing.secuconnect.com/oauth/token', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
});
const body: { access_token: string } = await res.json();
console.log(res.status, body.access_token.length, typeof verifyPacts, typeof buildApp);
await mock.close();
`;
    await writeFile(join(project, 'check.ts'), source);
    await writeFile(join(project, 'check.mjs'), source.replace(': { access_token: string }', ''));
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['check.ts'] }),
    );
    await run('npx', ['tsc', '-p', '.'], { cwd: project });
    const { stdout } = await run('node', ['check.mjs'], { cwd: project });
    expect(stdout.trim()).toBe('200 26 function function');
  }, 120_000);
});
