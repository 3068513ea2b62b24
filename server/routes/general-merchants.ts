// /api/v2/General/Merchants: the tenant's own merchant, also as `me` (the docs' "who am I" call).
import { fail } from '../domain/errors.js';
import { formatMerchant } from '../domain/formatters.js';
import { listPage } from '../domain/list-query.js';
import { getOneQuery, listQuery } from '../schemas/common.js';
import { generalMerchantsList, generalMerchantsProductModel } from '../schemas/general-merchants.js';
import { ctxOf } from '../plugins/request-context.js';
import { type ApiRoutesPlugin, errorResponses, idParams, security } from './shared.js';

const tags = ['General Merchants'];

export const generalMerchantsRoutes: ApiRoutesPlugin = async (app) => {
  app.get(
    '/General/Merchants',
    { schema: { tags, security, operationId: 'GeneralMerchants.getAll', querystring: listQuery, response: { 200: generalMerchantsList, ...errorResponses } } },
    async (request) => listPage([ctxOf(request)], formatMerchant, request.query),
  );

  app.get(
    '/General/Merchants/:generalMerchantId',
    {
      schema: {
        tags,
        security,
        operationId: 'GeneralMerchants.getOne',
        params: idParams('generalMerchantId'),
        querystring: getOneQuery,
        response: { 200: generalMerchantsProductModel, ...errorResponses },
      },
    },
    async (request) => {
      const { tenant } = request;
      const id = request.params.generalMerchantId;
      if (id !== 'me' && id !== tenant.merchant.id) fail('notFound', { object: 'general.merchants', id });
      return formatMerchant(ctxOf(request));
    },
  );
};
