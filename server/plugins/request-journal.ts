// The request journal: each answered request in a ring per tenant (a small shared ring for requests
// of no tenant: failed token requests, unknown tokens), so that an operator can see what happened
// after days of a demo. Bounded three ways: entries per ring, characters per body, and estimated
// bytes over all rings (past that, the ring that records drops its own oldest first). Recording is
// one onSend hook that keeps references: a body within the cut is the very string Fastify
// serialized or received; only a longer one is copied, cut. Reads of the control plane itself
// (GET /__mock/…) are not recorded: the console polls it.
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { formatTimestamp } from '../store/clock.js';
import { JournalRing, type JournalRecord } from './journal-ring.js';
import { StatusHistory } from '../store/status-history.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';
import type { JournalEntryView, JournalQuery } from '../schemas/request-journal.js';

declare module 'fastify' {
  interface FastifyInstance {
    requestJournal: RequestJournal;
    statusHistory: StatusHistory;
  }
}

/** What an entry costs besides its bodies (its fields, the ring slot), estimated. */
const ENTRY_OVERHEAD = 240;
/** Past the byte budget a ring is cut down to no fewer entries than this. */
const FLOOR = 16;
/** Requests of no tenant keep this share of a tenant's ring. */
const SHARED_SHARE = 0.25;

export interface JournalLimits {
  size: number;
  bodyBytes: number;
  maxBytes: number;
}

/** A copy of at most `max` characters that does not keep a longer string alive. */
const cut = (text: string, max: number): string => (text.length <= max ? text : Buffer.from(text.slice(0, max)).toString());

/** The control plane's secrets in a query (the admin token, the console forms' secret) are not kept. */
const SECRET_PARAM = /([?&])(admin_token|console)=[^&]*/g;
const urlOf = (request: FastifyRequest) => (request.url.startsWith('/__mock') ? request.url.replace(SECRET_PARAM, '$1$2=…') : request.url);

const serialized = (body: unknown): string | null => {
  if (body === undefined || body === null) return null;
  return typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString() : JSON.stringify(body);
};

export class RequestJournal {
  private readonly rings = new Map<Tenant, JournalRing>();
  private readonly shared: JournalRing;
  private seq = 0;
  private bytes = 0;

  constructor(readonly limits: JournalLimits) {
    this.shared = new JournalRing(Math.min(limits.size, Math.max(FLOOR, Math.ceil(limits.size * SHARED_SHARE))), null);
  }

  get enabled(): boolean {
    return this.limits.size > 0;
  }

  record(request: FastifyRequest, reply: FastifyReply, payload: unknown, tenant: Tenant | undefined): void {
    const max = this.limits.bodyBytes;
    // A JSON body as it arrived; another (a form) as parsed, serialized and cut now.
    const raw = request.rawBody;
    const whole = raw ?? (request.body === undefined || request.body === null ? null : serialized(request.body));
    const requestBody = whole === null ? null : cut(whole, max);
    let response: string | null = null;
    let responseBytes = 0;
    if (typeof payload === 'string') {
      responseBytes = payload.length;
      response = cut(payload, max);
    } else if (Buffer.isBuffer(payload)) {
      responseBytes = payload.length;
      response = payload.toString('utf8', 0, max);
    } else if (payload !== null && payload !== undefined) {
      response = '(stream)';
    }
    const url = urlOf(request);
    const cost = ENTRY_OVERHEAD + url.length + (requestBody === null ? 0 : requestBody.length) + (response === null ? 0 : response.length);
    const ring = tenant ? this.ringOf(tenant) : this.shared;
    this.bytes += cost;
    this.bytes -= ring.write(
      ++this.seq, request.id, request.method, url, reply.statusCode, Date.now(), tenant ? tenant.clock.now() : NaN, reply.elapsedTime,
      requestBody, whole === null ? 0 : whole.length, response, responseBytes, cost, request.method === 'GET' && reply.statusCode < 400,
    );
    while (this.bytes > this.limits.maxBytes && ring.size > FLOOR) this.bytes -= ring.dropOldest();
  }

  private ringOf(tenant: Tenant): JournalRing {
    let ring = this.rings.get(tenant);
    if (!ring) this.rings.set(tenant, (ring = new JournalRing(this.limits.size, tenant.clientId)));
    return ring;
  }

  private ringsFor(tenant: Tenant | undefined): JournalRing[] {
    if (!tenant) return [...this.rings.values(), this.shared];
    const ring = this.rings.get(tenant);
    return ring ? [ring] : [];
  }

