// Pact message interactions: a verifier POSTs `{"description", "providerStates"}` of an
// asynchronous message after setting the states up at /__mock/provider-states, and compares what
// it gets back with the message the consumer expects. The mock answers the push those states made
// last (the newest one the interaction's tenant recorded since its first state): its body as the
// message contents and its metadata as the base64 JSON `Pact-Message-Metadata` header.
import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import { MockError } from '../domain/errors.js';
import { pushBodySchema } from '../schemas/pushes.js';

/** What a Pact verifier sends for a message interaction (pact_verifier's message request). */
export const messageRequestSchema = {
  type: 'object',
  required: ['description'],
  properties: {
    description: { type: 'string', maxLength: 2000 },
    providerStates: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', maxLength: 1000 }, params: { type: 'object', maxProperties: 50 } },
      },
    },
  },
} as const;

/** A push's metadata: how it travels (secuconnect POSTs JSON over HTTP), not what it says. */
export const PUSH_MESSAGE_METADATA = { contentType: 'application/json' } as const;

const named = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

export const messageRoutes: FastifyPluginAsyncJsonSchemaToTs = async (app) => {
  const session = app.store.verification;
  app.post('/messages', { schema: { body: messageRequestSchema, response: { 200: pushBodySchema } } }, async (request, reply) => {
    const { description, providerStates = [] } = request.body;
    const found = session.active ? session.interactionPushes() : undefined;
    const push = found?.pushes.at(-1);
    if (!push) {
      const states = providerStates.length ? providerStates.map((s) => `"${named(s.name)}"`).join(', ') : 'none';
      const reason = !found
        ? `no provider states were set up for the message "${named(description)}": give the verifier the state-change URL /__mock/provider-states`
        : `the provider states of the message "${named(description)}" (${states}) recorded no push in client ${found.tenant.clientId}: ` +
          'a push goes to the url_push of the Smart Transaction (the url_push parameter of "a smart transaction" or "a subscription") ' +
          'and is made by a status change of its payment transaction or subscription';
      const error = new MockError('notAllowed', { reason });
      // Control routes are not in the session's report by themselves; a message interaction's answer is.
      if (session.active) {
        session.answered({ method: request.method, url: request.url.split('?')[0], status: error.entry.status, error: error.entry.exception, error_details: error.message });
      }
      throw error;
    }
    return reply
      .header('Pact-Message-Metadata', Buffer.from(JSON.stringify(PUSH_MESSAGE_METADATA)).toString('base64'))
      .send(push.body);
  });
};
