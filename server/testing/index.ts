// The test kit: routes requests to secuconnect's host into an in-process mock through nock and
// `app.inject`, for fetch, node:http(s) and everything built on them (axios, got, SDKs). No port is
// opened. The handle speaks msw's words: requests start being intercepted when the promise
// resolves; `use` swaps the scenario, `reset` goes back, `close` removes the interception.
import type { ClientRequest } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { buildApp, type BuildOptions } from '../app.js';
import type { Scenario } from '../domain/scenario.js';
import { loadScenarioFile } from '../scenario-file.js';

export const DEFAULT_HOST = 'https://connect-testing.secuconnect.com';
/** The testing host's older name, still hard-coded by real clients (pretix-secuconnect): mocked by default too. */
export const LEGACY_HOST = 'https://connect-testing.secupay-ag.de';

type HostMatcher = string | RegExp;

export interface InterceptOptions extends Omit<BuildOptions, 'scenario' | 'host' | 'port'> {
  /**
   * Host(s) to mock: `connect-testing.secuconnect.com` (https assumed) or an origin `http://host:port`.
   * Default: both names of the testing host, `connect-testing.secuconnect.com` and `connect-testing.secupay-ag.de`.
   */
  host?: string | string[];
  /** A scenario object or the path of a scenario file; default: the package's `fixtures/default.json`. */
  scenario?: Scenario | string;
  /**
   * Requests to other hosts fail with an error naming method and URL. `true` lets every one through;
   * hosts (`'localhost'`, `'127.0.0.1:3000'`) or patterns (tested against `hostname` and `hostname:port`)
   * let those through.
   */
  allowUnhandled?: boolean | HostMatcher | HostMatcher[];
}

export interface Client {
  client_id: string;
  client_secret: string;
}

export interface SecuconnectInterceptor {
  /** The app answering right now (the one `use` made, or the initial one). */
  readonly app: FastifyInstance;
  /** The mocked origins, e.g. `['https://connect-testing.secuconnect.com']`. */
  readonly hosts: string[];
  /** Back to the initial scenario (undoing `use`), in milliseconds; its tokens stay valid. */
  reset(): void;
  /** Answers from an app seeded with another scenario (object or file path) until `reset`. */
  use(scenario: Scenario | string): Promise<void>;
  /** A bearer token for demo-client, or the given credentials. */
  token(client?: Client): Promise<string>;
  /** Removes the interception and closes the apps. */
  close(): Promise<void>;
}

