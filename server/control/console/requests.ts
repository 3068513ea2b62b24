// The request journal over JSON: GET /__mock/requests (newest first, filtered) and DELETE
// /__mock/requests (of one client, or all). A client filter shows that tenant's entries only.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { fail } from '../../domain/errors.js';
import { journalClearedSchema, journalClearQuerySchema, journalListSchema, journalQuerySchema } from '../../schemas/request-journal.js';
import type { Store } from '../../store/store.js';

const tenantNamed = (store: Store, clientId: string | undefined) =>
  clientId === undefined ? undefined : (store.tenant(clientId) ?? fail('notFound', { object: 'client', id: clientId }));

export const requestRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const journal = app.requestJournal;
  app.get('/requests', { schema: { querystring: journalQuerySchema, response: { 200: journalListSchema } } }, async (request) => {
    const { since } = request.query;
    if (since !== undefined && !Number.isFinite(Date.parse(since))) fail('format', { reason: `since: ${since} is not an ISO 8601 time` });
    const data = journal.list(request.query, tenantNamed(app.store, request.query.client_id));
    return { count: data.length, size: journal.limits.size, body_bytes: journal.limits.bodyBytes, data };
  });
  app.delete('/requests', { schema: { querystring: journalClearQuerySchema, response: { 200: journalClearedSchema } } }, async (request) => ({
    deleted: journal.clear(tenantNamed(app.store, request.query.client_id)),
  }));
};
