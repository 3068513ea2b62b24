// Request bodies as secuconnect clients send them. SDKs send `Content-Type: application/json` with
// an empty body on action routes (and Pact's verifier sends no body at all), so an empty body is
// "no body" under any Content-Type; routes that need a payload say so through their schema.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MockError } from '../domain/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** A JSON body as it arrived (the request journal shows it; validation may change the parsed one). */
    rawBody: string | null;
  }
}

export function installBodyParsers(app: FastifyInstance): void {
  app.decorateRequest('rawBody', null);
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      if (body.length === 0) return done(null, undefined);
      request.rawBody = body as string;
      parseJson(request, body as string, (error, parsed) => {
        if (error) return done(error, undefined);
        // Every body the API takes is an object, also on routes that read none (cancel, DELETE); null is "no body".
        if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
          return done(new MockError('format', { reason: 'body must be object' }), undefined);
        }
        done(null, parsed);
      });
    },
  );
  // Any other type: fine when empty, refused otherwise.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: string | Buffer, done) => {
    if (body.length === 0) return done(null, undefined);
    done(new MockError('unsupportedMediaType', { contentType: String(request.headers['content-type']) }), undefined);
  });
}
