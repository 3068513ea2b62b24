// Schemas -> validate and serialize functions, process-wide. One schema object drives validation,
// serialization, types and OpenAPI; this module only decides when and how its code is made:
// - lazily: a function is handed out at once and its code made on first call, so start-up pays
//   for no schema a request has not used yet (compiling the Smart Transaction schemas took most
//   of a second);
// - precompiled when the build made it: `npm run build` runs scripts/precompile.mjs, which writes
//   Ajv's and fast-json-stringify's standalone code for every schema the app asks for into
//   dist/server/precompiled/, named by a hash of kind, options and schema. A schema changed since the
//   build has another hash and is compiled at run time, as it is from source (tests).
// Schemas `$ref` the shared shapes of server/schemas/shared.ts by `$id`: every Ajv instance and
// every fast-json-stringify call is given them, and the hash covers them.
// The cached functions are pure: apps of one process share them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sharedSchemas, sharedSchemasById } from './shared.js';

const require = createRequire(import.meta.url);

/**
 * How each kind of input is checked. Bodies strictly (no type coercion: "12" is not an integer),
 * query strings and path params coerced, as they only ever arrive as strings; scenario files
 * report every problem; options coerce env-var strings and fill defaults.
 */
export const AJV_OPTIONS = {
  body: { coerceTypes: false, removeAdditional: true, useDefaults: true, allErrors: true, strict: false },
  text: { coerceTypes: true, removeAdditional: true, useDefaults: true, allErrors: true, strict: false },
  scenario: { allErrors: true, strict: false },
  options: { useDefaults: true, coerceTypes: true, allErrors: true },
} as const;
export type ValidatorKind = keyof typeof AJV_OPTIONS;
export type Kind = ValidatorKind | 'serializer';

/** Ajv's error object, as far as the mock reads it. */
export interface ValidationError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Ajv's calling convention: a boolean, the problems in `errors`. */
export interface Validate<T = unknown> {
  (data: unknown, dataCxt?: object): data is T;
  errors?: ValidationError[] | null;
}
export type Serialize = (data: unknown) => string;

/** Where the build puts the standalone code: dist/server/precompiled (absent when run from source). */
export const PRECOMPILED_DIR = new URL('../precompiled/', import.meta.url);

let sharedJson: string | undefined;

/**
 * The file name a schema's precompiled code gets: kind plus a hash of its options, the schema's
 * JSON and the shared schemas' (any of which it may `$ref`: a changed shared shape changes every key).
 */
export function schemaKey(kind: Kind, schema: object): string {
  const options = kind === 'serializer' ? '' : JSON.stringify(AJV_OPTIONS[kind]);
  sharedJson ??= JSON.stringify(sharedSchemas);
  const hash = createHash('sha1').update(options).update(sharedJson).update(JSON.stringify(schema));
  return `${kind}-${hash.digest('hex').slice(0, 20)}`;
}

interface Manifest {
  ajv: string;
  'ajv-formats': string;
  'fast-json-stringify': string;
  keys: string[];
}

let manifest: { keys: Set<string> } | null | undefined;

/** The build's manifest, when it was made with the installed Ajv and fast-json-stringify. */
function precompiled(): { keys: Set<string> } | null {
  if (manifest !== undefined) return manifest;
  manifest = null;
  const file = new URL('manifest.json', PRECOMPILED_DIR);
  if (!existsSync(file)) return manifest;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
    if (
      m.ajv === version('ajv') &&
      m['ajv-formats'] === version('ajv-formats') &&
      m['fast-json-stringify'] === version('fast-json-stringify')
    ) {
      manifest = { keys: new Set(m.keys) };
    }
  } catch {
    // An unreadable manifest only costs start-up time: compile at run time.
  }
  return manifest;
}

function loadPrecompiled<F>(kind: Kind, schema: object): F | undefined {
  const m = precompiled();
  if (!m) return undefined;
  const key = schemaKey(kind, schema);
  return m.keys.has(key) ? (require(fileURLToPath(new URL(`${key}.cjs`, PRECOMPILED_DIR))) as F) : undefined;
}

type AjvInstance = import('ajv').Ajv;
const ajvs = new Map<ValidatorKind, AjvInstance>();

/**
 * A new Ajv configured for `kind`: its options (plus `extra`, e.g. the build's `code: {source: true}`),
 * the formats of ajv-formats (`date`, `date-time`) and the shared schemas, so that `$ref`s resolve
 * (standalone code inlines what they point at).
 */
