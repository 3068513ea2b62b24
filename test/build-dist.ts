// Vitest global setup: the tests of the CLI, the package and the precompiled schemas run what
// ships, dist/. Build it (`npm run build`: tsc, then scripts/precompile.mjs) when it is missing or
// older than what it is made from, once, before any test file runs, so no two files build at once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time of the files under `path` (or of the file itself). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function setup(): void {
  // The manifest is written last, after tsc's outputs and every precompiled file.
  const built = newest(join(root, 'dist', 'server', 'precompiled', 'manifest.json'));
  const sources = Math.max(
    newest(join(root, 'server')),
    newest(join(root, 'contracts', 'index.ts')),
    newest(join(root, 'contracts', 'verify.ts')),
    newest(join(root, 'scripts')),
    newest(join(root, 'tsconfig.build.json')),
    newest(join(root, 'package-lock.json')),
  );
  if (built === 0 || built < sources) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
}
