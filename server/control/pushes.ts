// The outbox of every tenant: GET /__mock/pushes lists pushes with their attempts (by client,
// status, object), POST /__mock/pushes/deliver sends what is due, or every pending push, now and
// answers each result. Mounted inside the control plane, so its guards apply.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { fail } from '../domain/errors.js';
import { pushView } from '../plugins/pushes.js';
import { emptyBodyAsObject } from '../plugins/request-context.js';
import { pushDeliverBodySchema, pushEventSchema, pushListQuerySchema, pushViewSchema } from '../schemas/pushes.js';
import type { Store } from '../store/store.js';

/** The tenants `client_id` names (all when none), or 404 for an unknown client. */
export function tenantsNamed(store: Store, clientId: string | undefined) {
  if (clientId === undefined) return [...store.allTenants()];
  return [store.tenant(clientId) ?? fail('notFound', { object: 'client', id: clientId })];
}

export const pushRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  app.get(
    '/pushes',
    {
      schema: {
        querystring: pushListQuerySchema,
        response: {
          200: {
            type: 'object',
            properties: { count: { type: 'integer' }, mode: { enum: ['auto', 'manual'] }, data: { type: 'array', items: pushViewSchema } },
            required: ['count', 'mode', 'data'],
          },
        },
      },
    },
    async (request) => {
      const { client_id, status, object_id } = request.query;
      const data = tenantsNamed(app.store, client_id).flatMap((tenant) =>
        tenant.outbox
          .all()
          .filter((p) => (status === undefined || p.status === status) && (object_id === undefined || p.body.data[0].id === object_id))
          .map((p) => pushView(tenant, p)),
      );
      return { count: data.length, mode: app.pushes.mode, data };
    },
  );

  app.post(
    '/pushes/deliver',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        body: pushDeliverBodySchema,
        response: { 200: { type: 'object', properties: { results: { type: 'array', items: pushEventSchema } }, required: ['results'] } },
      },
    },
    async (request) => {
      const { client_id, all } = request.body;
      const results = [];
      for (const tenant of tenantsNamed(app.store, client_id)) results.push(...(await app.pushes.runDue(tenant, { all, attempt: true })));
      return { results };
    },
  );
};
