// Every knob of the mock in one place: the schema (defaults included), its type, and the mapping
// from environment variables. The CLI adds flags on top; buildApp takes the resolved object.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { validator } from './schemas/compile.js';
import { describeValidationErrors } from './schemas/validation-errors.js';

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    port: { type: 'integer', minimum: 0, maximum: 65535, default: 8080 },
    host: { type: 'string', default: '127.0.0.1' },
    fixtures: { type: 'string', description: 'scenario file to seed from' },
    dataDir: { type: 'string', minLength: 1, description: 'directory that keeps the state across restarts (journal and snapshot); default: memory only' },
    redisUrl: {
      type: 'string',
      pattern: '^rediss?://',
      maxLength: 2000,
      description: 'Redis that replicas share: every process started with it serves one world (redis://host:port/db); not with a data dir',
    },
    compactAfterBytes: {
      type: 'integer',
      minimum: 1024,
      default: 67108864,
      description: 'with a data dir: once the journal holds this many bytes (64 MiB) the state is written as a new snapshot and the journal starts empty',
    },
    logLevel: {
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'warn',
      description: 'warn by default: per-request logging costs about a third of the throughput',
    },
    tokenTtl: { type: 'integer', minimum: 1, default: 1200, description: 'expires_in of access tokens, seconds' },
    bodyLimit: { type: 'integer', minimum: 1, default: 1048576 },
    maxClients: {
      type: 'integer',
      minimum: 1,
      maximum: 100000,
      default: 1000,
      description: 'tenants the mock holds at most: the scenario\'s plus those provider states make',
    },
    maxTenantObjects: {
      type: 'integer',
      minimum: 1,
      default: 1000000,
      description: 'objects one tenant holds at most (Smart Transactions, payment transactions, customers, containers, plans, subscriptions together)',
    },
    maxTenantBytes: {
      type: 'integer',
      minimum: 1024,
      default: 536870912,
      description: 'estimated bytes one tenant holds at most (512 MiB)',
    },
    maxStoredBytes: {
      type: 'integer',
      minimum: 1024,
      description: 'estimated bytes all tenants hold at most together; default: 40 % of the V8 heap limit',
    },
    adminToken: {
      type: 'string',
      minLength: 16,
      maxLength: 256,
      pattern: '^[!-~]+$',
      description: 'bearer token the control plane (/__mock) asks for when the server listens off loopback; generated when not given',
    },
    publicUrl: {
      type: 'string',
      pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$',
      description: 'base of iframe_url/payment_links, an absolute http(s) URL; default: from the request host',
    },
    // Slow clients and shutdown: read by the CLI's server (server/cli.ts), not by buildApp.
    headersTimeout: {
      type: 'integer',
      minimum: 1,
      default: 10000,
      description: 'ms a client has to send a request\'s headers (a connection that sends none is closed too); at most requestTimeout',
    },
    requestTimeout: { type: 'integer', minimum: 1, default: 30000, description: 'ms a client has to send a whole request; 408, then closed' },
    keepAliveTimeout: { type: 'integer', minimum: 1, default: 5000, description: 'ms an idle keep-alive connection stays open' },
    maxConnections: {
      type: 'integer',
      minimum: 1,
      default: 10000,
      description: 'open connections at most; more are refused (closed at once) rather than running out of file descriptors',
    },
    shutdownTimeout: {
      type: 'integer',
      minimum: 0,
      default: 5000,
      description: 'ms SIGTERM/SIGINT wait for requests in flight before closing the remaining connections',
    },
    pushes: {
      enum: ['auto', 'manual'],
      default: 'auto',
      description: 'auto: pushes go to url_push as they happen, retried on the tenant clock; manual: only POST /__mock/pushes/deliver sends them',
    },
    journalSize: {
      type: 'integer',
      minimum: 0,
      maximum: 100000,
      default: 1000,
      description: 'requests the journal (GET /__mock/requests, the console) keeps per client, the newest; 0: no journal and no status history',
    },
    journalBodyBytes: {
      type: 'integer',
      minimum: 0,
      maximum: 1048576,
      default: 4096,
      description: 'characters of a request or response body the journal keeps (4 KiB); the rest is cut',
    },
    journalMaxBytes: {
      type: 'integer',
      minimum: 65536,
      default: 67108864,
      description: 'estimated bytes the journal holds over all clients together (64 MiB); past it a client that records drops its own oldest entries first',
    },
    checkResponses: {
      type: 'boolean',
      default: false,
      description: 'validate every response body against its published schema (tests)',
    },
  },
} as const satisfies JSONSchema;

