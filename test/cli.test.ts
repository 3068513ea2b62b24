// The compiled CLI (dist/server/cli.js): listens on the port it is given (0 = a free one), prints
// a banner with its URL, serves the API, stops on SIGTERM, and fails loudly on a bad scenario file.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../server/paths.js';
import { startReceiver } from './pushes/receiver.js';
import { spawnGroup, stopGroup, type Child } from './processes.js';

// Built by the global setup (test/build-dist.ts) when missing or stale.
const CLI = join(packageRoot, 'dist', 'server', 'cli.js');

const running: Child[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) await stopGroup(child);
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawnGroup(process.execPath, [CLI, ...args], {
    cwd: packageRoot,
    env: { ...process.env, PORT: '', HOST: '', SECUCONNECT_MOCK_FIXTURES: '', ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 15 s; stdout: ${stdout} stderr: ${stderr}`)), 15_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
  listening.catch(() => {}); // awaited only by the tests that expect a listening server
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('secuconnect-mock (compiled CLI)', () => {
  it('starts with --port 0, prints its URL, serves health and tokens, and stops on SIGTERM', async () => {
    const server = run(['--port', '0']);
    const url = await server.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    const { stdout } = server.output();
    expect(stdout).toContain(`${url}/api/v2`);
    expect(stdout).toContain('demo-client / demo-secret');

    const health = await fetch(`${url}/__mock/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    expect(access_token).toMatch(/^[a-z2-7]{26}$/);

    const me = await fetch(`${url}/api/v2/General/Merchants/me`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { companyname: string } }).user.companyname).toBe('Demo Shop GmbH');

    const refused = await fetch(`${url}/api/v2/General/Merchants/me`);
    expect(refused.status).toBe(403);
    expect(refused.statusText).toBe('ProductNotAllowedException');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('takes the port from the PORT environment variable', async () => {
    const server = run([], { PORT: '0' });
    const url = await server.listening;
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('exits non-zero naming the file when --fixtures points to a missing file', async () => {
    const missing = join(packageRoot, 'fixtures', 'does-not-exist.json');
    const server = run(['--port', '0', '--fixtures', missing]);
    await expect(server.listening).rejects.toThrow();
    expect(await server.exited).not.toBe(0);
    expect(server.output().stderr).toContain('secuconnect-mock:');
    expect(server.output().stderr).toContain(missing);
  });

  it('exits non-zero for an invalid option value', async () => {
    const server = run(['--port', 'eighty']);
    await expect(server.listening).rejects.toThrow();
    expect(await server.exited).not.toBe(0);
    expect(server.output().stderr).toMatch(/port/);
  });

  it('--pushes manual: the server process sends a push to a loopback receiver only when deliver is called', async () => {
    const receiver = await startReceiver([200]);
    try {
      const server = run(['--port', '0', '--pushes', 'manual']);
      const url = await server.listening;
      const tokenRes = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
      });
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      const api = (path: string, body: unknown) =>
        fetch(`${url}/api/v2${path}`, { method: 'POST', headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
      const stx = await api('/Smart/Transactions', { basket_info: { sum: 700, currency: 'EUR' }, application_context: { return_urls: { url_push: receiver.url } } });
      const prepared = await api(`/Smart/Transactions/${stx.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE35500105175418493188' } } });
      expect(prepared.status).toBe('approved');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(receiver.received).toHaveLength(0);
      const deliver = await fetch(`${url}/__mock/pushes/deliver`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(deliver.status).toBe(200);
      expect(((await deliver.json()) as any).results).toMatchObject([{ event: 'push.delivered', object_id: prepared.transactions[0].id }]);
      expect(receiver.received.map((r) => r.body.data[0].id)).toEqual([prepared.transactions[0].id]);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a --pushes mode it does not know', async () => {
    const server = run(['--port', '0', '--pushes', 'sometimes']);
    await expect(server.listening).rejects.toThrow();
    expect(await server.exited).not.toBe(0);
    expect(server.output().stderr).toMatch(/pushes/);
  });

  it('prints usage for --help and exits 0', async () => {
    const server = run(['--help']);
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/^Usage: secuconnect-mock/);
  });
});
