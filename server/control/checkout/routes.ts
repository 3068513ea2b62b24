// The hosted checkout behind iframe_url, payment_links and checkout_links: GET /checkout/{id} shows
// the step (the method choice of the `general` link, or the method's own), its forms post to
// /approve, /decline and /challenge, GET /girocode/{id} is an advance payment's GiroCode. A page link
// carries the transaction's secret; pages need no bearer token. What a step does is the domain's
// (checkoutOnPage, declineOnPage): these handlers check what the payer typed and pick the page.
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainContext } from '../../domain/context.js';
import { fail } from '../../domain/errors.js';
import { formatSmartTransaction } from '../../domain/formatters.js';
import { authorisationRefusal, cardOutcome, CREDITOR_ID, magicValuesOf } from '../../domain/magic-values.js';
import { bankAccountOf, bankAccountProblems, cardDescriptor, cardProblems, type InputProblems } from '../../domain/payer-input.js';
import { methodRules, offeredMethods } from '../../domain/payment-methods.js';
import { askedToApprove, awaitsPayment, checkoutLinks, checkoutOnPage, declineOnPage } from '../../domain/smart-transaction-payments.js';
import { SMART_TRANSACTION } from '../../domain/smart-transactions.js';
import { toMockError } from '../../plugins/error-handler.js';
import { ctxOfTenant, emptyBodyAsObject } from '../../plugins/request-context.js';
import type { SmartTransactionEntity } from '../../store/entities.js';
import type { Tenant } from '../../store/tenant.js';
import { sameSecret } from '../guards.js';
import { girocodePayload, girocodePng, girocodeSvg, hasGirocode } from './girocode.js';
import { languageOfBrowser, languageOfTransaction, translator, type Key } from './i18n.js';
import { page } from './layout.js';
import { challengePage, donePage, errorPage, resultPage } from './results.js';
import { bankDetailsStep, cardStep, choiceStep, methodName, orderStep, providerStep, sepaStep, type Posted, type StepContext } from './steps.js';

const field = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const params = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const pageQuery = { type: 'object', properties: { method: { type: 'string' }, secret: { type: 'string' } } } as const;
const girocodeQuery = { type: 'object', properties: { ...pageQuery.properties, format: { enum: ['png', 'svg', 'txt'] } } } as const;
/** What the step forms post; a script may send just the method (and a card number). */
const answerBody = {
  type: 'object',
  properties: {
    method: field(64),
    secret: field(128),
    card_number: field(64),
    card_expiry: field(16),
    card_cvc: field(8),
    card_holder: field(255),
    owner: field(255),
    iban: field(64),
    mandate: field(16),
  },
} as const;
const challengeBody = {
  ...answerBody,
  required: ['card_number', 'result'],
  properties: { ...answerBody.properties, result: { enum: ['pass', 'fail'] } },
} as const;

const wantsJson = (request: FastifyRequest) => request.headers.accept?.includes('application/json') === true;
/** Browsers ask for HTML: they get pages, also for errors; scripts and verifiers keep the JSON envelope. */
const wantsHtml = (request: FastifyRequest) => request.headers.accept?.includes('text/html') === true;

function findPage(app: FastifyInstance, stxId: string, secret: unknown): { tenant: Tenant; stx: SmartTransactionEntity } | undefined {
  const given = typeof secret === 'string' ? secret : undefined;
  for (const tenant of app.store.allTenants()) {
    const stx = tenant.smartTransactions.get(stxId);
    if (stx && sameSecret(given, stx.pageSecret)) return { tenant, stx };
  }
  return undefined;
}

/**
 * The one tenant's transaction a payer's page link names: the id and the page secret only its
 * links carry (ids are predictable; two tenants may even hold the same one). Anything else is the
 * unknown transaction.
 */
function pageOwner(app: FastifyInstance, stxId: string, secret: unknown, request: FastifyRequest): DomainContext {
  const found = findPage(app, stxId, secret);
  return found ? ctxOfTenant(request, found.tenant) : fail('notFound', { object: SMART_TRANSACTION, id: stxId });
}

function stepContext(ctx: DomainContext, stx: SmartTransactionEntity): StepContext {
  const lang = languageOfTransaction(stx);
  const magic = magicValuesOf(ctx.tenant);
  const contact = stx.customerId ? ctx.tenant.customers.get(stx.customerId)?.contact : undefined;
  return {
    stx,
    lang,
    t: translator(lang),
    merchant: stx.application_context?.iframe_opts?.project_title || (ctx.tenant.merchant.user?.companyname ?? ''),
    action: `/__mock/checkout/${encodeURIComponent(stx.id)}`,
    link: checkoutLinks(stx),
    offered: offeredMethods(stx.payment_context?.payment_methods),
    payerName: [contact?.forename, contact?.surname].filter(Boolean).join(' '),
    creditorId: CREDITOR_ID,
    testCards: magic.cards,
    testIbans: magic.ibans,
  };
}

