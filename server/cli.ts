#!/usr/bin/env node
// `secuconnect-mock [start] [--port N] [--host H] [--fixtures FILE] [--log-level L] [--public-url URL] [timeouts]`
// `secuconnect-mock verify <pact file, folder or URL>… [--broker-url URL] [--provider-version V] [--publish]`
// The only file that listens or touches the process.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from './app.js';
import { optionsFromEnv, type MockOptions } from './options.js';
import { packageVersion } from './paths.js';

const USAGE = `Usage: secuconnect-mock [start] [options]
       secuconnect-mock verify <pact file, folder or URL>... [verify options]

Options:
  --port <n>          port to listen on (env PORT, default 8080; 0 picks a free one)
  --host <host>       interface to bind (env HOST, default 127.0.0.1)
  --fixtures <file>   scenario file to seed from (env SECUCONNECT_MOCK_FIXTURES, default fixtures/default.json)
  --log-level <lvl>   fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL, default warn)
  --public-url <url>  base of iframe_url/payment_links, an absolute http(s) URL (env SECUCONNECT_MOCK_PUBLIC_URL;
                      default: the request's host)
  --headers-timeout <ms>    time to send a request's headers (env SECUCONNECT_MOCK_HEADERS_TIMEOUT, default 10000)
  --request-timeout <ms>    time to send a whole request, then 408 (env SECUCONNECT_MOCK_REQUEST_TIMEOUT, default 30000)
  --keep-alive-timeout <ms> idle keep-alive connections close (env SECUCONNECT_MOCK_KEEP_ALIVE_TIMEOUT, default 5000)
  --max-connections <n>     open connections at most (env SECUCONNECT_MOCK_MAX_CONNECTIONS, default 10000)
  --shutdown-timeout <ms>   SIGTERM/SIGINT: wait this long for requests in flight, then close every
                            connection (env SECUCONNECT_MOCK_SHUTDOWN_TIMEOUT, default 5000)
  --admin-token <token>     what the control plane (/__mock) asks for when --host is not a loopback
                            address (env SECUCONNECT_MOCK_ADMIN_TOKEN; generated and printed when not given)
  --data-dir <dir>          keep the state across restarts: every change is on disk before it is answered
                            (env SECUCONNECT_MOCK_DATA_DIR; default: memory only)
  --compact-after-bytes <n> with a data dir: a journal this long becomes a new snapshot; with Redis,
                            a tenant's log (env SECUCONNECT_MOCK_COMPACT_AFTER_BYTES, default 67108864)
  --redis-url <url>         replicas: every process started with the same Redis serves one world; every
                            change is in Redis before it is answered (env SECUCONNECT_MOCK_REDIS_URL)
  --max-clients <n>         tenants at most, the scenario's and those provider states make
                            (env SECUCONNECT_MOCK_MAX_CLIENTS, default 1000)
  --max-tenant-objects <n>  objects one client holds at most (env SECUCONNECT_MOCK_MAX_TENANT_OBJECTS,
                            default 1000000)
  --max-tenant-bytes <n>    estimated bytes one client holds at most (env SECUCONNECT_MOCK_MAX_TENANT_BYTES,
                            default 536870912)
  --max-stored-bytes <n>    estimated bytes all clients hold together (env SECUCONNECT_MOCK_MAX_STORED_BYTES,
                            default 40 % of the V8 heap limit)
  --pushes <mode>           auto: pushes go to url_push as they happen; manual: only POST /__mock/pushes/deliver
                            sends them (env SECUCONNECT_MOCK_PUSHES, default auto)
  --journal-size <n>        requests the journal (/__mock/requests, the console /__mock/) keeps per client;
                            0: off (env SECUCONNECT_MOCK_JOURNAL_SIZE, default 1000)
  --journal-body-bytes <n>  characters of each body the journal keeps (env SECUCONNECT_MOCK_JOURNAL_BODY_BYTES,
                            default 4096)
  --journal-max-bytes <n>   estimated bytes of the whole journal (env SECUCONNECT_MOCK_JOURNAL_MAX_BYTES,
                            default 67108864)
  -h, --help          this text
  -v, --version       the version

Environment only:
  SECUCONNECT_MOCK_TOKEN_TTL  expires_in of access tokens in seconds (default 1200)

Verify options (a fresh mock on a free port checks each pact; exit 0 only when every interaction passes):
  --broker-url <url>        also verify the pacts a Pact broker holds for the provider (env PACT_BROKER_BASE_URL;
                            credentials from PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PASSWORD)
  --provider <name>         provider name in the pacts and at the broker (default secuconnect)
  --provider-version <v>    provider version of the results
  --publish                 publish the results to the broker (needs --provider-version)
  --provider-base-url <url> verify against a mock that is already running (with --admin-token when it
                            listens off loopback)
  --fixtures <file>         scenario of the fresh mock
`;

