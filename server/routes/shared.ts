// What every API route plugin shares: its type, the error responses it can answer, path parameter
// schemas and the two read routes of every collection.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JSONSchema } from 'json-schema-to-ts';
import { mustGet, type DomainContext } from '../domain/context.js';
import { listPageAsync } from '../domain/list-query.js';
import { getOneQuery, listQuery, productExceptionPayload, type ListQuery } from '../schemas/common.js';
import type { SharedSchemaOptions } from '../schemas/shared.js';
import type { Collection } from '../store/collection.js';
import { answerOne, ctxOf } from '../plugins/request-context.js';

/** An API route plugin: request and reply types follow the schemas' `$ref`s to the shared shapes. */
export type ApiRoutesPlugin = FastifyPluginAsyncJsonSchemaToTs<{
  ValidatorSchemaOptions: SharedSchemaOptions;
  SerializerSchemaOptions: SharedSchemaOptions;
}>;

/** Every API route may answer the secuconnect error envelope (published once, as a component). */
const errorEnvelope = { $ref: productExceptionPayload.$id } as const;
export const errorResponses = { '4xx': errorEnvelope, '5xx': errorEnvelope } as const;

export const security = [{ bearer: [] }];

export function idParams<const K extends string>(...names: K[]) {
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n, { type: 'string', minLength: 1 }])) as Record<K, { type: 'string'; minLength: 1 }>,
    required: names,
  } as const satisfies JSONSchema;
}

interface ReadRoutes<E extends { id: string }> {
  path: string;
  param: string;
  object: string;
  tag: string;
  operation: string;
  collection: (request: FastifyRequest) => Collection<E>;
  format: (ctx: DomainContext, entity: E) => object;
  item: JSONSchema;
  list: JSONSchema;
}

/** GET list and GET one of a resource: the same two routes for every collection. */
export function readRoutes<E extends { id: string }>(app: FastifyInstance, r: ReadRoutes<E>): void {
  const tags = [r.tag];
  app.get(
    r.path,
    { schema: { tags, security, operationId: `${r.operation}.getAll`, querystring: listQuery, response: { 200: r.list, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(request);
      return listPageAsync(r.collection(request).toArray(), (e) => r.format(ctx, e), request.query as ListQuery);
    },
  );
  app.get(
    `${r.path}/:${r.param}`,
    { schema: { tags, security, operationId: `${r.operation}.getOne`, params: idParams(r.param), querystring: getOneQuery, response: { 200: r.item, ...errorResponses } } },
    async (request, reply) => answerOne(request, reply, r.format, () => mustGet(r.collection(request), (request.params as Record<string, string>)[r.param], r.object)),
  );
}
