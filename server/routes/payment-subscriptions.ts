// /api/v2/Payment/Subscriptions: read-only, as in the real API; they come from Smart Transactions.
import { formatSubscription } from '../domain/formatters.js';
import { paymentSubscriptionsList, paymentSubscriptionsProductModel } from '../schemas/payment-subscriptions.js';
import { type ApiRoutesPlugin, readRoutes } from './shared.js';

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
};