export class UnhandledRequestError extends Error {
  override name = 'UnhandledRequestError';
  readonly code = 'ERR_SECUCONNECT_MOCK_UNHANDLED';
  constructor(
    readonly method: string,
    readonly url: string,
    mocked: string[],
  ) {
    super(`secuconnect-mock: unhandled request ${method} ${url} (mocked: ${mocked.join(', ')}; let it through with allowUnhandled)`);
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function toOrigin(host: string): string {
  return new URL(/^https?:\/\//i.test(host) ? host : `https://${host}`).origin;
}

/** `hostWithPort` is nock's normalized `hostname:port`. */
function allowedBy(allow: InterceptOptions['allowUnhandled']): (hostWithPort: string) => boolean {
  if (allow === true) return () => true;
  if (!allow) return () => false;
  const matchers = Array.isArray(allow) ? allow : [allow];
  return (hostWithPort) => {
    const hostname = hostWithPort.replace(/:\d+$/, '');
    return matchers.some((m) => (typeof m === 'string' ? m === hostname || m === hostWithPort : m.test(hostname) || m.test(hostWithPort)));
  };
}

const plain = (headers: Record<string, string | string[] | number | undefined>) => {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = typeof value === 'number' ? String(value) : value;
  return out;
};

async function seeded(scenario: Scenario | string | undefined, options: BuildOptions): Promise<FastifyInstance> {
  const resolved = typeof scenario === 'string' ? await loadScenarioFile(scenario) : scenario;
  return buildApp({ logLevel: 'silent', ...options, scenario: resolved });
}

export async function interceptSecuconnect(options: InterceptOptions = {}): Promise<SecuconnectInterceptor> {
  const { host = [DEFAULT_HOST, LEGACY_HOST], scenario, allowUnhandled, ...buildOptions } = options;
  const hosts = [...new Set((Array.isArray(host) ? host : [host]).map(toOrigin))];
  const initial = await seeded(scenario, buildOptions);
  let current = initial;
  const closing: Promise<unknown>[] = [];

  // nock parses JSON bodies before calling a reply function and fails the request on bad JSON;
  // the mock must see the raw bytes (and answer bad JSON with its own 400), so keep them here and
  // hide the content type from that parser. The real headers stay in `req.getHeaders()`.
  const bodies = new WeakMap<object, Buffer>();
  const onRequest = (req: ClientRequest & { headers: Record<string, unknown>; requestBodyBuffers?: Buffer[] }, _i: unknown, body: string) => {
    bodies.set(req, req.requestBodyBuffers ? Buffer.concat(req.requestBodyBuffers) : Buffer.from(body));
    req.headers = {};
  };

  const interceptors = hosts.flatMap((origin) => {
    const scope = nock(origin).persist();
    scope.on('request', onRequest);
    return METHODS.map((method) => {
      const interceptor = scope.intercept(() => true, method);
      interceptor.reply(async function (path) {
        const headers = plain(this.req.getHeaders());
        headers.host ??= new URL(origin).host;
        const body = bodies.get(this.req);
        const res = await current.inject({ method: method as 'GET', url: path, headers, payload: body?.length ? body : undefined });
        return [res.statusCode, res.rawPayload, plain(res.headers)];
      });
      return interceptor;
    });
  });

  // nock's own refusal names neither method nor scheme. It emits 'no match' with the request's
  // options just before refusing a host nothing intercepts; throwing there makes our error the one
  // the client sees. Other 'no match' events carry a request object: ignored.
  const allowed = allowedBy(allowUnhandled);
  const onNoMatch = (req: { on?: unknown; method?: string; proto?: string; hostname?: string; port?: number; path?: string }) => {
    if (typeof req.on === 'function' || !req.proto || allowed(`${req.hostname}:${req.port}`)) return;
    const port = (req.proto === 'https' && req.port === 443) || (req.proto === 'http' && req.port === 80) ? '' : `:${req.port}`;
    throw new UnhandledRequestError(req.method ?? 'GET', `${req.proto}://${req.hostname}${port}${req.path ?? '/'}`, hosts);
  };
  nock.emitter.on('no match', onNoMatch);
  nock.disableNetConnect();
  if (allowUnhandled) nock.enableNetConnect((hostWithPort: string) => allowed(hostWithPort));
  // nock activates itself on import; someone may have restored it since.
  const activatedHere = !nock.isActive();
  if (activatedHere) nock.activate();
  // nock patches `https.request` & co. on the CommonJS objects; without this, ESM named imports
  // (`import { request } from 'node:https'`) would keep the unpatched functions and reach the network.
  syncBuiltinESMExports();

  const dropUsed = () => {
    if (current !== initial) closing.push(current.close());
    current = initial;
  };

  return {
    get app() {
      return current;
    },
    hosts,
    reset() {
      dropUsed();
      initial.store.reset();
    },
    async use(next) {
      const app = await seeded(next, buildOptions);
      dropUsed();
      current = app;
    },
    async token(client = { client_id: 'demo-client', client_secret: 'demo-secret' }) {
      const res = await current.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', ...client } });
      if (res.statusCode !== 200) throw new Error(`secuconnect-mock: token request for ${client.client_id} failed: ${res.statusCode} ${res.body}`);
      return res.json().access_token as string;
    },
    async close() {
      // Only our interceptors go: the test's own nock scopes for other hosts keep working.
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      // removeInterceptor leaves the host's empty entry, which still catches its requests ("No match").
      if (nock.activeMocks().length === 0) nock.cleanAll();
      nock.emitter.off('no match', onNoMatch);
      nock.enableNetConnect(); // nock's default; it has no getter to restore an earlier setting
      if (activatedHere) {
        nock.restore();
        syncBuiltinESMExports();
      }
      dropUsed();
      await Promise.all([...closing, initial.close()]);
    },
  };
}
