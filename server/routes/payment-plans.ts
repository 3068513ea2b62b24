// /api/v2/Payment/Plans: create, replace, patch, read.
import { formatPlan } from '../domain/formatters.js';
import { changePlan, createPlan, PLAN } from '../domain/plans.js';
import { paymentPlansDTO, paymentPlansList, paymentPlansProductModel } from '../schemas/payment-plans.js';
import { respond } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, readRoutes, security } from './shared.js';

const tags = ['Payment Plans'];
const one = { 200: paymentPlansProductModel, ...errorResponses } as const;
const byId = idParams('paymentPlanId');

export const paymentPlansRoutes: ApiRoutesPlugin = async (app) => {
  readRoutes(app, {
    path: '/Payment/Plans',
    param: 'paymentPlanId',
    object: PLAN,
    tag: tags[0],
    operation: 'PaymentPlans',
    collection: (request) => request.tenant.plans,
    format: formatPlan,
    item: paymentPlansProductModel,
    list: paymentPlansList,
  });

  app.post(
    '/Payment/Plans',
    { schema: { tags, security, operationId: 'PaymentPlans.paymentPlansPost', body: paymentPlansDTO, response: one } },
    async (request) => respond(request, formatPlan, (ctx) => createPlan(ctx, request.body)),
  );

  for (const [method, mode] of [['PUT', 'replace'], ['PATCH', 'patch']] as const) {
    app.route({
      method,
      url: '/Payment/Plans/:paymentPlanId',
      schema: { tags, security, operationId: `PaymentPlans.paymentPlans${method === 'PUT' ? 'Put' : 'Patch'}`, params: byId, body: paymentPlansDTO, response: one },
      handler: async (request) => respond(request, formatPlan, (ctx) => changePlan(ctx, request.params.paymentPlanId, request.body, mode)),
    });
  }
};
