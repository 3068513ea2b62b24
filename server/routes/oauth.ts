// POST /oauth/token on the host root (not under /api/v2), JSON or form-urlencoded, answering
// errors in the OAuth shape.
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyError } from 'fastify';
import { grantToken, OAuthError } from '../domain/oauth.js';
import { oauthError, oauthTokenRequest, oauthTokenResponse } from '../schemas/common.js';

export const oauthRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  await app.register(formbody);
  app.setErrorHandler((error: FastifyError | OAuthError, _request, reply) => {
    const oauth = error instanceof OAuthError ? error : new OAuthError('invalid_request', error.message);
    return reply.code(oauth.status).send({ error: oauth.error, error_description: oauth.message });
  });
  app.post(
    '/oauth/token',
    {
      schema: {
        tags: ['OAuth'],
        summary: 'Get an access token (client_credentials or refresh_token grant)',
        operationId: 'OAuth.token',
        body: oauthTokenRequest,
        response: { 200: oauthTokenResponse, 400: oauthError },
      },
    },
    async (request) => grantToken(app.store, request.body, app.mockOptions.tokenTtl),
  );
};