  /** Entries newest first; of one tenant, or of every ring (the shared one too). */
  list(query: JournalQuery, tenant: Tenant | undefined): JournalEntryView[] {
    const sinceMs = query.since === undefined ? undefined : Date.parse(query.since);
    const limit = query.limit ?? 100;
    const after = query.after ?? 0;
    const match = (e: JournalRecord) =>
      (query.method === undefined || e.method === query.method) &&
      (query.status === undefined || e.status === query.status) &&
      (query.path === undefined || e.url.includes(query.path)) &&
      (sinceMs === undefined || e.wall >= sinceMs);
    const found: JournalEntryView[] = [];
    for (const ring of this.ringsFor(tenant)) {
      let taken = 0;
      ring.newestFirst((slot, seq) => {
        if (seq <= after) return false;
        const e = ring.read(slot);
        if (match(e)) {
          found.push(view(e, ring.client));
          if (++taken >= limit) return false;
        }
      });
    }
    found.sort((a, b) => b.seq - a.seq);
    return found.slice(0, limit);
  }

  /** The entry of a request id, if still kept. */
  find(id: string, tenant: Tenant | undefined): JournalEntryView | undefined {
    let hit: JournalEntryView | undefined;
    for (const ring of this.ringsFor(tenant)) {
      ring.newestFirst((slot) => (ring.idAt(slot) === id ? ((hit = view(ring.read(slot), ring.client)), false) : true));
      if (hit) return hit;
    }
    return undefined;
  }

  /** Forgets the entries of one tenant, or all; answers how many. */
  clear(tenant?: Tenant): number {
    let deleted = 0;
    for (const ring of this.ringsFor(tenant)) {
      deleted += ring.size;
      this.bytes -= ring.clear();
    }
    return deleted;
  }
}

const view = (e: JournalRecord, client: string | null): JournalEntryView => ({
  id: e.id,
  seq: e.seq,
  client_id: client,
  method: e.method,
  path: e.url,
  status: e.status,
  time: new Date(e.wall).toISOString(),
  clock: Number.isNaN(e.clock) ? null : formatTimestamp(e.clock),
  duration_ms: Math.round(e.duration * 1000) / 1000,
  request_body: e.request,
  request_bytes: e.requestBytes,
  response_body: e.response,
  response_bytes: e.responseBytes,
});

/**
 * Reads of the control plane (the console polls them) and the journal's own plumbing (its clearing,
 * the console's login with the admin token in its body) are left out.
 */
const recorded = (request: FastifyRequest) => {
  const url = request.url;
  if (!url.startsWith('/__mock')) return true;
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  return !(url.startsWith('/__mock/requests') || url.startsWith('/__mock/console/'));
};

/** The tenant a request acted for: its bearer token's, or (when it succeeded) the one its client_id names. */
function tenantOf(store: Store, request: FastifyRequest, status: number): Tenant | undefined {
  if (request.tenant) return request.tenant;
  if (status >= 400) return undefined;
  const named = (request.body as { client_id?: unknown } | undefined)?.client_id ?? (request.query as { client_id?: unknown } | undefined)?.client_id;
  return typeof named === 'string' ? store.tenant(named) : undefined;
}

export default fp(
  async function requestJournal(app: FastifyInstance, opts: { store: Store; limits: JournalLimits }) {
    const journal = new RequestJournal(opts.limits);
    // The status history shares the journal's switch: its causes name journal entries.
    const history = new StatusHistory(journal.enabled ? Math.max(FLOOR, opts.limits.size * 2) : 0);
    app.decorate('requestJournal', journal);
    app.decorate('statusHistory', history);
    if (!journal.enabled) return;
    history.attach(opts.store);

    // A change's cause is the request whose handler runs when it commits: marked on the routes that
    // change state (GET and HEAD never do, and stay without the extra hook).
    const markCause: preHandlerHookHandler = (request, _reply, done) => {
      history.cause = request.id;
      done();
    };
    app.addHook('onRoute', (route) => {
      if ([route.method].flat().every((m) => m === 'GET' || m === 'HEAD')) return;
      route.preHandler = [...[route.preHandler ?? []].flat(), markCause];
    });
    const onSend: onSendHookHandler<unknown> = (request, reply, payload, done) => {
      if (history.cause === request.id) history.cause = null;
      if (recorded(request)) {
        journal.record(request, reply, payload, tenantOf(opts.store, request, reply.statusCode));
      }
      done();
    };
    app.addHook('onSend', onSend);
  },
  { name: 'request-journal' },
);
