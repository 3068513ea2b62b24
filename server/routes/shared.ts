// What every API route plugin shares: the error responses it can answer, path parameter schemas,
// the domain context of a request, and the treatment of empty bodies on action routes.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { JSONSchema } from 'json-schema-to-ts';
import { mustGet, type DomainContext } from '../domain/context.js';
import { listPage } from '../domain/list-query.js';
import { getOneQuery, listQuery, productExceptionPayload, type ListQuery } from '../schemas/common.js';
import type { SharedSchemaOptions } from '../schemas/shared.js';
import type { Collection } from '../store/collection.js';
import type { Tenant } from '../store/tenant.js';

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

export function ctxOfTenant(request: FastifyRequest, tenant: Tenant): DomainContext {
  const baseUrl = request.server.mockOptions.publicUrl ?? `${request.protocol}://${request.host}`;
  return { tenant, baseUrl };
}

export const ctxOf = (request: FastifyRequest): DomainContext => ctxOfTenant(request, request.tenant);

/** Action routes take an optional body: "no body" (empty, any Content-Type) is an empty object. */
export const emptyBodyAsObject: preValidationAsyncHookHandler = async (request) => {
  if (request.body === undefined || request.body === null) request.body = {};
};

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
      return listPage(r.collection(request).values(), (e) => r.format(ctx, e), request.query as ListQuery);
    },
  );
  app.get(
    `${r.path}/:${r.param}`,
    { schema: { tags, security, operationId: `${r.operation}.getOne`, params: idParams(r.param), querystring: getOneQuery, response: { 200: r.item, ...errorResponses } } },
    async (request) => {
      const id = (request.params as Record<string, string>)[r.param];
      return r.format(ctxOf(request), mustGet(r.collection(request), id, r.object));
    },
  );
}
