// The test kit: routes requests to secuconnect's host into an in-process mock through nock and
// `app.inject`, for fetch, node:http(s) and everything built on them (axios, got, SDKs). No port is
// opened. The handle speaks msw's words: requests start being intercepted when the promise
// resolves; `use` swaps the scenario, `reset` goes back, `close` removes the interception.
import type { ClientRequest, RequestListener } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import type { FastifyInstance } from 'fastify';
import inject from 'light-my-request';
import nock from 'nock';
import { buildApp, type BuildOptions } from '../app.js';
import type { Scenario } from '../domain/scenario.js';
import { errorText, type Transport } from '../plugins/push-transport.js';
import { pushView } from '../plugins/pushes.js';
import { loadScenarioFile } from '../scenario-file.js';
import type { PushBody, PushEvent, PushStatus, PushView } from '../schemas/pushes.js';

export type { PushBody, PushEvent, PushView } from '../schemas/pushes.js';

export const DEFAULT_HOST = 'https://connect-testing.secuconnect.com';

type HostMatcher = string | RegExp;

export interface InterceptOptions extends Omit<BuildOptions, 'scenario' | 'host' | 'port'> {
  /** Host(s) to mock: `connect-testing.secuconnect.com` (https assumed) or an origin `http://host:port`. */
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

/** A push as the shop's endpoint receives it. */
export interface PushRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: PushBody;
}

/**
 * Who receives the pushes in-process: a function of the push answering an HTTP status (nothing is
 * 200, a throw is a failed attempt), a Fastify app (anything with `inject`), or a Node request
 * listener such as an Express app.
 */
type PushAnswer = number | void | { status: number };
export type PushFunction = (push: PushRequest) => PushAnswer | Promise<PushAnswer>;

export type PushHandler =
  | PushFunction
  | { inject(options: { method: 'POST'; url: string; headers: Record<string, string>; payload: string }): PromiseLike<{ statusCode: number }> }
  | RequestListener;

export interface PushFilter {
  client_id?: string;
  status?: PushStatus;
  object_id?: string;
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
  /** The pushes the mock holds (pending, delivered, expired), each with its attempts, oldest first. */
  pushes(filter?: PushFilter): PushView[];
  /**
   * Hands the due pending pushes (all pending ones with `all`) to `handler` in-process instead of
   * over HTTP, one after the other, and answers what each attempt did. The kit's mock sends no
   * push by itself (`pushes: 'manual'` unless asked otherwise).
   */
  deliverPushes(handler: PushHandler, options?: { all?: boolean; client_id?: string }): Promise<PushEvent[]>;
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
  return buildApp({ logLevel: 'silent', pushes: 'manual', ...options, scenario: resolved });
}

const statusOf = (answer: PushAnswer) => (answer === undefined ? 200 : typeof answer === 'number' ? answer : answer.status);

/** The in-process transport of a push handler: the request goes to url_push's path (and host) without a socket. */
function handlerTransport(handler: PushHandler): Transport {
  return async (url, body, headers) => {
    const target = new URL(url);
    const request = { method: 'POST' as const, url: target.pathname + target.search, headers: { ...headers, host: target.host }, payload: JSON.stringify(body) };
    try {
      if (typeof handler === 'object' && typeof handler.inject === 'function') return { status: (await handler.inject(request)).statusCode };
      // A listener takes (req, res): Express apps, http.createServer callbacks.
      if (typeof handler === 'function' && (handler.length >= 2 || 'handle' in handler)) {
        return { status: (await inject(handler as RequestListener, request)).statusCode };
      }
      return { status: statusOf(await (handler as PushFunction)({ url, headers, body })) };
    } catch (err) {
      return { error: errorText(err) };
    }
  };
}

export async function interceptSecuconnect(options: InterceptOptions = {}): Promise<SecuconnectInterceptor> {
  const { host = DEFAULT_HOST, scenario, allowUnhandled, ...buildOptions } = options;
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
    pushes(filter = {}) {
      return [...current.store.allTenants()]
        .filter((t) => filter.client_id === undefined || t.clientId === filter.client_id)
        .flatMap((tenant) =>
          tenant.outbox
            .all()
            .filter((p) => (filter.status === undefined || p.status === filter.status) && (filter.object_id === undefined || p.body.data[0].id === filter.object_id))
            .map((p) => pushView(tenant, p)),
        );
    },
    async deliverPushes(handler, options = {}) {
      const transport = handlerTransport(handler);
      const events: PushEvent[] = [];
      for (const tenant of current.store.allTenants()) {
        if (options.client_id !== undefined && tenant.clientId !== options.client_id) continue;
        events.push(...(await current.pushes.runDue(tenant, { all: options.all, attempt: true, transport })));
      }
      return events;
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
