// The fault rules of the control plane (docs/faults.md): add one, list them with their hit counts,
// delete those of a tenant, all, or one by id. Registered inside the control plane, so the same
// guards (cross-site refusal, admin token off loopback) apply and OpenAPI does not show them.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { fail } from '../domain/errors.js';
import { faultQuery, faultRuleDTO, faultRuleList, faultRuleView } from '../schemas/faults.js';

const deleted = {
  type: 'object',
  required: ['deleted'],
  additionalProperties: false,
  properties: { deleted: { type: 'integer' } },
} as const;

export const faultRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const faults = app.faults;

  app.post('/faults', { schema: { body: faultRuleDTO, response: { 201: faultRuleView } } }, async (request, reply) =>
    reply.code(201).send(faults.add(request.body)),
  );

  app.get('/faults', { schema: { querystring: faultQuery, response: { 200: faultRuleList } } }, async (request) => {
    const data = faults.list(request.query.client_id);
    return { count: data.length, data };
  });

  app.delete('/faults', { schema: { querystring: faultQuery, response: { 200: deleted } } }, async (request) => ({
    deleted: faults.remove({ clientId: request.query.client_id }),
  }));

  app.delete(
    '/faults/:id',
    { schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } }, response: { 200: deleted } } },
    async (request) => {
      const count = faults.remove({ id: request.params.id });
      return count ? { deleted: count } : fail('notFound', { object: 'fault rule', id: request.params.id });
    },
  );
};