export function createAjv(kind: ValidatorKind, extra: import('ajv').Options = {}): AjvInstance {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv({ ...AJV_OPTIONS[kind], ...extra });
  addFormats(ajv);
  ajv.addSchema([...sharedSchemas]);
  return ajv;
}

/** Ajv itself is loaded only when something must be compiled at run time. */
function ajvFor(kind: ValidatorKind): AjvInstance {
  let ajv = ajvs.get(kind);
  if (!ajv) ajvs.set(kind, (ajv = createAjv(kind)));
  return ajv;
}

/**
 * What fast-json-stringify gets of a schema: a string's `anyOf` (e.g. `dob`: a date or a date-time)
 * is a validation rule only, but left in, the serializer would load Ajv to pick a branch per value.
 */
function forSerialization(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forSerialization);
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'anyOf' && record.type === 'string') continue;
    out[key] = key === 'enum' || key === 'const' ? value : forSerialization(value);
  }
  return out;
}

let serializerExternals: Record<string, object> | undefined;

/** fast-json-stringify's options: the shared schemas as external schemas, by `$id`. */
export function serializerOptions<O extends object>(extra?: O): { schema: Record<string, object> } & O {
  serializerExternals ??= Object.fromEntries(Object.entries(sharedSchemasById).map(([id, schema]) => [id, forSerialization(schema) as object]));
  return { schema: { ...serializerExternals }, ...(extra as O) };
}

let recording: Record<Kind, Set<object>> | undefined;

/**
 * Every schema handed out while `run` runs, by kind: what scripts/precompile.mjs generates code
 * for (it builds an app inside `run`). Recording is scoped to the call, so apps made outside it
 * (which make some small schemas per instance) never grow a list. Calls do not nest.
 */
export async function collectSchemas(run: () => Promise<unknown>): Promise<Record<Kind, Set<object>>> {
  if (recording) throw new Error('collectSchemas is already running');
  const seen: Record<Kind, Set<object>> = {
    body: new Set(),
    text: new Set(),
    scenario: new Set(),
    options: new Set(),
    serializer: new Set(),
  };
  recording = seen;
  try {
    await run();
  } finally {
    recording = undefined;
  }
  return seen;
}

const validators: Record<ValidatorKind, WeakMap<object, Validate>> = {
  body: new WeakMap(),
  text: new WeakMap(),
  scenario: new WeakMap(),
  options: new WeakMap(),
};
const serializers = new WeakMap<object, Serialize>();

/** The compiled validator itself (precompiled or compiled now), without the lazy wrapper. */
export function compileValidatorNow(kind: ValidatorKind, schema: object): Validate {
  return loadPrecompiled<Validate>(kind, schema) ?? (ajvFor(kind).compile(schema) as unknown as Validate);
}

export function compileSerializerNow(schema: object): Serialize {
  const precompiled = loadPrecompiled<Serialize>('serializer', schema);
  if (precompiled) return precompiled;
  const fastJson = require('fast-json-stringify') as (schema: object, options?: object) => Serialize;
  return fastJson(schema, serializerOptions());
}

/** A validator for `schema`, compiled (or loaded) on its first call. */
export function validator<T = unknown>(kind: ValidatorKind, schema: object): Validate<T> {
  // Noted on every call, cached or not: a function made before the recording is still in use.
  recording?.[kind].add(schema);
  let fn = validators[kind].get(schema);
  if (fn) return fn as Validate<T>;
  let real: Validate | undefined;
  const validate: Validate = Object.assign(
    ((data: unknown, dataCxt?: object): boolean => {
      real ??= compileValidatorNow(kind, schema);
      const ok = real(data, dataCxt);
      validate.errors = real.errors;
      return ok;
    }) as Validate,
    // Fastify hands Ajv functions (which carry `schemaEnv`) the parent object, so that a root value
    // can be coerced in place; the wrapper forwards it to whichever function it ends up with.
    { schemaEnv: true, errors: null },
  );
  validators[kind].set(schema, (fn = validate));
  return fn as Validate<T>;
}

/** A serializer for `schema`, compiled (or loaded) on its first call. */
export function serializer(schema: object): Serialize {
  recording?.serializer.add(schema);
  let fn = serializers.get(schema);
  if (fn) return fn;
  let real: Serialize | undefined;
  fn = (data: unknown) => (real ??= compileSerializerNow(schema))(data);
  serializers.set(schema, fn);
  return fn;
}
