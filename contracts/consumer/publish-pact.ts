// The consumer tests write their pact to a scratch folder; this puts it in place of the committed
// one in one rename (only when it changed), so a verification reading it never sees half a file.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function publishPact(workDir: string, pactsDir: string, name: string): void {
  const fresh = readFileSync(join(workDir, name), 'utf8');
  const target = join(pactsDir, name);
  if (!existsSync(target) || readFileSync(target, 'utf8') !== fresh) {
    writeFileSync(`${target}.tmp`, fresh);
    renameSync(`${target}.tmp`, target);
  }
  rmSync(workDir, { recursive: true, force: true });
}
