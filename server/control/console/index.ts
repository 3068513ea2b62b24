// The operator console under /__mock/: the request journal as JSON, and the HTML pages.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { requestRoutes } from './requests.js';

export const consoleRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  await app.register(requestRoutes);
};
