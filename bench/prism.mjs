// Prism (@stoplight/prism-cli 5), the tool a user would otherwise pick, fetched on demand into a
// cache folder under the OS temp dir (never a dependency of the package). `prismCommand()` gives
// the node arguments to run it, or throws when it cannot be fetched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export const PRISM_SPEC = '@stoplight/prism-cli@5';
export const PRISM_DIR = join(os.tmpdir(), 'secuconnect-mock-bench', 'prism');

function installed() {
  const pkg = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'package.json');
  if (!existsSync(pkg)) return undefined;
  const { version, bin } = JSON.parse(readFileSync(pkg, 'utf8'));
  const main = typeof bin === 'string' ? bin : bin.prism;
  return { version, cli: join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', main) };
}

/** `{ version, cli, install }`: the installed Prism CLI script, installing it first if needed. */
export function fetchPrism({ log = () => {} } = {}) {
  let found = installed();
  let install = `npm install --prefix ${PRISM_DIR} ${PRISM_SPEC} (cached)`;
  if (!found) {
    mkdirSync(PRISM_DIR, { recursive: true });
    log(`fetching ${PRISM_SPEC} into ${PRISM_DIR} …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const started = performance.now();
    const r = spawnSync(npm, ['install', '--prefix', PRISM_DIR, '--no-audit', '--no-fund', '--loglevel=error', PRISM_SPEC], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0) throw new Error(`npm install ${PRISM_SPEC} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' ')}`);
    found = installed();
    if (!found) throw new Error(`npm install ${PRISM_SPEC} left no prism-cli in ${PRISM_DIR}`);
    install = `npm install --prefix ${PRISM_DIR} ${PRISM_SPEC} (${((performance.now() - started) / 1000).toFixed(0)} s)`;
  }
  return { ...found, install };
}

/** node arguments for `prism mock <document> -p <port> -v silent`. */
export function prismArgs(cli, document, port) {
  return [cli, 'mock', document, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'];
}
