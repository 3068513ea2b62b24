// The command line answers like a Node CLI: --version; an unknown option, command or stray
// argument prints one line naming it plus the usage on stderr and exits 2; --public-url must be an
// absolute http(s) URL; a scenario with the same client_id twice is refused naming both entries.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot, packageVersion } from '../../server/paths.js';
import { validateScenario } from '../../server/domain/scenario.js';

const CLI = join(packageRoot, 'dist', 'server', 'cli.js');

/** Runs the CLI to its end (these calls never listen) and answers its exit code and output. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { timeout: 20_000, env: { ...process.env, PORT: '', HOST: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the command line', () => {
  it('prints its version', async () => {
    expect(await cli('--version')).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
    expect((await cli('-v')).stdout).toBe(`${packageVersion}\n`);
  });

  it.each([
    [['--frobnicate'], 'secuconnect-mock: unknown option: --frobnicate'],
    [['serve'], 'secuconnect-mock: unknown command: serve'],
    [['start', 'extra'], 'secuconnect-mock: unexpected argument: extra'],
    [['--port'], 'secuconnect-mock: option needs a value: --port <value>'],
  ])('refuses %j with one line naming it, the usage, and exit 2', async (args, line) => {
    const res = await cli(...args);
    expect(res.code).toBe(2);
    const [first, ...rest] = res.stderr.split('\n');
    expect(first).toBe(line);
    expect(rest.join('\n')).toContain('Usage: secuconnect-mock');
    expect(res.stderr).not.toMatch(/TypeError|ERR_PARSE_ARGS|at .*\.js:\d+/);
    expect(res.stdout).toBe('');
  });

  it.each(['example.com', 'ftp://example.com', 'javascript:alert(1)', 'http://', 'http://a b'])('refuses --public-url %s', async (url) => {
    const res = await cli('--port', '0', '--public-url', url);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/publicUrl must match pattern/);
  });

  it('refuses a scenario naming the same client_id twice, naming both entries', async () => {
    const client = { client_id: 'shop', client_secret: 's', merchant: { companyname: 'Shop' } };
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const file = join(dir, 'twice.json');
    writeFileSync(file, JSON.stringify({ clients: [client, { ...client, client_secret: 't' }] }));
    const res = await cli('--port', '0', '--fixtures', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('clients[1].client_id "shop" is already used by clients[0]');
    expect(() => validateScenario({ clients: [client, client] }, 'x')).toThrow(/clients\[1\]\.client_id "shop" is already used by clients\[0\]/);
  });
});
