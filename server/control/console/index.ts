// The operator console under /__mock/: the request journal as JSON, and server-rendered pages of
// the tenants, their objects and one Smart Transaction's timeline, with the controls as forms.
// Off loopback a page without the admin token sends the browser to a login form that sets it as a
// cookie (SameSite=Strict, HttpOnly); the control routes accept that cookie like the bearer header.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { fail, MockError } from '../../domain/errors.js';
import { COLLECTIONS, type CollectionName } from '../../store/journal-entries.js';
import { SMART_TRANSACTION } from '../../domain/smart-transactions.js';
import { ADMIN_COOKIE, adminTokenOf, sameSecret } from '../guards.js';
import { clientPage } from './client.js';
import type { ConsoleForms } from './forms.js';
import { homePage } from './home.js';
import { loginPage, requestsPage } from './requests-page.js';
import { requestRoutes } from './requests.js';
import { smartTransactionPage } from './smart-transaction.js';
import { journalQuerySchema } from '../../schemas/request-journal.js';

const flash = { done: { type: 'string', maxLength: 300 }, error: { type: 'string', maxLength: 300 } } as const;
const pageQuery = { type: 'object', properties: flash } as const;
const clientParams = { type: 'object', properties: { client: { type: 'string', maxLength: 128 } }, required: ['client'] } as const;
const clientBody = { type: 'object', properties: { client_id: { type: 'string', maxLength: 128 } }, additionalProperties: false } as const;
/** Journal rows a page shows when loaded. */
const PAGE_ROWS = 50;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A console page or form: the admin token (off loopback) is checked by the console, which sends a browser to its login. */
    console?: boolean;
  }
}

export const consoleRoutes = (forms: ConsoleForms): FastifyPluginAsyncJsonSchemaToTs => async (app) => {
  await app.register(requestRoutes);
  const journal = app.requestJournal;
  const token = app.controlToken;
  const html = 'text/html; charset=utf-8';
  const config = { open: true, console: true };

  if (token) {
    app.addHook('onRequest', (request, reply, done) => {
      if (!request.routeOptions.config?.console || request.url.startsWith('/__mock/console/login')) return done();
      if (sameSecret(adminTokenOf(request), token)) return done();
      if (request.method !== 'GET') return done(new MockError('adminTokenRequired'));
      reply.redirect(`/__mock/console/login?next=${encodeURIComponent(request.url)}`, 303);
    });
  }

  const tenantOf = (clientId: string) => app.store.tenant(clientId) ?? fail('notFound', { object: 'client', id: clientId });

  app.get('/', { config, schema: { querystring: pageQuery } }, async (request, reply) =>
    reply.type(html).send(homePage(app.store, forms, app.faults.list(), journal.list({ limit: PAGE_ROWS }, undefined), request.query)),
  );

  app.get('/console/requests', { config, schema: { querystring: { ...journalQuerySchema, properties: { ...journalQuerySchema.properties, ...flash } } } }, async (request, reply) => {
    const { done, error, ...filter } = request.query;
    const tenant = filter.client_id === undefined ? undefined : tenantOf(filter.client_id);
    const clients = [...app.store.allTenants()].map((t) => t.clientId);
    const entries = journal.list({ ...filter, limit: filter.limit ?? PAGE_ROWS }, tenant);
    return reply.type(html).send(requestsPage(forms, { filter, clients, entries, size: journal.limits.size, bodyBytes: journal.limits.bodyBytes, query: { done, error } }));
  });

  app.get(
    '/console/clients/:client',
    { config, schema: { params: clientParams, querystring: { type: 'object', properties: { ...flash, q: { type: 'string', maxLength: 200 }, kind: { enum: [...COLLECTIONS, ''] } } } } },
    async (request, reply) => {
      const tenant = tenantOf(request.params.client);
      const { q = '', kind, done, error } = request.query;
      const page = clientPage(tenant, forms, {
        q,
        kind: kind ? (kind as CollectionName) : undefined,
        faults: app.faults.list(tenant.clientId),
        journal: journal.list({ limit: PAGE_ROWS }, tenant),
        query: { done, error },
      });
      return reply.type(html).send(page);
    },
  );

  app.get(
    '/console/clients/:client/smart-transactions/:id',
    {
      config,
      schema: { params: { ...clientParams, properties: { ...clientParams.properties, id: { type: 'string', maxLength: 64 } }, required: ['client', 'id'] }, querystring: pageQuery },
    },
    async (request, reply) => {
      const tenant = tenantOf(request.params.client);
      const stx = tenant.smartTransactions.get(request.params.id) ?? fail('notFound', { object: SMART_TRANSACTION, id: request.params.id });
      const page = smartTransactionPage(tenant, stx, forms, {
        history: app.statusHistory.of(tenant),
        causeOf: (id) => journal.find(id, tenant) ?? journal.find(id, undefined),
        query: request.query,
      });
      return reply.type(html).send(page);
    },
  );

  // Forms for what has no POST route of its own (DELETE /__mock/faults, DELETE /__mock/requests): the same removal.
  app.post('/console/faults/clear', { config, schema: { body: clientBody } }, async (request) => ({
    deleted: app.faults.remove({ clientId: request.body.client_id }),
  }));
  app.post('/console/requests/clear', { config, schema: { body: clientBody } }, async (request) => ({
    deleted: journal.clear(request.body.client_id === undefined ? undefined : tenantOf(request.body.client_id)),
  }));

  const nextPage = (next: unknown) => (typeof next === 'string' && /^\/__mock(\/[^/\\][^\\]*)?$/.test(next) ? next : '/__mock/');
  app.get('/console/login', { config, schema: { querystring: { type: 'object', properties: { ...flash, next: { type: 'string', maxLength: 2000 } } } } }, async (request, reply) =>
    reply.type(html).send(loginPage(forms, nextPage(request.query.next), request.query.error)),
  );
  app.post(
    '/console/login',
    { config, schema: { body: { type: 'object', properties: { admin_token: { type: 'string', maxLength: 256 }, next: { type: 'string', maxLength: 2000 } } } } },
    async (request, reply) => {
      const next = nextPage(request.body.next);
      if (!token) return reply.redirect(next, 303);
      if (!sameSecret(request.body.admin_token, token)) return reply.redirect(`/__mock/console/login?error=wrong%20admin%20token&next=${encodeURIComponent(next)}`, 303);
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header('set-cookie', `${ADMIN_COOKIE}=${encodeURIComponent(token)}; Path=/__mock; HttpOnly; SameSite=Strict${secure}`);
      return reply.redirect(next, 303);
    },
  );
};