async function verify(pacts: string[], values: Record<string, string | boolean | undefined>): Promise<number> {
  const brokerUrl = (values['broker-url'] as string | undefined) ?? process.env.PACT_BROKER_BASE_URL;
  const missing = pacts.filter((p) => !/^https?:\/\//.test(p) && !existsSync(p));
  if (missing.length) throw new Error(`no such pact file or folder: ${missing.join(', ')}`);
  if (!pacts.length && !brokerUrl) throw new Error('verify needs pact files or folders, or --broker-url');
  // Loaded only here: `start` should not pay for the Pact core.
  const { verifyPacts } = await import('../contracts/verify.js');
  const result = await verifyPacts({
    pactUrls: pacts,
    brokerUrl,
    provider: values.provider as string | undefined,
    providerVersion: values['provider-version'] as string | undefined,
    publish: values.publish === true,
    providerBaseUrl: values['provider-base-url'] as string | undefined,
    adminToken: values['provider-base-url'] ? (values['admin-token'] as string | undefined) : undefined,
    mock: { fixtures: values.fixtures as string | undefined, logLevel: ((values['log-level'] as string | undefined) ?? 'silent') as 'silent' },
  });
  // The verifier has printed its report; what it cannot say is what the mock answered instead, and why a provider state failed.
  for (const f of result.failures) {
    for (const a of f.mockErrors) process.stdout.write(`${f.interaction}\n  the mock answered ${a.method} ${a.url}: ${a.status} ${a.error}: ${a.error_details}\n`);
  }
  for (const e of result.stateChangeErrors) process.stdout.write(`provider state "${e.state}" (${e.action}): ${e.error}\n`);
  const failed = result.interactions.filter((i) => i.result !== 'OK').length;
  process.stdout.write(`secuconnect-mock verify: ${result.interactions.length - failed} of ${result.interactions.length} interactions passed\n`);
  return result.passed && failed === 0 ? 0 : 1;
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  fixtures: { type: 'string' },
  'log-level': { type: 'string' },
  'public-url': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  'shutdown-timeout': { type: 'string' },
  'admin-token': { type: 'string' },
  'max-clients': { type: 'string' },
  'data-dir': { type: 'string' },
  'compact-after-bytes': { type: 'string' },
  'redis-url': { type: 'string' },
  'max-tenant-objects': { type: 'string' },
  'max-tenant-bytes': { type: 'string' },
  'max-stored-bytes': { type: 'string' },
  pushes: { type: 'string' },
  'journal-size': { type: 'string' },
  'journal-body-bytes': { type: 'string' },
  'journal-max-bytes': { type: 'string' },
  'broker-url': { type: 'string' },
  provider: { type: 'string' },
  'provider-version': { type: 'string' },
  'provider-base-url': { type: 'string' },
  publish: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * Node's own limits on slow clients, set on the server before it listens. Without them a client
 * trickling a request keeps its connection for ever, enough of them exhaust the file descriptors,
 * and one of them keeps a shutdown from finishing.
 */
function limitSlowClients(app: App): void {
  const o = app.mockOptions;
  const server = app.server;
  server.requestTimeout = o.requestTimeout;
  // Node refuses headersTimeout > requestTimeout when given to createServer; keep that rule.
  server.headersTimeout = Math.min(o.headersTimeout, o.requestTimeout);
  server.keepAliveTimeout = o.keepAliveTimeout;
  // A connection that sends nothing at all is no request yet, so the two timeouts above do not
  // see it: close a socket idle for as long as the headers may take (Fastify's connectionTimeout).
  server.timeout = server.headersTimeout;
  server.maxConnections = o.maxConnections;
  // Node checks the two timeouts every connectionsCheckingInterval (30 s by default), so a 10 s
  // limit could take 40 s. Read when the server starts listening.
  const checked = server as typeof server & { connectionsCheckingInterval: number };
  checked.connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(server.headersTimeout / 4)));
}

/**
 * SIGTERM/SIGINT: stop accepting, answer the requests already received (Fastify's close closes
 * idle keep-alive connections and answers later requests on busy ones with `Connection: close`),
 * then, after shutdownTimeout, close whatever connection is still open; exit 0. A second signal
 * closes every connection at once.
 *
 * Started by npm (`npm start`, `npx secuconnect-mock`), the CLI runs under `sh -c`: npm passes
 * SIGTERM to the shell, which ends without passing it on. The CLI then finds itself without its
 * parent and stops the same way. Only under npm: run directly (`nohup`, a service manager) the
 * mock stays up when whatever started it goes away.
 */
