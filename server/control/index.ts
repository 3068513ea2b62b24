// The mock's own plane under /__mock, hidden from the API's OpenAPI document: health, reset,
// the tenant clock, the checkout page behind iframe_url/payment_links, the arrival of an advance
// payment, fault rules, and Pact's provider-state changes. No bearer token: objects are found by id across tenants.
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncJsonSchemaToTs, JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { providerStateChangeSchema, ProviderStateRunner, stateChangeFromQuery } from './provider-states/runner.js';
import type { DomainContext } from '../domain/context.js';
import { fail, MockError } from '../domain/errors.js';
import { formatSmartTransaction } from '../domain/formatters.js';
import { cardOutcome } from '../domain/magic-values.js';
import { methodRules } from '../domain/payment-methods.js';
import { awaitsPayment, checkoutOnPage, declineOnPage, settleSmartTransaction } from '../domain/smart-transaction-payments.js';
import { SMART_TRANSACTION } from '../domain/smart-transactions.js';
import { ctxOfTenant, emptyBodyAsObject } from '../plugins/request-context.js';
import type { SmartTransactionEntity } from '../store/entities.js';
import { challengePage, checkoutPage, resultPage } from './checkout-page.js';
import { faultRoutes } from './faults.js';
import { magicValueRoutes } from './magic-values.js';
import { adminTokenOf, crossSiteReason, sameSecret } from './guards.js';
import { messageRoutes } from './messages.js';
import { clockBodySchema } from '../schemas/clock.js';
import { pushRoutes } from './pushes.js';
import { installConsoleForms } from './console/forms.js';
import { consoleRoutes } from './console/index.js';

export { isLoopback } from './guards.js';

/** A card number as a payer types it: digits, spaces, dashes. */
const cardNumber = { type: 'string', pattern: '^[0-9][0-9 -]{10,38}[0-9]$' } as const;

const paysByCard = (method: string | undefined) => methodRules(method)?.container === 'credit_card';

const LATEST_TIME = Date.UTC(9999, 11, 31);

const clientBody = {
  type: 'object',
  properties: { client_id: { type: 'string' } },
  additionalProperties: false,
} as const;

/**
 * The one tenant's transaction a payer's page link names: the id and the page secret only its
 * links carry (ids are predictable; two tenants may even hold the same one). Anything else is the
 * unknown transaction.
 */
