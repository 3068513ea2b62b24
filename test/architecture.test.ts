// The house has floors and imports point down (docs/architecture.md). Every import of server/ and
// contracts/ (type-only ones too) is read with TypeScript's own pre-processor; a test fails naming
// the file and the import that points the wrong way, and the files of any import circle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Floor of each unit, lowest first. A unit is a folder of server/ or one file; imports go to lower floors or within a unit. */
const FLOORS: [unit: string, floor: number][] = [
  ['server/schemas', 0],
  ['server/paths.ts', 0],
  ['server/store', 1],
  ['server/options.ts', 1],
  ['server/domain', 2],
  ['server/plugins', 3],
  ['server/routes', 4],
  ['server/control', 4],
  ['server/scenario-file.ts', 4],
  ['server/app.ts', 5],
  ['server/index.ts', 6],
  ['server/testing', 6],
  ['contracts', 6.5],
  ['server/cli.ts', 7],
];

/** What contracts/ may import of the server: its public entry points only. */
const PUBLIC_ENTRY_POINTS = ['server/index.ts', 'server/app.ts', 'server/options.ts', 'server/testing/'];

const unitOf = (file: string) => FLOORS.find(([unit]) => file === unit || file.startsWith(`${unit}/`));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'pacts' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The project files `file` imports (relative specifiers, `.js` mapped back to `.ts`). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts'))
    .filter((target) => target.endsWith('.ts'));
}

const files = [...sourceFiles('server'), ...sourceFiles('contracts')];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Why an import breaks the rules, or undefined. */
export function wrongWay(from: string, to: string): string | undefined {
  const [fromUnit, fromFloor] = unitOf(from) ?? [];
  const [toUnit, toFloor] = unitOf(to) ?? [];
  if (fromUnit === undefined || toUnit === undefined) return `${from} or ${to} is on no floor (add it to FLOORS and docs/architecture.md)`;
  if (fromUnit === 'contracts' && toUnit !== 'contracts' && !PUBLIC_ENTRY_POINTS.some((p) => to === p || (p.endsWith('/') && to.startsWith(p)))) {
    return `contracts/ uses the server's public entry points only (${PUBLIC_ENTRY_POINTS.join(', ')})`;
  }
  if (fromUnit === toUnit) return undefined;
  if (toFloor! < fromFloor!) return undefined;
  return `${toUnit} (floor ${toFloor}) is not below ${fromUnit} (floor ${fromFloor})`;
}

/** Every circle of imports, each as the files along it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the floors of the house', () => {
  it('reads the imports of every source file', () => {
    expect(graph.get('server/app.ts')).toContain('server/routes/smart-transactions.ts');
    expect(graph.get('server/store/entities.ts')!.length).toBeGreaterThan(0);
  });

  it('has every import point down (or stay within its unit)', () => {
    const wrong = [...graph].flatMap(([from, targets]) =>
      targets.flatMap((to) => {
        const why = wrongWay(from, to);
        return why ? [`${from} imports ${to}: ${why}`] : [];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('has no files that import each other in a circle', () => {
    expect(cycles().map((c) => c.join(' -> '))).toEqual([]);
  });

  it('names the import that points the wrong way', () => {
    expect(wrongWay('server/store/tenant.ts', 'server/domain/errors.ts')).toBe('server/domain (floor 2) is not below server/store (floor 1)');
    expect(wrongWay('server/control/index.ts', 'server/routes/shared.ts')).toMatch(/server\/routes \(floor 4\) is not below server\/control/);
    expect(wrongWay('contracts/verify.ts', 'server/domain/errors.ts')).toMatch(/public entry points/);
    expect(wrongWay('server/domain/scenario.ts', 'contracts/verify.ts')).toMatch(/not below/);
    expect(wrongWay('server/cli.ts', 'contracts/verify.ts')).toBeUndefined();
    expect(wrongWay('contracts/verify.ts', 'server/index.ts')).toBeUndefined();
  });

  it('keeps Fastify and file reading out of the domain', () => {
    const offending = files
      .filter((f) => f.startsWith('server/domain/') || f.startsWith('server/store/') || f.startsWith('server/schemas/'))
      .flatMap((f) => {
        const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, f), 'utf8'), true, true);
        const bad = importedFiles.map((i) => i.fileName).filter((s) => /^(fastify|@fastify\/|node:fs|fs$|node:fs\/promises)/.test(s));
        return f.startsWith('server/schemas/') ? bad.filter((s) => s.startsWith('fastify') || s.startsWith('@fastify')).map((s) => `${f}: ${s}`) : bad.map((s) => `${f}: ${s}`);
      });
    expect(offending).toEqual([]);
  });
});