/** The step of `method` (none, or one the mock does not emulate: the choice). */
function stepFor(c: StepContext, method: string | undefined, posted: Posted = {}) {
  if (method === 'creditcard') return cardStep(c, posted);
  if (method === 'debit') return sepaStep(c, posted);
  if (method === 'prepaid' || method === 'invoice') return orderStep(c, method, posted);
  if (method && methodRules(method)?.payerApproves) return providerStep(c, method, posted);
  return choiceStep(c, posted);
}

const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    // The page's address holds its secret: no Referer to the shop, no copy in a cache.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body);

function stepPage(c: StepContext, method: string | undefined, posted: Posted = {}) {
  const title = method && methodRules(method) ? methodName(c.t, method) : c.t('chooseMethod');
  return page({ lang: c.lang, t: c.t, title, merchant: c.merchant, main: stepFor(c, method, posted) });
}

function bankDetailsPage(c: StepContext, continueUrl?: string) {
  const giro = c.stx.payment_instructions?.girocode_url;
  const src = giro && hasGirocode(c.stx) ? `${giro}&format=png` : undefined;
  return page({ lang: c.lang, t: c.t, title: methodName(c.t, 'prepaid'), merchant: c.merchant, main: bankDetailsStep(c, src, continueUrl) });
}

const PROBLEM_WORDS: Record<string, string> = {
  required: 'is empty',
  format: 'is not in the expected format',
  luhn: 'fails the Luhn check',
  expired: 'is in the past',
  iban: 'is not a valid IBAN',
  mandate: 'must be accepted (mandate=accepted) with an IBAN',
};
const describeProblems = (problems: InputProblems) =>
  Object.entries(problems)
    .map(([name, problem]) => `${name} ${PROBLEM_WORDS[problem!]}`)
    .join('; ');

/** Why a payment was refused, in the payer's words: the card's outcome, else the reason of the authorisation. */
function refusalText(c: StepContext, ctx: DomainContext, reason: string | undefined, iban?: string): string {
  const why = reason ?? authorisationRefusal(ctx.tenant, c.stx.basket_info?.sum, iban) ?? 'declined';
  const card = methodRules(c.stx.payment_method)?.container === 'credit_card';
  const key = (why === 'decline' && !card ? 'reason.declined' : `reason.${why}`) as Key;
  return c.t(key);
}

