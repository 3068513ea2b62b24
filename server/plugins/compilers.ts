// Validation and serialization compilers: every route's schemas go through server/schemas/compile.ts,
// which hands out functions at once and makes their code on first use (or loads what the build
// precompiled). Bodies are checked strictly (no type coercion: "12" is not an integer) while query
// strings and path params are coerced, as they only ever arrive as strings. Functions are cached
// per schema object, process-wide: routes and apps share the resource schemas, so each is compiled
// once (a test suite building hundreds of apps pays it once).
import type { FastifyServerOptions } from 'fastify';
import { serializer, validator } from '../schemas/compile.js';

/**
 * Fastify's `schemaController` option. Given as compiler factories (rather than set with
 * setValidatorCompiler after construction) so that Fastify never loads its default Ajv and
 * fast-json-stringify compilers: that alone was a tenth of a second of start-up.
 */
export const schemaController = {
  compilersFactory: {
    buildValidator: () => ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
      validator(httpPart === 'body' ? 'body' : 'text', schema),
    buildSerializer: () => ({ schema }: { schema: object }) => serializer(schema),
  },
  // Fastify types these factories after @fastify/ajv-compiler's Ajv-specific signatures; a
  // function with Ajv's calling convention (`errors`, `schemaEnv`) is what it actually needs.
} as unknown as FastifyServerOptions['schemaController'];