function stopOnSignals(app: App): void {
  const { shutdownTimeout } = app.mockOptions;
  let stopping = false;
  const stop = () => {
    if (stopping) {
      app.server.closeAllConnections();
      return;
    }
    stopping = true;
    // close() closes the connections idle at that moment; one that finishes its request later
    // would otherwise wait for the keep-alive timeout.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    setTimeout(() => app.server.closeAllConnections(), shutdownTimeout).unref();
    // Should closing hang on something other than a connection, the process still ends.
    setTimeout(() => process.exit(0), shutdownTimeout + 2000).unref();
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`secuconnect-mock: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
  if (process.env.npm_lifecycle_event !== undefined) {
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watch);
        stop();
      }
    }, 250);
    watch.unref();
  }
}

/** A usage mistake: one line naming it, then the usage, on stderr; exit 2. */
class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    const { code, message } = err as Error & { code?: string };
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw err;
    // parseArgs explains at length; the option it means is the quoted one.
    const option = /'([^']+)'/.exec(message)?.[1];
    const what = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'unknown option' : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 'option needs a value' : 'bad argument';
    throw new UsageError(`${what}: ${option ?? message.split('\n')[0]}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.version) {
    process.stdout.write(`${packageVersion}\n`);
    return 0;
  }
  const command = positionals[0] ?? 'start';
  if (command === 'verify' && !values.help) return verify(positionals.slice(1), values);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'start') throw new UsageError(`unknown command: ${command}`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument: ${positionals[1]}`);
  const flags: Record<string, string | undefined> = {
    port: values.port,
    host: values.host,
    fixtures: values.fixtures,
    logLevel: values['log-level'],
    publicUrl: values['public-url'],
    headersTimeout: values['headers-timeout'],
    requestTimeout: values['request-timeout'],
    keepAliveTimeout: values['keep-alive-timeout'],
    maxConnections: values['max-connections'],
    shutdownTimeout: values['shutdown-timeout'],
    adminToken: values['admin-token'],
    maxClients: values['max-clients'],
    dataDir: values['data-dir'],
    compactAfterBytes: values['compact-after-bytes'],
    redisUrl: values['redis-url'],
    maxTenantObjects: values['max-tenant-objects'],
    maxTenantBytes: values['max-tenant-bytes'],
    maxStoredBytes: values['max-stored-bytes'],
    pushes: values.pushes,
    journalSize: values['journal-size'],
    journalBodyBytes: values['journal-body-bytes'],
    journalMaxBytes: values['journal-max-bytes'],
  };
  const options = { ...optionsFromEnv(process.env) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) options[k] = v;

  const app = await buildApp(options as MockOptions);
  const { port, host } = app.mockOptions;
  limitSlowClients(app);
  await app.listen({ port, host });
  const address = app.server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${realPort}`;
  // Before the banner: whoever waits for it may signal at once.
  stopOnSignals(app);
  const clients = [...app.store.allTenants()].map((t) => `${t.clientId} / ${t.clientSecret}`).join(', ');
  process.stdout.write(
    `secuconnect-mock listening on ${url}\n` +
      `  API        ${url}/api/v2   (token: POST ${url}/oauth/token)\n` +
      `  OpenAPI    ${url}/openapi.json\n` +
      `  Health     ${url}/__mock/health\n` +
      `  Scenario   ${app.scenario.name ?? 'unnamed'} — clients: ${clients}\n` +
      `  State      ${stateText(app.mockOptions)}\n`,
  );
  const { controlToken } = app;
  if (controlToken) {
    process.stdout.write(
      `  WARNING    ${host} is not a loopback address: the control plane (/__mock) is reachable from the network.\n` +
        `             Its calls need the admin token (header "Authorization: Bearer <token>" or ?admin_token=<token>):\n` +
        `  Admin      ${controlToken}\n`,
    );
  }
  return -1;
}

/** Where the state lives, for the banner; a Redis URL is shown without its password. */
function stateText(options: { dataDir?: string; redisUrl?: string }): string {
  if (options.dataDir) return `data dir ${options.dataDir}`;
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    if (url.password) url.password = '***';
    return `replica on ${url.toString()}`;
  }
  return 'in memory (lost when the process stops)';
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: Error) => {
    process.stderr.write(`secuconnect-mock: ${err.message}\n`);
    if (err instanceof UsageError) process.stderr.write(`\n${USAGE}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
