// Build step (after tsc and scripts/precompile.mjs): dist/server/cli.js, the `secuconnect-mock`
// bin, becomes one file holding the server's own modules. Node 20 loads each ES module on its own
// (about a millisecond apiece, some sixty of them at start); one file saves most of that. The
// library entry points (index.js, testing/, contracts/) stay tsc's module tree, and packages stay
// imports of node_modules.
import { chmodSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/server/cli.js`;

// compile.ts finds the precompiled code beside its own folder (dist/server/schemas/ ->
// dist/server/precompiled/); inside the bundle its folder is dist/server/ itself.
const PRECOMPILED = "new URL('../precompiled/', import.meta.url)";
const precompiledBesideBundle = {
  name: 'precompiled-dir',
  setup(b) {
    b.onLoad({ filter: /server[\\/]schemas[\\/]compile\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(PRECOMPILED)) throw new Error(`${args.path} no longer says ${PRECOMPILED}: update scripts/bundle.mjs`);
      return { contents: source.replace(PRECOMPILED, "new URL('./precompiled/', import.meta.url)"), loader: 'ts' };
    });
  },
};

// `verify` loads the Pact verifier on demand: it stays the built dist/contracts/verify.js, so that
// `start` never loads the Pact core (bundled, its package imports would move to the top).
const verifierStaysOutside = {
  name: 'verifier-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/contracts\/verify\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

const started = performance.now();
const result = await build({
  entryPoints: [`${root}server/cli.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  plugins: [precompiledBesideBundle, verifierStaysOutside],
});
// A file made by a bundler has no execute bit, and npm sets it on the bin only when it links it
// at install: a later build (a test run's, a developer's) would leave `npx secuconnect-mock` unable to run.
chmodSync(outfile, 0o755);
const modules = Object.keys(result.metafile.inputs).length;
process.stdout.write(`bundled ${modules} modules into dist/server/cli.js in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
