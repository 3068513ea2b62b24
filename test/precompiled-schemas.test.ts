// What the build ships in dist/server/precompiled (scripts/precompile.mjs) is what the built app
// loads, and it behaves exactly like the functions compiled at run time: a file for every schema
// the app asks for, named by the key the loader looks up, made for the installed Ajv and
// fast-json-stringify, with the same verdicts, errors, removals, coercions and JSON. A stale or
// mis-keyed build fails here. And the lazy functions server/schemas/compile.ts hands out keep
// Ajv's calling convention. dist/ is built by the global setup (test/build-dist.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fastJson from 'fast-json-stringify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, packageRoot } from '../server/paths.js';
import { buildApp } from '../server/app.js';
import { listQuery } from '../server/schemas/common.js';
import { collectSchemas, createAjv, schemaKey, serializerOptions, validator, type Kind, type Serialize, type ValidatorKind } from '../server/schemas/compile.js';
import { scenarioSchema } from '../server/schemas/scenario.js';
import { smartTransactionsDTO, smartTransactionsProductModel } from '../server/schemas/smart-transactions.js';
import { DEMO, demoApi, tokenFor } from './helpers.js';

const require = createRequire(import.meta.url);
const DIST = join(packageRoot, 'dist', 'server');
const PRECOMPILED = join(DIST, 'precompiled');

type Compile = typeof import('../server/schemas/compile.js');
type Recorded = Record<Kind, Set<object>>;

/**
 * Builds an app from `appModule` inside the `collectSchemas` of `compileModule` (the compile.ts
 * that app uses), as scripts/precompile.mjs does, so that every schema the app asks for is noted.
 */
async function schemasAskedFor(appModule: string, compileModule: string): Promise<{ compile: Compile; recorded: Recorded }> {
  const compile = (await import(compileModule)) as Compile;
  const { buildApp } = (await import(appModule)) as typeof import('../server/app.js');
  const recorded = await compile.collectSchemas(async () => (await buildApp({ logLevel: 'silent' })).close());
  return { compile, recorded };
}

const entries = (recorded: Recorded) => Object.entries(recorded).flatMap(([kind, schemas]) => [...schemas].map((schema) => [kind as Kind, schema] as const));

let manifest: { ajv: string; 'fast-json-stringify': string; keys: string[] };
let built: { compile: Compile; recorded: Recorded };
let fromSource: Recorded;

beforeAll(async () => {
  manifest = JSON.parse(readFileSync(join(PRECOMPILED, 'manifest.json'), 'utf8'));
  built = await schemasAskedFor(pathToFileURL(join(DIST, 'app.js')).href, pathToFileURL(join(DIST, 'schemas', 'compile.js')).href);
  fromSource = (await schemasAskedFor('../server/app.js', '../server/schemas/compile.js')).recorded;
});

/** The precompiled function the built app's loader hands out for `schema`, checked to be the shipped file. */
function shipped<F>(kind: Kind, schema: object): F {
  const file = join(PRECOMPILED, `${built.compile.schemaKey(kind, schema)}.cjs`);
  const fn = kind === 'serializer' ? built.compile.compileSerializerNow(schema) : built.compile.compileValidatorNow(kind, schema);
  expect(fn, `${kind} ${file}`).toBe(require(file));
  return fn as F;
}

/** A schema of the built app that the source's `name` export equals. */
function builtSchema(kind: Kind, source: object): object {
  const match = [...built.recorded[kind]].find((schema) => JSON.stringify(schema) === JSON.stringify(source));
  if (!match) throw new Error(`the built app asks for no ${kind} schema like ${JSON.stringify(source).slice(0, 80)}`);
  return match;
}

/** A value of the shape `schema` describes, as far as a small walk can tell; enough to reach deeper keywords. */
function sample(schema: any, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('default' in schema) return structuredClone(schema.default);
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(schema[key])) return sample(schema[key][0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
  }
  if (type === 'array') return [sample(schema.items, depth + 1)];
  if (type === 'string') return schema.format === 'date-time' ? '2021-02-25T08:47:25+01:00' : 'x'.repeat(schema.minLength ?? 1);
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  return null;
}

