// Validation and serialization compilers. Bodies are checked strictly (no type coercion: "12" is
// not an integer) while query strings and path params are coerced, as they only ever arrive as
// strings. Compiled functions are cached per schema object, process-wide: routes and apps share
// the resource schemas, so each is compiled once (compiling dominates start-up; a test suite
// building hundreds of apps pays it once). The cached functions are pure.
import type { FastifyInstance, FastifySchema } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import fastJson from 'fast-json-stringify';

function makeAjv(coerceTypes: boolean) {
  return new Ajv({
    coerceTypes,
    removeAdditional: true,
    useDefaults: true,
    allErrors: true,
    strict: false,
  });
}

function cached<F>(compile: (schema: object) => F) {
  const cache = new WeakMap<object, F>();
  return (schema: object): F => {
    let fn = cache.get(schema);
    if (!fn) cache.set(schema, (fn = compile(schema)));
    return fn;
  };
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);
const compileBody = cached((s) => bodyAjv.compile(s));
const compileText = cached((s) => textAjv.compile(s));
const compileSerializer = cached((s) => fastJson(s));

export function installCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }): ValidateFunction =>
    httpPart === 'body' ? compileBody(schema) : compileText(schema),
  );
  app.setSerializerCompiler(({ schema }) => compileSerializer(schema as FastifySchema));
}
