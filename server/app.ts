// buildApp(options) -> a ready-to-use Fastify instance of the mock. It never listens: tests use
// `inject`, the CLI calls `listen`. Every app has its own store, seeded from a scenario.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import { createHash, randomBytes } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import { controlRoutes, isLoopback } from './control/index.js';
import { MockError } from './domain/errors.js';
import { seedStore, validateScenario, type Scenario } from './domain/scenario.js';
import { loadScenarioFile } from './scenario-file.js';
import { resolveOptions, type MockOptions, type ResolvedOptions } from './options.js';
import { DEFAULT_FIXTURES } from './paths.js';
import authPlugin from './plugins/auth.js';
import { installBodyParsers } from './plugins/body-parsers.js';
import pushesPlugin from './plugins/pushes.js';
import requestJournal from './plugins/request-journal.js';
import { schemaController } from './plugins/compilers.js';
import dataDirHooks, { DataDir } from './plugins/data-dir.js';
import replicasPlugin, { Replication } from './plugins/replicas.js';
import answerCache from './plugins/answer-cache.js';
import errorHandler, { clientErrorHandler, sendError } from './plugins/error-handler.js';
import faultsPlugin from './plugins/faults.js';
import { lazyChildLogger } from './plugins/lazy-logger.js';
import swaggerPlugin from './plugins/swagger.js';
import { generalMerchantsRoutes } from './routes/general-merchants.js';
import { oauthRoutes } from './routes/oauth.js';
import { paymentContainersRoutes } from './routes/payment-containers.js';
import { paymentCustomersRoutes } from './routes/payment-customers.js';
import { paymentPlansRoutes } from './routes/payment-plans.js';
import { paymentSubscriptionsRoutes } from './routes/payment-subscriptions.js';
import { paymentTransactionsRoutes } from './routes/payment-transactions.js';
import { smartTransactionsRoutes } from './routes/smart-transactions.js';
import { sharedSchemas } from './schemas/shared.js';
import { Store } from './store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    mockOptions: ResolvedOptions;
    /** The scenario the store was seeded from (what reset returns to). */
    scenario: Scenario;
    /** What the control plane asks for: set when the mock listens off loopback (given, or generated). */
    controlToken: string | undefined;
  }
}

export interface BuildOptions extends MockOptions {
  /** A scenario object instead of a file (tests, the nock kit). */
  scenario?: Scenario;
}

/** Response headers the real API sends on every call. */
const API_HEADERS = {
  'cache-control': 'no-store, no-cache, must-revalidate, post-check=0, pre-check=0',
  pragma: 'no-cache',
  'access-control-allow-origin': '*',
  'content-language': 'en_GB',
};

const scenarioHash = (scenario: Scenario) => createHash('sha256').update(JSON.stringify(scenario)).digest('hex');