const probes = (schema: object): unknown[] => [sample(schema), {}, [], null, 'text', '42', 42, -1.5, true, { unknown_field: 1 }];

type AjvFn = ((data: unknown, cxt?: object) => boolean) & { errors?: unknown };

/** Runs the run-time compiled and the shipped validator on copies of the same input. */
function bothWays(kind: ValidatorKind, schema: object) {
  const runtime = createAjv(kind).compile(schema) as AjvFn;
  const precompiled = shipped<AjvFn>(kind, schema);
  return (input: unknown) => {
    const [a, b] = [structuredClone(input), structuredClone(input)];
    const [okA, okB] = [runtime(a), precompiled(b)];
    return { runtime: { ok: okA, errors: runtime.errors ?? null, data: a }, precompiled: { ok: okB, errors: precompiled.errors ?? null, data: b } };
  };
}

function serializeBothWays(schema: object) {
  const runtime = fastJson(schema as Parameters<typeof fastJson>[0], serializerOptions() as Parameters<typeof fastJson>[1]) as Serialize;
  const precompiled = shipped<Serialize>('serializer', schema);
  const attempt = (fn: Serialize, input: unknown) => {
    try {
      return { json: fn(structuredClone(input)) };
    } catch (e) {
      return { threw: (e as Error).message };
    }
  };
  return (input: unknown) => ({ runtime: attempt(runtime, input), precompiled: attempt(precompiled, input) });
}

describe('the build in dist/server/precompiled', () => {
  it('was made with the installed Ajv and fast-json-stringify', () => {
    expect(manifest.ajv).toBe(require('ajv/package.json').version);
    expect(manifest['fast-json-stringify']).toBe(require('fast-json-stringify/package.json').version);
  });

  it('holds a file for every schema the built app asks for, under the key its loader looks up, and the loader hands it out', () => {
    const asked = entries(built.recorded);
    expect(asked.length).toBeGreaterThan(20);
    for (const [kind, schema] of asked) {
      const key = built.compile.schemaKey(kind, schema);
      expect(manifest.keys, `${kind} ${JSON.stringify(schema).slice(0, 120)}`).toContain(key);
      expect(existsSync(join(PRECOMPILED, `${key}.cjs`)), key).toBe(true);
      shipped(kind, schema);
    }
  });

  it('is made from the current sources: every schema an app built from them asks for is precompiled', () => {
    const missing = entries(fromSource)
      .map(([kind, schema]) => schemaKey(kind, schema))
      .filter((key) => !manifest.keys.includes(key));
    expect(missing).toEqual([]);
  });

  it('judges and writes like run-time compiled code, schema by schema', () => {
    for (const [kind, schema] of entries(built.recorded)) {
      const check = kind === 'serializer' ? serializeBothWays(schema) : bothWays(kind, schema);
      for (const input of probes(schema)) {
        const { runtime, precompiled } = check(input);
        expect(precompiled, `${kind} ${built.compile.schemaKey(kind, schema)} on ${JSON.stringify(input)}`).toEqual(runtime);
      }
    }
  });
});

const order = {
  customer: { id: 'PCU_0000000000000000000000000000AA' },
  basket: { products: [{ id: 1, item_type: 'article', desc: 'Espresso beans 1 kg', articleNumber: 'BEAN-1', quantity: 1, priceOne: 1999, sum: 1999, tax: 7 }] },
  basket_info: { sum: 1999, currency: 'EUR' },
  transactionRef: 'Order 4711',
  merchantRef: '4711',
};

