// The mock's own plane under /__mock, hidden from the API's OpenAPI document: health, reset,
// the tenant clock, the checkout page behind iframe_url/payment_links, the arrival of an advance
// payment, fault rules, and Pact's provider-state changes. No bearer token: objects are found by id across tenants.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { providerStateChangeSchema, ProviderStateRunner, stateChangeFromQuery } from './provider-states/runner.js';
import type { DomainContext } from '../domain/context.js';
import { fail, MockError } from '../domain/errors.js';
import { formatSmartTransaction } from '../domain/formatters.js';
import { settleSmartTransaction } from '../domain/smart-transaction-payments.js';
import { SMART_TRANSACTION } from '../domain/smart-transactions.js';
import { ctxOfTenant, emptyBodyAsObject } from '../plugins/request-context.js';
import { checkoutRoutes } from './checkout/routes.js';
import { faultRoutes } from './faults.js';
import { magicValueRoutes } from './magic-values.js';
import { adminTokenOf, crossSiteReason, sameSecret } from './guards.js';
import { messageRoutes } from './messages.js';
import { clockBodySchema } from '../schemas/clock.js';
import { pushRoutes } from './pushes.js';
import { installConsoleForms } from './console/forms.js';
import { consoleRoutes } from './console/index.js';

export { isLoopback } from './guards.js';

const LATEST_TIME = Date.UTC(9999, 11, 31);

const clientBody = {
  type: 'object',
  properties: { client_id: { type: 'string' } },
  additionalProperties: false,
} as const;

/** A transaction for the operator's control calls: by id, in the tenant `client_id` names when several hold it. */
function ownerOf(app: FastifyInstance, stxId: string, request: FastifyRequest, clientId?: string): DomainContext {
  const owners = [...app.store.allTenants()].filter((t) => (clientId === undefined || t.clientId === clientId) && t.smartTransactions.get(stxId));
  if (owners.length > 1) fail('notAllowed', { reason: `several clients hold smart.transactions ${stxId}: name one with client_id` });
  return owners.length ? ctxOfTenant(request, owners[0]) : fail('notFound', { object: SMART_TRANSACTION, id: stxId });
}

export const controlRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  // Off loopback another machine can reach the mock: every control call but health and the payer's
  // pages (which have their own secret) needs the admin token.
  const adminToken = app.controlToken;
  if (adminToken) {
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.routeOptions.config?.payerPage || request.routeOptions.config?.open) return done();
      done(sameSecret(adminTokenOf(request), adminToken) ? undefined : new MockError('adminTokenRequired'));
    });
  }
  // A page on another site must not change the mock's state: a plain HTML form or a no-cors fetch
  // needs no preflight. Only the payer's answers on the checkout page come from a browser.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.routeOptions.config?.payerPage) return done();
    const reason = crossSiteReason(request);
    done(reason ? new MockError('crossSite', { reason }) : undefined);
  });

  // Before the route plugins below, which inherit it.
  const forms = installConsoleForms(app);

  app.get('/health', { config: { open: true } }, async () => ({ status: 'ok' }));
  await app.register(pushRoutes);
  await app.register(messageRoutes);

  app.post('/reset', { preValidation: emptyBodyAsObject, schema: { body: clientBody } }, async (request, reply) => {
    const clientId = request.body.client_id;
    if (clientId !== undefined && !app.store.tenant(clientId)) fail('notFound', { object: 'client', id: clientId });
    app.store.reset(clientId);
    // A full reset also ends a verification: unknown tokens are refused again.
    if (clientId === undefined) app.store.verification.end();
    return reply.send({ reset: clientId ?? 'all' });
  });

  // Forward only (`advance_seconds`, or `to` a time), at most a century a call, and the tenant's
  // clock stays before the year 10000: timestamps stay real dates and tokens stay usable. What falls
  // due on the way (renewals, payments that change later, push retries and expiry) runs in time
  // order before the answer.
  app.post('/clock', { schema: { body: clockBodySchema } }, async (request) => {
    const { client_id, advance_seconds, to } = request.body;
    const tenants = client_id ? [app.store.tenant(client_id) ?? fail('notFound', { object: 'client', id: client_id })] : [...app.store.allTenants()];
    const toMs = to === undefined ? undefined : Date.parse(to);
    if (toMs !== undefined && !Number.isFinite(toMs)) fail('format', { reason: `to: ${String(to)} is not an ISO 8601 time` });
    const moves = tenants.map((t) => ({ tenant: t, ms: toMs === undefined ? advance_seconds! * 1000 : toMs - t.clock.now() }));
    const back = moves.find((m) => m.ms < 0);
    if (back) fail('notAllowed', { reason: `clock of ${back.tenant.clientId} is already past ${to}: the clock never goes back` });
    const beyond = moves.find((m) => m.tenant.clock.now() + m.ms > LATEST_TIME);
    if (beyond) fail('notAllowed', { reason: `clock of ${beyond.tenant.clientId} would pass 9999-12-31: reset the tenant first` });
    const events = [];
    for (const { tenant, ms } of moves) events.push(...(await app.pushes.advance(tenant, ms)));
    return {
      ...(advance_seconds === undefined ? {} : { advanced_seconds: advance_seconds }),
      clients: moves.map((m) => m.tenant.clientId),
      now: Object.fromEntries(moves.map((m) => [m.tenant.clientId, m.tenant.clock.timestamp()])),
      events,
    };
  });

  // The hosted checkout (server/control/checkout/): the payer's pages, their form posts, the GiroCode.
  await app.register(checkoutRoutes);

  await app.register(faultRoutes);
  await app.register(magicValueRoutes);
  await app.register(consoleRoutes(forms));

  const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
  app.post('/smart-transactions/:id/settle', { preValidation: emptyBodyAsObject, schema: { params: idParams, body: clientBody } }, async (request) => {
    const ctx = ownerOf(app, request.params.id, request, request.body.client_id);
    return formatSmartTransaction(ctx, settleSmartTransaction(ctx, request.params.id));
  });

  // Pact's provider-state-change protocol, for any Pact implementation's verifier: the change as
  // a JSON body, or (`--state-change-as-query`) in the query string.
  const providerStates = new ProviderStateRunner(app.store, app.mockOptions.tokenTtl, app.mockOptions.maxClients);
  app.post('/provider-states', { preValidation: stateChangeFromQuery, schema: { body: providerStateChangeSchema } }, async (request) =>
    providerStates.apply(request.body),
  );
  // The verification session the state changes began (server/store/verification.ts): what it saw, and its end.
  app.get('/verification', async () => app.store.verification.summary());
  app.delete('/verification', async () => {
    const summary = app.store.verification.summary();
    app.store.verification.end();
    return { ...summary, active: false };
  });
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page of the payer's (checkout, its answers, the GiroCode): its own secret, form bodies, no cross-site check. */
    payerPage?: boolean;
    /** Open to anyone, also off loopback (health). */
    open?: boolean;
  }
}