export const checkoutRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  await app.register(formbody);
  const bodyLimit = app.initialConfig.bodyLimit ?? 1024 * 1024;

  // A browser never sees the JSON envelope: the error as a page in the payer's language, same status.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!wantsHtml(request)) throw error;
    const mockError = toMockError(error, bodyLimit, request.headers['content-type'], request.body);
    const id = (request.params as { id?: string } | undefined)?.id;
    const secret = (request.body as { secret?: unknown } | undefined)?.secret ?? (request.query as { secret?: unknown } | undefined)?.secret;
    const found = id ? findPage(app, id, secret) : undefined;
    const lang = found ? languageOfTransaction(found.stx) : languageOfBrowser(request.headers['accept-language']);
    return sendPage(reply, mockError.entry.status, errorPage(lang, translator(lang), mockError, found?.tenant.merchant.user?.companyname));
  });

  app.get('/checkout/:id', { config: { payerPage: true }, schema: { params, querystring: pageQuery } }, async (request, reply) => {
    const ctx = pageOwner(app, request.params.id, request.query.secret, request);
    const stx = ctx.tenant.smartTransactions.get(request.params.id)!;
    const c = stepContext(ctx, stx);
    if (!awaitsPayment(stx)) return sendPage(reply, 200, stx.payment_instructions ? bankDetailsPage(c) : donePage(c));
    // The general link shows the choice; a page the shop sent the payer to, its method's step.
    const method = request.query.method || (askedToApprove(stx) ? stx.payment_method : undefined) || (c.offered.length === 1 ? c.offered[0] : undefined);
    return sendPage(reply, 200, stepPage(c, method));
  });

  /** Where the payer goes after answering: a return URL, the transaction (scripts), or a page. */
  const finish = (ctx: DomainContext, stx: SmartTransactionEntity, aborted: boolean, request: FastifyRequest, reply: FastifyReply, reason?: string, iban?: string) => {
    // What the payer typed stays in the form for a retry, but the CVC.
    const { card_cvc: _cvc, ...typed } = (request.body ?? {}) as Record<string, unknown>;
    const urls = stx.callbackUrls;
    const returnUrls = stx.application_context?.return_urls;
    const failed = stx.status === 'failed';
    const target = aborted ? returnUrls?.url_abort : failed ? (urls?.failure_url ?? returnUrls?.url_error) : (urls?.success_url ?? returnUrls?.url_success);
    const c = stepContext(ctx, stx);
    // An advance payment's payer needs the bank details before going back to the shop.
    if (!aborted && !failed && stx.payment_instructions && !wantsJson(request)) return sendPage(reply, 200, bankDetailsPage(c, target));
    if (target) return reply.header('referrer-policy', 'no-referrer').redirect(target, 303);
    if (wantsJson(request)) return formatSmartTransaction(ctx, stx);
    const mayRetry = awaitsPayment(stx);
    if (aborted) return sendPage(reply, 200, resultPage(c, 'aborted', undefined, mayRetry));
    // Refused (card, mandate, amount): the same step again with the reason, as a real checkout lets the payer retry.
    if (failed && reason !== 'payer' && mayRetry) {
      return sendPage(reply, 200, stepPage(c, stx.payment_method, { declined: refusalText(c, ctx, reason, iban), values: typed }));
    }
    return sendPage(reply, 200, resultPage(c, failed ? 'declined' : 'approved', undefined, failed && mayRetry));
  };

  app.post(
    '/checkout/:id/approve',
    { preValidation: emptyBodyAsObject, config: { payerPage: true }, schema: { params, querystring: pageQuery, body: answerBody } },
    async (request, reply) => {
      // The page's form posts the secret as a field; a script may put it in the query like the page link.
      const ctx = pageOwner(app, request.params.id, request.body.secret ?? request.query.secret, request);
      const { id } = request.params;
      const body = request.body;
      const stx = ctx.tenant.smartTransactions.get(id)!;
      const method = body.method || undefined;
      const chosen = method ?? stx.payment_method;
      const rules = methodRules(chosen);
      const byCard = rules?.container === 'credit_card';
      const byDebit = rules?.container === 'bank_account';
      const problems = byCard ? cardProblems(ctx.tenant, body) : byDebit ? bankAccountProblems(body) : {};
      if (Object.keys(problems).length > 0) {
        if (!wantsHtml(request)) fail('format', { reason: describeProblems(problems) });
        return sendPage(reply, 400, stepPage(stepContext(ctx, stx), chosen, { values: body, problems }));
      }
      // A number entered on the page decides; else the card a custom checkout sent inline at prepare.
      const inline = stx.containerId === undefined ? undefined : ctx.tenant.containers.get(stx.containerId)?.cardOutcome;
      // (An inline card's 3-D Secure step is this page itself: approving it passes.)
      const card = body.card_number;
      const outcome = !byCard ? 'approve' : card !== undefined ? cardOutcome(ctx.tenant, card) : inline === 'challenge' ? 'approve' : (inline ?? 'approve');
      if (outcome === 'challenge' && awaitsPayment(stx)) {
        // The 3-D Secure step: nothing changes until the payer completes (or fails) it.
        if (wantsJson(request)) return reply.code(202).send(formatSmartTransaction(ctx, stx));
        return sendPage(reply, 202, challengePage(stepContext(ctx, stx), chosen ?? 'creditcard', card!.replace(/[^0-9]/g, ''), body));
      }
      const approved = outcome === 'approve' || outcome === 'challenge';
      const account = byDebit ? bankAccountOf(body) : undefined;
      const after = checkoutOnPage(ctx, id, method, approved, { card: byCard ? cardDescriptor(body) : undefined, bankAccount: account });
      return finish(ctx, after, false, request, reply, approved ? undefined : outcome, account?.iban);
    },
  );

  app.post(
    '/checkout/:id/decline',
    { preValidation: emptyBodyAsObject, config: { payerPage: true }, schema: { params, querystring: pageQuery, body: answerBody } },
    async (request, reply) => {
      const ctx = pageOwner(app, request.params.id, request.body.secret ?? request.query.secret, request);
      const { stx, aborted } = declineOnPage(ctx, request.params.id);
      return finish(ctx, stx, aborted, request, reply, 'payer');
    },
  );

  app.post(
    '/checkout/:id/challenge',
    { preValidation: emptyBodyAsObject, config: { payerPage: true }, schema: { params, querystring: pageQuery, body: challengeBody } },
    async (request, reply) => {
      const ctx = pageOwner(app, request.params.id, request.body.secret ?? request.query.secret, request);
      const { method, card_number: card, result } = request.body;
      if (cardOutcome(ctx.tenant, card) !== 'challenge') fail('notAllowed', { reason: 'this card needs no 3-D Secure challenge' });
      const stx = checkoutOnPage(ctx, request.params.id, method || undefined, result === 'pass', { card: cardDescriptor(request.body) });
      return finish(ctx, stx, false, request, reply, result === 'pass' ? undefined : 'challenge_failed');
    },
  );

  // The GiroCode of an advance payment: the QR image for browsers (and ?format=png|svg), the EPC text for scripts.
  app.get('/girocode/:id', { config: { payerPage: true }, schema: { params, querystring: girocodeQuery } }, async (request, reply) => {
    const ctx = pageOwner(app, request.params.id, request.query.secret, request);
    const stx = ctx.tenant.smartTransactions.get(request.params.id)!;
    const p = stx.payment_instructions ?? fail('notFound', { object: 'payment_instructions', id: stx.id });
    const payload = girocodePayload(stx, p);
    const format = request.query.format ?? (/image\//.test(request.headers.accept ?? '') ? 'png' : 'txt');
    if (format === 'txt') return reply.type('text/plain; charset=utf-8').send(payload);
    if (!hasGirocode(stx)) fail('notAllowed', { reason: `a GiroCode is a euro transfer; ${stx.id} is in ${stx.basket_info?.currency}` });
    reply.header('cache-control', 'no-store');
    return format === 'png' ? reply.type('image/png').send(await girocodePng(payload)) : reply.type('image/svg+xml').send(await girocodeSvg(payload));
  });
};
