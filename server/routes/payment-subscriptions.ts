// /api/v2/Payment/Subscriptions: read-only, as in the real API; they come from Smart Transactions.
// The one call that changes a subscription is the SDK's SmartTransactions.updatePaymentContainer,
// whose path is under Smart Transactions but whose id is the subscription's: it lives here.
import { formatSmartTransaction, formatSubscription } from '../domain/formatters.js';
import { updateSubscriptionContainer } from '../domain/subscription-containers.js';
import { paymentSubscriptionsList, paymentSubscriptionsProductModel, subscriptionContainerUpdate } from '../schemas/payment-subscriptions.js';
import { smartTransactionsProductModel } from '../schemas/smart-transactions.js';
import { emptyBodyAsObject, respond } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, readRoutes, security } from './shared.js';

export const paymentSubscriptionsRoutes: ApiRoutesPlugin = async (app) => {
  readRoutes(app, {
    path: '/Payment/Subscriptions',
    param: 'paymentSubscriptionId',
    object: 'payment.subscriptions',
    tag: 'Payment Subscriptions',
    operation: 'PaymentSubscriptions',
    collection: (request) => request.tenant.subscriptions,
    format: formatSubscription,
    item: paymentSubscriptionsProductModel,
    list: paymentSubscriptionsList,
  });

  app.post(
    '/Smart/Transactions/:smartTransactionId/updatePaymentContainer',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['Smart Transactions'],
        security,
        operationId: 'SmartTransactions.updatePaymentContainer',
        description: 'The path id is a subscription id (SUB_…). Answers the Smart Transaction the subscription was bought with.',
        params: idParams('smartTransactionId'),
        body: subscriptionContainerUpdate,
        response: { 200: smartTransactionsProductModel, ...errorResponses },
      },
    },
    async (request) =>
      respond(request, formatSmartTransaction, (ctx) => updateSubscriptionContainer(ctx, request.params.smartTransactionId, request.body?.container)),
  );
};