describe('the shipped validators', () => {
  it('judge Smart Transaction bodies like run-time Ajv: valid, extra fields removed, every error named', () => {
    const check = bothWays('body', builtSchema('body', smartTransactionsDTO));
    for (const input of [
      order,
      { ...order, unknown_field: 1, basket_info: { ...order.basket_info, extra: true } },
      { ...order, basket_info: { sum: '1999', currency: 7 } },
      { ...order, basket: { products: [{ quantity: 'two' }, 'nonsense'] } },
      [],
      null,
    ]) {
      const { runtime, precompiled } = check(input);
      expect(precompiled).toEqual(runtime);
    }
    expect(check({ ...order, unknown_field: 1 }).precompiled.data).toEqual(order);
    expect(check({ ...order, basket_info: { sum: '1999', currency: 7 } }).precompiled.errors).toHaveLength(2);
  });

  it('coerce query strings like run-time Ajv', () => {
    const check = bothWays('text', builtSchema('text', listQuery));
    for (const input of [{ count: '20', offset: '5', sort: 'created:desc' }, { count: 'x', offset: '-1' }, { fields: 'id', bogus: '1' }]) {
      const { runtime, precompiled } = check(input);
      expect(precompiled).toEqual(runtime);
    }
    expect(check({ count: '20' }).precompiled.data).toEqual({ count: 20 });
  });

  it('judge scenarios like run-time Ajv, the shipped one and a broken one', () => {
    const check = bothWays('scenario', builtSchema('scenario', scenarioSchema));
    const shipped = JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8'));
    const broken = structuredClone(shipped);
    broken.clients[0].smart_transactions[1].status = 'paid';
    delete broken.clients[1].merchant;
    for (const input of [shipped, broken]) {
      const { runtime, precompiled } = check(input);
      expect(precompiled).toEqual(runtime);
    }
    expect(check(shipped).precompiled.ok).toBe(true);
    expect(check(broken).precompiled.ok).toBe(false);
  });
});

describe('the shipped serializers', () => {
  it('write a Smart Transaction exactly as fast-json-stringify compiled at run time does', async () => {
    const { call } = await demoApi();
    const stx = (await call('GET', '/Smart/Transactions?count=3')).body.data;
    const check = serializeBothWays(builtSchema('serializer', smartTransactionsProductModel));
    for (const item of stx) {
      const { runtime, precompiled } = check({ ...item, not_in_schema: 1 });
      expect(precompiled.json).toBeDefined();
      expect(precompiled).toEqual(runtime);
    }
  });
});

describe('the lazy validators of server/schemas/compile.ts', () => {
  it('are one function per schema, report errors in `errors` and pass the parent on, so a root value is coerced in place', () => {
    const schema = { type: 'integer' };
    const validate = validator('text', schema);
    expect(validator('text', schema)).toBe(validate);
    const parent = { value: '42' as unknown };
    expect(validate(parent.value, { parentData: parent, parentDataProperty: 'value', rootData: parent, instancePath: '' })).toBe(true);
    expect(parent.value).toBe(42);
    expect(validate('forty-two')).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'type', message: 'must be integer' });
  });

  it('key schemas by kind, options and the shared schemas they may $ref', () => {
    expect(schemaKey('body', listQuery)).not.toBe(schemaKey('text', listQuery));
    expect(schemaKey('body', listQuery)).toBe(schemaKey('body', structuredClone(listQuery)));
  });
});

describe('what a build precompiles', () => {
  const keysOf = (schemas: Record<Kind, Set<object>>) =>
    new Set(Object.entries(schemas).flatMap(([kind, set]) => [...set].map((schema) => schemaKey(kind as Kind, schema))));

  it('covers every schema a server uses for a token, a create and a read (nothing is compiled at run time)', async () => {
    // What scripts/precompile.mjs collects: an app built and closed.
    const built = keysOf(await collectSchemas(async () => (await buildApp({ logLevel: 'silent' })).close()));
    const used = keysOf(
      await collectSchemas(async () => {
        const app = await buildApp({ logLevel: 'silent' });
        const token = await tokenFor(app, DEMO);
        const headers = { authorization: `Bearer ${token}` };
        const created = await app.inject({ method: 'POST', url: '/api/v2/Smart/Transactions', headers, payload: { ...order, customer: undefined } });
        expect(created.statusCode).toBe(200);
        const read = await app.inject({ method: 'GET', url: `/api/v2/Smart/Transactions/${created.json().id}`, headers });
        expect(read.statusCode).toBe(200);
        await app.close();
      }),
    );
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !built.has(key))).toEqual([]);
  });

  it('records only while its function runs', async () => {
    const outside = { type: 'string' };
    let inside: Record<Kind, Set<object>> | undefined;
    inside = await collectSchemas(async () => validator('body', { type: 'integer' }));
    validator('body', outside);
    expect([...inside.body]).toEqual([{ type: 'integer' }]);
  });
});
