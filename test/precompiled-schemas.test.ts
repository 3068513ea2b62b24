// The standalone code the build precompiles (scripts/precompile.mjs) behaves exactly like the
// functions compiled at run time: same verdicts, same errors, same removals and coercions, same
// JSON. And the lazy functions server/schemas/compile.ts hands out keep Ajv's calling convention.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import fastJson from 'fast-json-stringify';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../server/paths.js';
import { listQuery } from '../server/schemas/common.js';
import { buildApp } from '../server/app.js';
import { collectSchemas, createAjv, serializerOptions, schemaKey, validator, type Kind, type ValidatorKind } from '../server/schemas/compile.js';
import { scenarioSchema } from '../server/schemas/scenario.js';
import { smartTransactionsDTO, smartTransactionsProductModel } from '../server/schemas/smart-transactions.js';
import { DEMO, demoApi, tokenFor } from './helpers.js';

const require = createRequire(import.meta.url);
const standaloneCode = require('ajv/dist/standalone').default as (ajv: Ajv, validate: unknown) => string;

/** Runs generated CommonJS code as the compilers' `require` of a precompiled file would. */
function load<F>(code: string): F {
  const module = { exports: {} as F };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  return module.exports;
}

type AjvFn = ((data: unknown, cxt?: object) => boolean) & { errors?: unknown };

function bothWays(kind: ValidatorKind, schema: object) {
  const runtime = createAjv(kind).compile(schema) as AjvFn;
  const ajv = createAjv(kind, { code: { source: true } });
  const precompiled = load<AjvFn>(standaloneCode(ajv, ajv.compile(schema)));
  return (input: unknown) => {
    const [a, b] = [structuredClone(input), structuredClone(input)];
    const [okA, okB] = [runtime(a), precompiled(b)];
    return { runtime: { ok: okA, errors: runtime.errors ?? null, data: a }, precompiled: { ok: okB, errors: precompiled.errors ?? null, data: b } };
  };
}

const order = {
  customer: { id: 'PCU_0000000000000000000000000000AA' },
  basket: { products: [{ id: 1, item_type: 'article', desc: 'Espresso beans 1 kg', articleNumber: 'BEAN-1', quantity: 1, priceOne: 1999, sum: 1999, tax: 7 }] },
  basket_info: { sum: 1999, currency: 'EUR' },
  transactionRef: 'Order 4711',
  merchantRef: '4711',
};

describe('precompiled validators', () => {
  it('judge Smart Transaction bodies like run-time Ajv: valid, extra fields removed, every error named', () => {
    const check = bothWays('body', smartTransactionsDTO);
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
    const check = bothWays('text', listQuery);
    for (const input of [{ count: '20', offset: '5', sort: 'created:desc' }, { count: 'x', offset: '-1' }, { fields: 'id', bogus: '1' }]) {
      const { runtime, precompiled } = check(input);
      expect(precompiled).toEqual(runtime);
    }
    expect(check({ count: '20' }).precompiled.data).toEqual({ count: 20 });
  });

  it('judge scenarios like run-time Ajv, the shipped one and a broken one', () => {
    const check = bothWays('scenario', scenarioSchema);
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

describe('precompiled serializers', () => {
  it('write a Smart Transaction exactly as fast-json-stringify compiled at run time does', async () => {
    const { call } = await demoApi();
    const stx = (await call('GET', '/Smart/Transactions?count=3')).body.data;
    // The shared schemas the serializers `$ref`, as the compilers and the build pass them.
    const externals = serializerOptions().schema as Record<string, Parameters<typeof fastJson>[0]>;
    const runtime = fastJson(smartTransactionsProductModel, { schema: externals });
    const precompiled = load<(data: unknown) => string>(fastJson(smartTransactionsProductModel, { schema: externals, mode: 'standalone' }) as unknown as string);
    for (const item of stx) expect(precompiled({ ...item, not_in_schema: 1 })).toBe(runtime({ ...item, not_in_schema: 1 }));
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
