// Runs every example of docs/provider-states.md and of the README's contract sections, as a user
// would type them: in a folder with a `pacts/` folder, against a mock the example itself starts.
// Only what cannot be typed here is replaced: the port 8080 by a free one, `npx secuconnect-mock`
// by the build of this checkout (dist/), `npx pact` by the Pact CLI of the dev dependencies. A
// `#=>` line names text the command before it must print; every command must exit 0.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnGroup, stopGroup, type Child } from '../test/processes.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'server', 'cli.js');
const PACT_CLI = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');

interface Block {
  lang: string;
  code: string;
}

function blocksOf(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

function readmeContractSections(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Contract tests with Pact');
  const end = readme.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, end);
}

/** The commands of a shell block (continued lines joined) and the `#=>` expectations after each. */
function commandsOf(code: string): { command: string; expect: string[] }[] {
  const out: { command: string; expect: string[] }[] = [];
  let pending = '';
  for (const line of code.split('\n')) {
    const expected = /^#=>\s?(.*)$/.exec(line);
    if (expected) {
      out.at(-1)!.expect.push(expected[1]);
      continue;
    }
    if (!line.trim() || (line.startsWith('#') && !pending)) continue;
    pending += line.endsWith('\\') ? `${line.slice(0, -1)} ` : line;
    if (!line.endsWith('\\')) {
      out.push({ command: pending, expect: [] });
      pending = '';
    }
  }
  return out;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function sh(command: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

function startMock(command: string, cwd: string): Promise<Child> {
  const [, args] = /secuconnect-mock\s+(.*)$/.exec(command)!;
  const child = spawnGroup(process.execPath, [CLI, ...args.split(/\s+/).filter(Boolean)], { cwd });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('listening on')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${out}`)));
  });
}

const project = mkdtempSync(join(tmpdir(), 'docs-examples-'));
mkdirSync(join(project, 'pacts'));
const pacts = fileURLToPath(new URL('./pacts/', import.meta.url));
for (const f of readdirSync(pacts).filter((f) => f.endsWith('.json'))) copyFileSync(join(pacts, f), join(project, 'pacts', f));
let mock: Child | undefined;

afterAll(async () => {
  if (mock) await stopGroup(mock);
  rmSync(project, { recursive: true, force: true });
});

const sources = [
  { name: 'docs/provider-states.md', text: () => readFileSync(join(ROOT, 'docs', 'provider-states.md'), 'utf8') },
  { name: 'README.md (contract sections)', text: readmeContractSections },
];

describe.sequential('the documented contract examples', () => {
  it('are shell examples, but for the README’s TypeScript one (run as contracts/readme-example.test.ts)', () => {
    const example = readFileSync(join(ROOT, 'contracts', 'readme-example.test.ts'), 'utf8').replace("from './index.js'", "from 'secuconnect-mock/contracts'");
    for (const source of sources) {
      const blocks = blocksOf(source.text());
      expect(blocks.filter((b) => b.lang === 'sh').length, source.name).toBeGreaterThan(0);
      for (const b of blocks.filter((b) => b.lang !== 'sh')) expect(b.code, source.name).toBe(example);
    }
  });

  it.each(sources)('$name: every shell example runs and prints what it says', async (source) => {
    const port = String(await freePort());
    for (const block of blocksOf(source.text()).filter((b) => b.lang === 'sh')) {
      for (const { command, expect: expected } of commandsOf(block.code)) {
        const typed = command.replaceAll('8080', port);
        if (/secuconnect-mock start/.test(typed)) {
          if (mock) await stopGroup(mock);
          mock = await startMock(typed, project);
          continue;
        }
        const local = typed.replaceAll('npx secuconnect-mock', `node ${CLI}`).replaceAll('npx pact ', `node ${PACT_CLI} `);
        const { code, output } = await sh(local, project);
        expect(code, `${command}\n${output}`).toBe(0);
        for (const text of expected) expect(output, command).toContain(text);
      }
    }
  }, 120_000);
});