export async function buildApp(input: BuildOptions = {}): Promise<FastifyInstance> {
  const { scenario: given, ...rest } = input;
  const options = resolveOptions(rest);
  // A scenario object is checked like a file: a bad entry fails here, naming its path.
  const scenario = given ? validateScenario(given, '(scenario option)') : await loadScenarioFile(options.fixtures ?? DEFAULT_FIXTURES);
  const store = new Store({
    maxObjects: options.maxTenantObjects,
    maxBytes: options.maxTenantBytes,
    maxTotalBytes: options.maxStoredBytes ?? Math.floor(getHeapStatistics().heap_size_limit * 0.4),
  });
  seedStore(store, scenario);

  // Per-request logs only when asked for: at the default level they would cost a third of the throughput.
  const requestLogging = options.logLevel === 'debug' || options.logLevel === 'trace';
  const app = Fastify({
    logger: { level: options.logLevel },
    logController: new LogController({ disableRequestLogging: !requestLogging }),
    ...(requestLogging ? {} : { childLoggerFactory: lazyChildLogger }),
    bodyLimit: options.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController,
    // Errors raised before routing (a URL that is not valid percent-encoding) get the envelope too.
    frameworkErrors: (error, _request, reply) => sendError(reply, new MockError('format', { reason: error.message })),
    // Below Fastify too: a request timeout, oversize headers or broken HTTP get the envelope.
    clientErrorHandler: clientErrorHandler(options.requestTimeout),
    // A request that arrives on an open connection while the server shuts down is answered (with
    // `Connection: close`) instead of Fastify's own 503 body; the shutdown deadline still bounds it.
    return503OnClosing: false,
  }).withTypeProvider<JsonSchemaToTsProvider>();

  // The shapes route schemas `$ref` by `$id`. The compilers (server/schemas/compile.ts) know them
  // already; registered here too so that Fastify's own view of the schemas is complete.
  for (const schema of sharedSchemas) app.addSchema(schema);
  app.decorate('store', store);
  app.decorate('mockOptions', { ...options, publicUrl: options.publicUrl?.replace(/\/+$/, '') });
  app.decorate('scenario', scenario);
  app.decorate('controlToken', isLoopback(options.host) ? undefined : (options.adminToken ?? randomBytes(24).toString('hex')));
  installBodyParsers(app);
  // First: its onRoute hook marks every route that changes state, so that a change names its request.
  await app.register(requestJournal, {
    store,
    limits: { size: options.journalSize, bodyBytes: options.journalBodyBytes, maxBytes: options.journalMaxBytes },
  });
  await app.register(errorHandler, { bodyLimit: options.bodyLimit });
  await app.register(answerCache);
  await app.register(faultsPlugin, { holdMs: options.requestTimeout });
  await app.register(swaggerPlugin);
  await app.register(pushesPlugin, { store, mode: options.pushes });
  // After the delivery has set aside what seeding pushed: the data dir brings back the outbox too.
  if (options.dataDir) {
    const report = (message: string) => app.log.warn(message);
    const dataDir = await DataDir.open(options.dataDir, store, scenarioHash(scenario), report, options.compactAfterBytes);
    await app.register(dataDirHooks, { dataDir });
  }
  if (options.redisUrl) {
    if (options.dataDir) throw new Error('--data-dir and --redis-url exclude each other: with replicas, Redis keeps the state');
    const report = (message: string) => app.log.warn(message);
    const replication = await Replication.open(options.redisUrl, store, scenarioHash(scenario), report, options.compactAfterBytes);
    await app.register(replicasPlugin, { replication, pushes: app.pushes });
  }
  // Tests only: loaded on demand, so that a server does not pay for a second Ajv.
  if (options.checkResponses) await app.register((await import('./plugins/response-check.js')).default);

  // CORS preflight for browser clients (demo shops calling the API from a page): the API and the
  // token endpoint only. The control plane answers no preflight, so no other site's script reaches it.
  for (const url of ['/api/v2/*', '/oauth/token']) {
    app.options(url, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .headers({
          'access-control-allow-origin': '*',
          'access-control-allow-methods': url === '/oauth/token' ? 'POST, OPTIONS' : 'POST, GET, PUT, DELETE, PATCH, OPTIONS',
          'access-control-allow-headers': 'Content-Type, Accept, Authorization, X-Requested-With',
        })
        .code(204)
        .send(),
    );
  }
  await app.register(oauthRoutes);
  await app.register(
    async (api) => {
      await api.register(authPlugin, { store, headers: API_HEADERS });
      await api.register(smartTransactionsRoutes);
      await api.register(paymentCustomersRoutes);
      await api.register(paymentContainersRoutes);
      await api.register(paymentPlansRoutes);
      await api.register(paymentSubscriptionsRoutes);
      await api.register(paymentTransactionsRoutes);
      await api.register(generalMerchantsRoutes);
    },
    { prefix: '/api/v2' },
  );
  await app.register(controlRoutes, { prefix: '/__mock' });
  await app.ready();
  return app;
}
