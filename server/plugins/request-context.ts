// What a route handler needs from its request: the domain context (the tenant, the base URL of
// links), the one-line "context, domain call, format" answer, and the empty body of action routes.
import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
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

/** Action routes take an optional body: "no body" (empty, any Content-Type) is an empty object. */
export const emptyBodyAsObject: preValidationAsyncHookHandler = async (request) => {
  if (request.body === undefined || request.body === null) request.body = {};
};
