// GET /__mock/magic-values: the table a tenant sees (its own entries merged over the defaults), so
// a test suite can read the values rather than copy them (docs/magic-values.md).
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { fail } from '../domain/errors.js';
import { magicValuesOf } from '../domain/magic-values.js';
import { magicValuesSchema } from '../schemas/magic-values.js';

export const magicValueRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  app.get(
    '/magic-values',
    {
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { client_id: { type: 'string', minLength: 1, maxLength: 128 } } },
        response: { 200: magicValuesSchema },
      },
    },
    async (request) => {
      const clientId = request.query.client_id;
      const tenant = clientId === undefined ? undefined : (app.store.tenant(clientId) ?? fail('notFound', { object: 'client', id: clientId }));
      return magicValuesOf(tenant);
    },
  );
};
