// /api/v2/Payment/Transactions: read, cancel/refund, capture, checkStatus.
import { formatPaymentTransaction } from '../domain/formatters.js';
import { checkStatus, PAYMENT_TRANSACTION } from '../domain/payment-transactions.js';
import { cancelPaymentTransaction, capturePaymentTransaction } from '../domain/smart-transaction-payments.js';
import {
  paymentTransactionCancelDTO,
  paymentTransactionsCancelResult,
  paymentTransactionsCaptureDTO,
  paymentTransactionsCheckStatus,
  paymentTransactionsList,
  paymentTransactionsProductModel,
} from '../schemas/payment-transactions.js';
import { ctxOf, emptyBodyAsObject, respond } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, readRoutes, security } from './shared.js';

const tags = ['Payment Transactions'];
const byId = idParams('paymentTransactionId');

export const paymentTransactionsRoutes: ApiRoutesPlugin = async (app) => {
  readRoutes(app, {
    path: '/Payment/Transactions',
    param: 'paymentTransactionId',
    object: PAYMENT_TRANSACTION,
    tag: tags[0],
    operation: 'PaymentTransactions',
    collection: (request) => request.tenant.paymentTransactions,
    format: formatPaymentTransaction,
    item: paymentTransactionsProductModel,
    list: paymentTransactionsList,
  });

  app.post(
    '/Payment/Transactions/:paymentTransactionId/cancel',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        security,
        operationId: 'PaymentTransactions.cancel',
        params: byId,
        body: paymentTransactionCancelDTO,
        response: { 200: paymentTransactionsCancelResult, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return cancelPaymentTransaction(ctx, request.params.paymentTransactionId, request.body).map((p) =>
        formatPaymentTransaction(ctx, p),
      );
    },
  );

  app.post(
    '/Payment/Transactions/:paymentTransactionId/capture',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags,
        security,
        operationId: 'PaymentTransactions.capture',
        params: byId,
        body: paymentTransactionsCaptureDTO,
        response: { 200: paymentTransactionsProductModel, ...errorResponses },
      },
    },
    async (request) => respond(request, formatPaymentTransaction, (ctx) => capturePaymentTransaction(ctx, request.params.paymentTransactionId, request.body)),
  );

  app.get(
    '/Payment/Transactions/:paymentTransactionId/checkStatus',
    {
      schema: {
        tags,
        security,
        operationId: 'PaymentTransactions.checkStatus',
        params: byId,
        response: { 200: paymentTransactionsCheckStatus, ...errorResponses },
      },
    },
    async (request) => checkStatus(ctxOf(request), request.params.paymentTransactionId),
  );
};
