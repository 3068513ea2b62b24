// Validate what we send (on in tests): every JSON response body is checked against the schema the
// route publishes for its status code, before serialization can hide a mistake (the serializer
// silently drops undeclared fields). A mismatch turns the answer into a 500 naming the problem.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ValidateFunction } from 'ajv';
import { errorEnvelope } from './error-handler.js';
import { MockError } from '../domain/errors.js';
import { createAjv } from '../schemas/compile.js';

// Shared by every app of the process: compiled validators are pure. The scenario kind's options
// (all errors, no coercion, nothing removed) with the shared schemas, so that `$ref`s resolve.
const ajv = createAjv('scenario');
const cache = new WeakMap<object, ValidateFunction>();

export default fp(
  async function responseCheck(app: FastifyInstance) {
    app.addHook('preSerialization', async (request, reply, payload) => {
      const responses = request.routeOptions.schema?.response as Record<string, object> | undefined;
      if (!responses) return payload;
      const code = String(reply.statusCode);
      const schema = responses[code] ?? responses[`${code[0]}xx`] ?? responses.default;
      if (!schema) return payload;
      let validate = cache.get(schema);
      if (!validate) cache.set(schema, (validate = ajv.compile(schema)));
      if (validate(JSON.parse(JSON.stringify(payload)))) return payload;
      const reason = ajv.errorsText(validate.errors, { dataVar: 'response' });
      request.log.error({ url: request.url, reason }, 'response does not match its schema');
      reply.code(500);
      const envelope = errorEnvelope(new MockError('internal'));
      return { ...envelope, error_details: `Response of ${request.method} ${request.url} (${code}) does not match its schema: ${reason}` };
    });
  },
  { name: 'response-check' },
);
