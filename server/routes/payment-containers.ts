// /api/v2/Payment/Containers: CRUD of payment instruments (bank accounts over the API).
import { CONTAINER, createContainer, deleteContainer, replaceContainer } from '../domain/containers.js';
import { formatContainer } from '../domain/formatters.js';
import {
  paymentContainersDeleteResult,
  paymentContainersDTO,
  paymentContainersList,
  paymentContainersProductModel,
} from '../schemas/payment-containers.js';
import { ctxOf, respond } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, readRoutes, security } from './shared.js';

const tags = ['Payment Containers'];
const one = { 200: paymentContainersProductModel, ...errorResponses } as const;
const byId = idParams('paymentContainerId');

export const paymentContainersRoutes: ApiRoutesPlugin = async (app) => {
  readRoutes(app, {
    path: '/Payment/Containers',
    param: 'paymentContainerId',
    object: CONTAINER,
    tag: tags[0],
    operation: 'PaymentContainers',
    collection: (request) => request.tenant.containers,
    format: formatContainer,
    item: paymentContainersProductModel,
    list: paymentContainersList,
  });

  app.post(
    '/Payment/Containers',
    { schema: { tags, security, operationId: 'PaymentContainers.paymentContainersPost', body: paymentContainersDTO, response: one } },
    async (request) => respond(request, formatContainer, (ctx) => createContainer(ctx, request.body)),
  );

  app.put(
    '/Payment/Containers/:paymentContainerId',
    { schema: { tags, security, operationId: 'PaymentContainers.paymentContainersIdPut', params: byId, body: paymentContainersDTO, response: one } },
    async (request) => respond(request, formatContainer, (ctx) => replaceContainer(ctx, request.params.paymentContainerId, request.body)),
  );

  app.delete(
    '/Payment/Containers/:paymentContainerId',
    {
      schema: {
        tags,
        security,
        operationId: 'PaymentContainers.paymentContainersIdDelete',
        params: byId,
        response: { 200: paymentContainersDeleteResult, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return [formatContainer(ctx, deleteContainer(ctx, request.params.paymentContainerId))];
    },
  );
};
