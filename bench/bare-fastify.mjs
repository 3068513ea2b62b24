// The framework's ceiling on this machine: a bare Fastify 5 server, logging off, that answers the
// same GET path with the same stored Smart Transaction JSON, serialized through the same response
// schema the mock publishes. No auth, no validation, no domain: what is left is Fastify itself.
//   node bench/bare-fastify.mjs <stx.json> [port]
//   node bench/bare-fastify.mjs --hello [port]     (only GET /health: Fastify's own start-up)
// Prints "bare-fastify listening on http://127.0.0.1:<port>" once it listens; GET /health is 200.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, port = '0'] = process.argv.slice(2);
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
if (file !== '--hello') {
  const { smartTransactionsProductModel } = await import('../dist/server/schemas/smart-transactions.js');
  // The shared shapes the schema refers to by $ref, registered as the mock registers them.
  const { sharedSchemas } = await import('../dist/server/schemas/shared.js');
  for (const schema of sharedSchemas) app.addSchema(schema);
  const stx = file ? JSON.parse(readFileSync(file, 'utf8')) : { object: 'smart.transactions', id: 'STX_BARE' };
  const stored = new Map([[stx.id, stx]]);
  app.get(
    '/api/v2/Smart/Transactions/:smartTransactionId',
    { schema: { response: { 200: smartTransactionsProductModel } } },
    async (request, reply) => stored.get(request.params.smartTransactionId) ?? reply.code(404).send({ status: 'error' }),
  );
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write(`bare-fastify listening on http://127.0.0.1:${app.server.address().port}\n`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => app.close().then(() => process.exit(0)));
