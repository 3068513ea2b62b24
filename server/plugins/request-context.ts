// What a route handler needs from its request: the domain context (the tenant, the base URL of
// links), the one-line "context, domain call, format" answer, and the empty body of action routes.
import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { DomainContext } from '../domain/context.js';
import type { Tenant } from '../store/tenant.js';

export function ctxOfTenant(request: FastifyRequest, tenant: Tenant): DomainContext {
  const baseUrl = request.server.mockOptions.publicUrl ?? `${request.protocol}://${request.host}`;
  return { tenant, baseUrl };
}

export const ctxOf = (request: FastifyRequest): DomainContext => ctxOfTenant(request, request.tenant);

/** The answer of most routes: run one domain call in the request's context and format what it returns. */
export function respond<E, W>(request: FastifyRequest, format: (ctx: DomainContext, entity: E) => W, act: (ctx: DomainContext) => E): W {
  const ctx = ctxOf(request);
  return format(ctx, act(ctx));
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * GET one: the object `find` names, answered with the bytes kept for its tenant's present state
 * (answer-cache.ts) or, the first time, formatted and serialized as usual and then kept.
 */
export function answerOne<E extends object, W>(request: FastifyRequest, reply: FastifyReply, format: (ctx: DomainContext, entity: E) => W, find: (ctx: DomainContext) => E): W | FastifyReply {
  const ctx = ctxOf(request);
  const entity = find(ctx);
  const kept = request.server.answers.get(entity, ctx.tenant, ctx.baseUrl);
  if (kept !== undefined) return reply.type(JSON_UTF8).send(kept);
  request.answerKey = { entity, tenant: ctx.tenant, generation: ctx.tenant.generation, baseUrl: ctx.baseUrl };
  return format(ctx, entity);
}

/** Action routes take an optional body: "no body" (empty, any Content-Type) is an empty object. */
export const emptyBodyAsObject: preValidationAsyncHookHandler = async (request) => {
  if (request.body === undefined || request.body === null) request.body = {};
};
