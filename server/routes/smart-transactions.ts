// /api/v2/Smart/Transactions: the checkout flow of the integration guide.
import type { preValidationAsyncHookHandler } from 'fastify';
import { mustGet } from '../domain/context.js';
import { formatSmartTransaction } from '../domain/formatters.js';
import { listPageAsync } from '../domain/list-query.js';
import {
  prepareSmartTransaction,
  startSmartTransaction,
} from '../domain/smart-transaction-payments.js';
import {
  cancelSmartTransaction,
  createSmartTransaction,
  setDelivery,
  SMART_TRANSACTION,
  updateSmartTransaction,
} from '../domain/smart-transactions.js';
import { getOneQuery, listQuery, paymentMethodParam } from '../schemas/common.js';
import {
  smartTransactionsDTO,
  smartTransactionsList,
  smartTransactionsPrepare,
  smartTransactionsProductModel,
  smartTransactionsSetDeliveryModel,
  smartTransactionsStart,
} from '../schemas/smart-transactions.js';
import { answerOne, ctxOf, emptyBodyAsObject, respond } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, security } from './shared.js';

/**
 * Baskets are lenient at every level, as the real API is: the guides' examples send `articleNumber`,
 * `ean` and `serialNumber` as numbers (the SDK types them as strings) and clients send `tax` as a
 * string (`"19"`), in products and in their `sub_basket` alike.
 */
function lenientItem(item: unknown) {
  if (!item || typeof item !== 'object') return;
  const fields = item as Record<string, unknown>;
  for (const key of ['articleNumber', 'ean', 'serialNumber']) if (typeof fields[key] === 'number') fields[key] = String(fields[key]);
  if (typeof fields.tax === 'string' && /^-?\d{1,9}$/.test(fields.tax)) fields.tax = Number(fields.tax);
}

const lenientBasket: preValidationAsyncHookHandler = async (request) => {
  const products = (request.body as { basket?: { products?: unknown } } | undefined)?.basket?.products;
  if (!Array.isArray(products)) return;
  for (const item of products) {
    lenientItem(item);
    const sub = (item as { sub_basket?: unknown } | null)?.sub_basket;
    if (Array.isArray(sub)) for (const subItem of sub) lenientItem(subItem);
  }
};

const tags = ['Smart Transactions'];
const one = { 200: smartTransactionsProductModel, ...errorResponses } as const;
const byId = idParams('smartTransactionId');
const withMethod = {
  type: 'object',
  properties: { smartTransactionId: { type: 'string', minLength: 1 }, paymentMethod: paymentMethodParam },
  required: ['smartTransactionId', 'paymentMethod'],
} as const;

export const smartTransactionsRoutes: ApiRoutesPlugin = async (app) => {
  app.post(
    '/Smart/Transactions',
    {
      preValidation: lenientBasket,
      schema: { tags, security, operationId: 'SmartTransactions.addTransaction', body: smartTransactionsDTO, response: one },
    },
    async (request) => respond(request, formatSmartTransaction, (ctx) => createSmartTransaction(ctx, request.body)),
  );

  app.get(
    '/Smart/Transactions',
    { schema: { tags, security, operationId: 'SmartTransactions.getAll', querystring: listQuery, response: { 200: smartTransactionsList, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(request);
      return listPageAsync(ctx.tenant.smartTransactions.toArray(), (e) => formatSmartTransaction(ctx, e), request.query);
    },
  );

  app.get(
    '/Smart/Transactions/:smartTransactionId',
    { schema: { tags, security, operationId: 'SmartTransactions.getOne', params: byId, querystring: getOneQuery, response: one } },
    async (request, reply) => answerOne(request, reply, formatSmartTransaction, (ctx) => mustGet(ctx.tenant.smartTransactions, request.params.smartTransactionId, SMART_TRANSACTION)),
  );

  app.put(
    '/Smart/Transactions/:smartTransactionId',
    {
      preValidation: lenientBasket,
      schema: { tags, security, operationId: 'SmartTransactions.updateTransaction', params: byId, body: smartTransactionsDTO, response: one },
    },
    async (request) => respond(request, formatSmartTransaction, (ctx) => updateSmartTransaction(ctx, request.params.smartTransactionId, request.body)),
  );

  app.post(
    '/Smart/Transactions/:smartTransactionId/prepare/:paymentMethod',
    {
      preValidation: emptyBodyAsObject,
      schema: { tags, security, operationId: 'SmartTransactions.prepare', params: withMethod, body: smartTransactionsPrepare, response: one },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const { smartTransactionId, paymentMethod } = request.params;
      return formatSmartTransaction(ctx, prepareSmartTransaction(ctx, smartTransactionId, paymentMethod, request.body));
    },
  );

  // Older guides call start without a method segment; the SDK always sends one.
  for (const [url, params, operationId] of [
    ['/Smart/Transactions/:smartTransactionId/start/:paymentMethod', withMethod, 'SmartTransactions.startTransaction'],
    ['/Smart/Transactions/:smartTransactionId/start', byId, 'SmartTransactions.startTransactionWithoutMethod'],
  ] as const) {
    app.post(
      url,
      { preValidation: emptyBodyAsObject, schema: { tags, security, operationId, params, body: smartTransactionsStart, response: one } },
      async (request) => {
        const ctx = ctxOf(request);
        const { smartTransactionId, paymentMethod } = request.params as { smartTransactionId: string; paymentMethod?: string };
        return formatSmartTransaction(ctx, startSmartTransaction(ctx, smartTransactionId, paymentMethod, request.body));
      },
    );
  }

  for (const action of ['cancel', 'abort'] as const) {
    app.post(
      `/Smart/Transactions/:smartTransactionId/${action}`,
      {
        preValidation: emptyBodyAsObject,
        schema: {
          tags,
          security,
          operationId: action === 'cancel' ? 'SmartTransactions.cancelTransaction' : 'SmartTransactions.abortTransaction',
          params: byId,
          response: one,
        },
      },
      async (request) => respond(request, formatSmartTransaction, (ctx) => cancelSmartTransaction(ctx, request.params.smartTransactionId, action)),
    );
  }

  app.post(
    '/Smart/Transactions/:smartTransactionId/setDelivery',
    {
      preValidation: emptyBodyAsObject,
      schema: { tags, security, operationId: 'SmartTransactions.setDelivery', params: byId, body: smartTransactionsSetDeliveryModel, response: one },
    },
    async (request) => respond(request, formatSmartTransaction, (ctx) => setDelivery(ctx, request.params.smartTransactionId, request.body)),
  );
};
