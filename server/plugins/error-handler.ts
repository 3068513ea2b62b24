// Renders every failure on the API as the secuconnect envelope: catalogued domain errors, schema
// violations, bad JSON, oversize bodies, unknown routes. Anything unexpected is logged and becomes
// ProductInternalException; with a correct domain that never happens (tests and fuzzing assert it).
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { errorCatalogue, MockError, type ErrorName } from '../domain/errors.js';
import type { ErrorEnvelope } from '../schemas/common.js';
import type { ValidationError } from '../schemas/compile.js';
import { LimitReached } from '../store/budget.js';
import { describeValidationErrors } from '../schemas/validation-errors.js';

export function errorEnvelope(error: MockError): ErrorEnvelope {
  return {
    status: 'error',
    error: error.entry.exception,
    error_details: error.message,
    error_user: error.entry.user,
    code: error.entry.code,
    supportId: randomBytes(16).toString('hex'),
  };
}

export function sendError(reply: FastifyReply, error: MockError): FastifyReply {
  reply.raw.statusMessage = error.entry.exception;
  const { verification } = reply.server.store;
  // A Pact verification's report shows why the mock refused what a pact expected to succeed.
  if (verification.active && !reply.request.url.startsWith('/__mock')) {
    const { method, url } = reply.request;
    verification.answered({ method, url, status: error.entry.status, error: error.entry.exception, error_details: error.message });
  }
  return reply.code(error.entry.status).send(errorEnvelope(error));
}

/** "basket_info.sum must be integer" — names the field as a user would write it. */
export function describeValidation(error: FastifyError): string {
  const prefix = error.validationContext === 'body' ? '' : `${error.validationContext} `;
  return describeValidationErrors(error.validation as ValidationError[], {
    path: 'dots',
    root: 'body',
    prefix,
    missingPropertyInPath: true,
    details: ['allowedValues'],
  }).join('; ');
}

const BY_FASTIFY_CODE: Record<string, ErrorName> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'bodyTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformedJson',
};

/** Maps whatever was thrown to a catalogued error; `body` is the parsed request body, if any. */
export function toMockError(error: FastifyError, bodyLimit: number, contentType: unknown, body?: unknown): MockError {
  if (error instanceof MockError) return error;
  if (error instanceof LimitReached) return new MockError('limitReached', { reason: error.message });
  // A route that needs a payload got none: the documented "no payload", not "body must be object".
  if (error.validation && error.validationContext === 'body' && body == null) return new MockError('noPayload');
  if (error.validation) return new MockError('format', { reason: describeValidation(error) });
  const name = error.code ? BY_FASTIFY_CODE[error.code] : undefined;
  if (name) return new MockError(name, { limit: bodyLimit, contentType: String(contentType), reason: error.message });
  // JSON.parse / secure-json-parse failures (syntax, __proto__ poisoning) carry status 400.
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new MockError('malformedJson', { reason: error.message });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new MockError('format', { reason: error.message });
  }
  return new MockError('internal');
}

/**
 * Errors Node raises before a request reaches Fastify (a body past the request timeout, headers too
 * large, bytes that are not HTTP): the envelope written straight to the socket, which then closes.
 */
export function clientErrorHandler(requestTimeout: number) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const name: ErrorName =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'requestTimeout' : error.code === 'HPE_HEADER_OVERFLOW' ? 'headersTooLarge' : 'badHttp';
    const mockError = new MockError(name, { limit: requestTimeout });
    const body = JSON.stringify(errorEnvelope(mockError));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${mockError.entry.status} ${mockError.entry.exception}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}

export default fp(
  async function errorHandler(app: FastifyInstance, opts: { bodyLimit: number }) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const mockError = toMockError(error, opts.bodyLimit, request.headers['content-type'], request.body);
      if (mockError.entry === errorCatalogue.internal) request.log.error({ err: error }, 'unexpected error');
      return sendError(reply, mockError);
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, new MockError('routeNotFound', { method: request.method, url: request.url })),
    );
  },
  { name: 'error-handler' },
);