/** What a caller may pass: every option optional. */
export type MockOptions = FromSchema<typeof optionsSchema, { keepDefaultedPropertiesOptional: true }>;
/** After defaults: the defaulted options are always present. */
export type ResolvedOptions = FromSchema<typeof optionsSchema>;

const ENV: Record<string, keyof MockOptions> = {
  PORT: 'port',
  HOST: 'host',
  SECUCONNECT_MOCK_FIXTURES: 'fixtures',
  SECUCONNECT_MOCK_DATA_DIR: 'dataDir',
  SECUCONNECT_MOCK_COMPACT_AFTER_BYTES: 'compactAfterBytes',
  SECUCONNECT_MOCK_REDIS_URL: 'redisUrl',
  LOG_LEVEL: 'logLevel',
  SECUCONNECT_MOCK_TOKEN_TTL: 'tokenTtl',
  SECUCONNECT_MOCK_PUBLIC_URL: 'publicUrl',
  SECUCONNECT_MOCK_ADMIN_TOKEN: 'adminToken',
  SECUCONNECT_MOCK_MAX_CLIENTS: 'maxClients',
  SECUCONNECT_MOCK_MAX_TENANT_OBJECTS: 'maxTenantObjects',
  SECUCONNECT_MOCK_MAX_TENANT_BYTES: 'maxTenantBytes',
  SECUCONNECT_MOCK_MAX_STORED_BYTES: 'maxStoredBytes',
  SECUCONNECT_MOCK_HEADERS_TIMEOUT: 'headersTimeout',
  SECUCONNECT_MOCK_REQUEST_TIMEOUT: 'requestTimeout',
  SECUCONNECT_MOCK_KEEP_ALIVE_TIMEOUT: 'keepAliveTimeout',
  SECUCONNECT_MOCK_MAX_CONNECTIONS: 'maxConnections',
  SECUCONNECT_MOCK_SHUTDOWN_TIMEOUT: 'shutdownTimeout',
  SECUCONNECT_MOCK_PUSHES: 'pushes',
  SECUCONNECT_MOCK_JOURNAL_SIZE: 'journalSize',
  SECUCONNECT_MOCK_JOURNAL_BODY_BYTES: 'journalBodyBytes',
  SECUCONNECT_MOCK_JOURNAL_MAX_BYTES: 'journalMaxBytes',
};

export function optionsFromEnv(env: NodeJS.ProcessEnv): MockOptions {
  const out: Record<string, string> = {};
  for (const [name, key] of Object.entries(ENV)) if (env[name] !== undefined && env[name] !== '') out[key] = env[name]!;
  return out as MockOptions;
}

/** Applies defaults and coerces strings from env/flags; throws naming each bad option. */
export function resolveOptions(input: MockOptions = {}): ResolvedOptions {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) copy[k] = v;
  // Asked for per call (it is cached per schema) so that a build's collectSchemas sees it.
  const validate = validator('options', optionsSchema);
  if (!validate(copy)) {
    const why = describeValidationErrors(validate.errors!, { path: 'dots', root: 'options' }).join('; ');
    throw new Error(`Invalid options: ${why}`);
  }
  return copy as ResolvedOptions;
}
