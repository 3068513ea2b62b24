// /api/v2/Payment/Customers: CRUD.
import { createCustomer, CUSTOMER, deleteCustomer, replaceCustomer } from '../domain/customers.js';
import { formatCustomer } from '../domain/formatters.js';
import {
  paymentCustomersDeleteResult,
  paymentCustomersDTO,
  paymentCustomersList,
  paymentCustomersProductModel,
} from '../schemas/payment-customers.js';
import { ctxOf, respond } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, readRoutes, security } from './shared.js';

const tags = ['Payment Customers'];
const one = { 200: paymentCustomersProductModel, ...errorResponses } as const;
const byId = idParams('paymentCustomerId');

export const paymentCustomersRoutes: ApiRoutesPlugin = async (app) => {
  readRoutes(app, {
    path: '/Payment/Customers',
    param: 'paymentCustomerId',
    object: CUSTOMER,
    tag: tags[0],
    operation: 'PaymentCustomers',
    collection: (request) => request.tenant.customers,
    format: formatCustomer,
    item: paymentCustomersProductModel,
    list: paymentCustomersList,
  });

  app.post(
    '/Payment/Customers',
    { schema: { tags, security, operationId: 'PaymentCustomers.paymentCustomersPost', body: paymentCustomersDTO, response: one } },
    async (request) => respond(request, formatCustomer, (ctx) => createCustomer(ctx, request.body)),
  );

  app.put(
    '/Payment/Customers/:paymentCustomerId',
    { schema: { tags, security, operationId: 'PaymentCustomers.paymentCustomersIdPut', params: byId, body: paymentCustomersDTO, response: one } },
    async (request) => respond(request, formatCustomer, (ctx) => replaceCustomer(ctx, request.params.paymentCustomerId, request.body)),
  );

  app.delete(
    '/Payment/Customers/:paymentCustomerId',
    {
      schema: {
        tags,
        security,
        operationId: 'PaymentCustomers.paymentCustomersIdDelete',
        params: byId,
        response: { 200: paymentCustomersDeleteResult, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return [formatCustomer(ctx, deleteCustomer(ctx, request.params.paymentCustomerId))];
    },
  );
};