function pageOwner(app: FastifyInstance, stxId: string, secret: unknown, request: FastifyRequest): DomainContext {
  const given = typeof secret === 'string' ? secret : undefined;
  for (const tenant of app.store.allTenants()) {
    const stx = tenant.smartTransactions.get(stxId);
    if (stx && sameSecret(given, stx.pageSecret)) return ctxOfTenant(request, tenant);
  }
  return fail('notFound', { object: SMART_TRANSACTION, id: stxId });
}

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

  const checkoutParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
  const pageQuery = { type: 'object', properties: { method: { type: 'string' }, secret: { type: 'string' } } } as const;

  app.get('/checkout/:id', { config: { payerPage: true }, schema: { params: checkoutParams, querystring: pageQuery } }, async (request, reply) => {
    const ctx = pageOwner(app, request.params.id, request.query.secret, request);
    const stx = ctx.tenant.smartTransactions.get(request.params.id)!;
    const method = request.query.method ?? stx.payment_method ?? 'debit';
    return reply.type('text/html; charset=utf-8').send(checkoutPage(stx, method, ctx.tenant.merchant.user?.companyname ?? ''));
  });

  // The checkout page's Approve/Decline buttons are HTML forms: a browser posts them form-encoded.
  // Only there: every other control route takes JSON only.
  await app.register(async (plain) => {
    const page = plain.withTypeProvider<JsonSchemaToTsProvider>();
    await page.register(formbody);
    /** Where the payer goes after answering: a return URL, the transaction (scripts), or the result page. */
    const finish = (ctx: DomainContext, stx: SmartTransactionEntity, aborted: boolean, request: FastifyRequest, reply: FastifyReply, reason?: string) => {
      const urls = stx.callbackUrls;
      const returnUrls = stx.application_context?.return_urls;
      const target = aborted
        ? returnUrls?.url_abort
        : stx.status === 'failed'
          ? (urls?.failure_url ?? returnUrls?.url_error)
          : (urls?.success_url ?? returnUrls?.url_success);
      if (target) return reply.redirect(target, 303);
      if (request.headers.accept?.includes('application/json')) return formatSmartTransaction(ctx, stx);
      return reply.type('text/html; charset=utf-8').send(resultPage(stx, aborted, reason));
    };
    const answerBody = {
      type: 'object',
      properties: { method: { type: 'string' }, secret: { type: 'string' }, card_number: cardNumber },
    } as const;
    for (const answer of ['approve', 'decline'] as const) {
      page.post(
        `/checkout/:id/${answer}`,
        { preValidation: emptyBodyAsObject, config: { payerPage: true }, schema: { params: checkoutParams, querystring: pageQuery, body: answerBody } },
        async (request, reply) => {
          // The page's form posts the secret as a field; a script may put it in the query like the page link.
          const ctx = pageOwner(app, request.params.id, request.body.secret ?? request.query.secret, request);
          const { id } = request.params;
          const { method, card_number: card } = request.body;
          if (answer === 'decline') {
            const { stx, aborted } = declineOnPage(ctx, id);
            return finish(ctx, stx, aborted, request, reply);
          }
          const stx = ctx.tenant.smartTransactions.get(id)!;
          const byCard = paysByCard(method ?? stx.payment_method);
          // A number entered on the page decides; else the card a custom checkout sent inline at prepare.
          const inline = stx.containerId === undefined ? undefined : ctx.tenant.containers.get(stx.containerId)?.cardOutcome;
          // (An inline card's 3-D Secure step is this page itself: approving it passes.)
          const outcome = !byCard ? 'approve' : card !== undefined ? cardOutcome(ctx.tenant, card) : inline === 'challenge' ? 'approve' : (inline ?? 'approve');
          if (outcome === 'challenge' && awaitsPayment(stx)) {
            // The 3-D Secure step: nothing changes until the payer completes (or fails) it.
            if (request.headers.accept?.includes('application/json')) return reply.code(202).send(formatSmartTransaction(ctx, stx));
            return reply.code(202).type('text/html; charset=utf-8').send(challengePage(stx, method ?? stx.payment_method ?? 'creditcard', card!));
          }
          const approved = outcome === 'approve' || outcome === 'challenge';
          return finish(ctx, checkoutOnPage(ctx, id, method, approved), false, request, reply, approved ? undefined : outcome);
        },
      );
    }
    page.post(
      '/checkout/:id/challenge',
      {
        preValidation: emptyBodyAsObject,
        config: { payerPage: true },
        schema: {
          params: checkoutParams,
          querystring: pageQuery,
          body: { ...answerBody, required: ['card_number', 'result'], properties: { ...answerBody.properties, result: { enum: ['pass', 'fail'] } } },
        },
      },
      async (request, reply) => {
        const ctx = pageOwner(app, request.params.id, request.body.secret ?? request.query.secret, request);
        const { method, card_number: card, result } = request.body;
        if (cardOutcome(ctx.tenant, card) !== 'challenge') fail('notAllowed', { reason: 'this card needs no 3-D Secure challenge' });
        const stx = checkoutOnPage(ctx, request.params.id, method, result === 'pass');
        return finish(ctx, stx, false, request, reply, result === 'pass' ? undefined : 'challenge_failed');
      },
    );
  });

  await app.register(faultRoutes);
  await app.register(magicValueRoutes);
  await app.register(consoleRoutes(forms));

  app.post('/smart-transactions/:id/settle', { preValidation: emptyBodyAsObject, schema: { params: checkoutParams, body: clientBody } }, async (request) => {
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

  app.get('/girocode/:id', { config: { payerPage: true }, schema: { params: checkoutParams, querystring: pageQuery } }, async (request, reply) => {
    const ctx = pageOwner(app, request.params.id, request.query.secret, request);
    const stx = ctx.tenant.smartTransactions.get(request.params.id)!;
    const p = stx.payment_instructions ?? fail('notFound', { object: 'payment_instructions', id: stx.id });
    const amount = ((stx.basket_info?.sum ?? 0) / 100).toFixed(2);
    // The EPC069-12 ("GiroCode") payload a banking app reads from the QR code.
    const payload = ['BCD', '002', '1', 'SCT', p.bic, p.owner, p.iban, `${stx.basket_info?.currency ?? 'EUR'}${amount}`, '', '', p.purpose].join('\n');
    return reply.type('text/plain; charset=utf-8').send(payload);
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
