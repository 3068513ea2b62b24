// Fault injection (docs/faults.md): requests to the API and the token endpoint that a rule of
// POST /__mock/faults or a `Prefer: code=…, delay=…` header names fail, wait or lose their
// connection instead of being executed. One callback onRequest hook (the API's routes run a chain
// of those anyway), before authentication and body parsing; with no rule and no Prefer header it
// is a property test and a return. Token requests are judged once their body (client_id) is
// parsed, by a preHandler on that one route.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Store } from '../store/store.js';
import fp from 'fastify-plugin';
import { fail, MockError } from '../domain/errors.js';
import { wildcardMatch } from '../domain/list-query.js';
import { FAULT_LIMITS, type FaultEffect, type FaultRuleDTO, type FaultRuleView, type Latency } from '../schemas/faults.js';
import { errorEnvelope } from './error-handler.js';

type Random = () => number;

/** mulberry32: a small, fast PRNG; the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Milliseconds a latency asks for, drawn with `random`, within the bound. */
export function sampleDelay(latency: Latency, random: Random): number {
  let ms: number;
  if (latency.distribution === 'fixed') ms = latency.ms!;
  else if (latency.distribution === 'uniform') {
    const [lo, hi] = [Math.min(latency.min_ms!, latency.max_ms!), Math.max(latency.min_ms!, latency.max_ms!)];
    ms = lo + random() * (hi - lo);
  } else {
    // Box-Muller: a standard normal from two uniforms (1 - u keeps log away from 0).
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    ms = latency.median_ms! * Math.exp(latency.sigma! * z);
  }
  return Math.min(FAULT_LIMITS.delayMs, Math.max(0, Math.round(ms)));
}

interface Rule {
  view: FaultRuleView;
  /** The path pattern in lower case: paths are matched case-insensitively. */
  pattern: string | undefined;
  random: Random;
}

const TOKEN_PATHS = new Set(['/oauth/token', '/oauth/token/']);
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Refuses combinations the schema cannot say: a status rule's status, Retry-After and latency where they mean nothing. */
function checkEffect(effect: FaultEffect): void {
  if (effect.type === 'status' && effect.status !== undefined && effect.status !== 429 && effect.status < 500) {
    fail('format', { reason: 'effect.status of a status fault must be 429 or 500-599' });
  }
  if (effect.retry_after !== undefined && effect.type !== 'status') fail('format', { reason: 'effect.retry_after belongs to a status fault' });
  if (effect.status !== undefined && effect.type !== 'status' && effect.type !== 'empty') {
    fail('format', { reason: `effect.status means nothing to a ${effect.type} fault` });
  }
  if (effect.latency !== undefined && effect.type === 'no_reply') fail('format', { reason: 'a no_reply fault has no latency: it waits for the request timeout' });
}

/** `code=…` and `delay=…` of a Prefer header (RFC 7240, as Prism reads it); other preferences are ignored. */
export function preferredEffect(header: string | string[]): FaultEffect | undefined {
  let code: number | undefined;
  let delay: number | undefined;
  for (const token of String(header).split(/[,;]/)) {
    const m = /^\s*(code|delay)\s*=\s*"?([^"]*)"?\s*$/i.exec(token);
    if (!m) continue;
    const value = /^\d{1,6}$/.test(m[2]) ? Number(m[2]) : NaN;
    if (m[1].toLowerCase() === 'code') {
      if (!(value === 429 || (value >= 500 && value <= 599))) fail('format', { reason: `Prefer: code=${m[2]}: only 429 and 500-599 can be asked for` });
      code = value;
    } else {
      if (!(value <= FAULT_LIMITS.delayMs)) fail('format', { reason: `Prefer: delay=${m[2]}: at most ${FAULT_LIMITS.delayMs} ms` });
      delay = value;
    }
  }
  const latency = delay === undefined ? undefined : ({ distribution: 'fixed', ms: delay } as const);
  if (code !== undefined) return { type: 'status', status: code, latency };
  return latency ? { type: 'latency', latency } : undefined;
}

/** The rules of one app, in the order they were added; the first that matches and fires wins. */
export class FaultInjector {
  /** True while some rule can still fire: the hook's whole cost when false. */
  armed = false;
  private rules: Rule[] = [];
  private next = 1;
  /** Requests held by no_reply rules or waiting out a latency: closed when the app closes. */
  private readonly held = new Set<() => void>();

  constructor(
    private readonly holdMs: number,
    private readonly store: Store,
  ) {}

  add(dto: FaultRuleDTO): FaultRuleView {
    checkEffect(dto.effect);
    if (this.rules.length >= FAULT_LIMITS.rules) fail('notAllowed', { reason: `at most ${FAULT_LIMITS.rules} fault rules: delete some first` });
    const wildcards = dto.path ? dto.path.length - dto.path.replaceAll('*', '').length : 0;
    if (wildcards > FAULT_LIMITS.patternWildcards) fail('format', { reason: `path has more than ${FAULT_LIMITS.patternWildcards} wildcards` });
    const view: FaultRuleView = {
      id: `fault_${this.next++}`,
      ...dto,
      probability: dto.probability ?? 1,
      seed: dto.seed ?? 1,
      hits: 0,
      ...(dto.times === undefined ? {} : { remaining: dto.times }),
    };
    this.rules.push({ view, pattern: dto.path?.toLowerCase(), random: seededRandom(view.seed) });
    this.armed = true;
    return view;
  }

  list(clientId?: string): FaultRuleView[] {
    return this.rules.filter((r) => clientId === undefined || r.view.client_id === clientId).map((r) => r.view);
  }

  /** Removes the rules of `clientId` (all when undefined), or the one rule `id`; answers how many went. */
  remove(which: { clientId?: string; id?: string }): number {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => (which.id !== undefined ? r.view.id !== which.id : which.clientId !== undefined && r.view.client_id !== which.clientId));
    this.rearm();
    return before - this.rules.length;
  }

  /**
   * The effect for this request, if any: a Prefer header wins, else the first rule that fires.
   * Only the API and the token endpoint fail (the control plane stays reachable to clear the
   * rules); `token` says whether this is the token route's own check.
   */
  handle(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction, token = false): void {
    const url = request.url;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (token ? !TOKEN_PATHS.has(path) : !path.startsWith('/api/v2/')) return done();
    let effect: FaultEffect | undefined;
    let random: Random = Math.random;
    let reason = 'Prefer header';
    try {
      const prefer = request.headers.prefer;
      effect = prefer === undefined ? undefined : preferredEffect(prefer);
    } catch (err) {
      return done(err as MockError);
    }
    if (!effect && this.armed) {
      const rule = this.match(request, path.toLowerCase());
      if (rule) ({ effect, random, reason } = { effect: rule.view.effect, random: rule.random, reason: `rule ${rule.view.id}` });
    }
    if (!effect) return done();
    this.apply(effect, random, reason, request, reply, done);
  }

  private match(request: FastifyRequest, path: string): Rule | undefined {
    let clientId: string | undefined | null = null;
    for (const rule of this.rules) {
      const r = rule.view;
      if (r.remaining === 0 || (r.method !== undefined && r.method !== request.method)) continue;
      if (rule.pattern !== undefined && !wildcardMatch(rule.pattern, path)) continue;
      if (r.client_id !== undefined) {
        if (clientId === null) clientId = this.clientIdOf(request);
        if (r.client_id !== clientId) continue;
      }
      if (r.probability < 1 && !(rule.random() < r.probability)) continue;
      r.hits++;
      if (r.remaining !== undefined && --r.remaining === 0) this.rearm();
      return rule;
    }
    return undefined;
  }

  /** The tenant a request speaks for: its bearer token's (not yet checked by auth), or the client_id of a token request. */
  private clientIdOf(request: FastifyRequest): string | undefined {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token) return this.store.resolveAccessToken(token)?.clientId;
    const body = request.body as { client_id?: unknown } | undefined;
    return typeof body?.client_id === 'string' ? body.client_id : undefined;
  }

  private rearm(): void {
    this.armed = this.rules.some((r) => r.view.remaining !== 0);
  }

  private apply(effect: FaultEffect, random: Random, reason: string, request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    if (effect.type === 'no_reply') return this.hold(request, reply);
    const fire = () => {
      if (effect.type === 'latency') return done();
      if (effect.type === 'status') return sendFault(reply, effect.status ?? 503, effect.retry_after, reason);
      reply.hijack();
      if (effect.type === 'drop') return dropConnection(request, reply);
      reply.raw.writeHead(effect.status ?? 200, { 'content-length': '0' });
      reply.raw.end();
    };
    const delay = effect.latency ? sampleDelay(effect.latency, random) : 0;
    if (delay === 0) return fire();
    // A closing app does not wait out a delay: the waiting connection is closed instead.
    const release = () => {
      clearTimeout(timer);
      this.held.delete(release);
      reply.hijack();
      dropConnection(request, reply);
    };
    const timer = setTimeout(() => {
      this.held.delete(release);
      fire();
    }, delay);
    this.held.add(release);
  }

  /** No answer at all: the connection stays open until the request timeout, then it is closed. */
  private hold(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const release = () => {
      clearTimeout(timer);
      this.held.delete(release);
      dropConnection(request, reply);
    };
    const timer = setTimeout(release, this.holdMs);
    this.held.add(release);
    request.raw.socket?.once?.('close', () => {
      clearTimeout(timer);
      this.held.delete(release);
    });
  }

  /** Closes the connections held or delayed by faults (the app is closing). */
  releaseAll(): void {
    for (const release of [...this.held]) release();
  }
}


function sendFault(reply: FastifyReply, status: number, retryAfter: number | undefined, reason: string) {
  const seconds = retryAfter ?? (status === 429 ? 1 : undefined);
  const error = status === 429 ? new MockError('rateLimited', { seconds: seconds!, reason }) : new MockError('injectedFault', { reason });
  reply.raw.statusMessage = error.entry.exception;
  if (seconds !== undefined) reply.header('retry-after', String(seconds));
  reply.code(status).send(errorEnvelope(error));
}

/** Closes the connection without a byte of answer; over `inject` (the nock kit) the call fails as a reset would. */
function dropConnection(request: FastifyRequest, reply: FastifyReply): void {
  if ('_lightMyRequest' in reply.raw) reply.raw.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  else request.raw.socket?.destroy();
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Fault rules of the control plane (POST /__mock/faults). */
    faults: FaultInjector;
  }
}

export default fp(
  async function faults(app: FastifyInstance, opts: { holdMs: number }) {
    const injector = new FaultInjector(opts.holdMs, app.store);
    app.decorate('faults', injector);
    // Callback style, no async: with no rule and no Prefer header a request pays one property test.
    app.addHook('onRequest', (request, reply, done) => {
      if (!injector.armed && request.headers.prefer === undefined) return done();
      injector.handle(request, reply, done);
    });
    // The token route's body names the client: judged after parsing, on that route alone.
    app.addHook('onRoute', (route) => {
      if (route.url !== '/oauth/token' || route.method !== 'POST') return;
      const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
      route.preHandler = [
        (request, reply, done) => {
          if (!injector.armed && request.headers.prefer === undefined) return done();
          injector.handle(request, reply, done, true);
        },
        ...own,
      ];
    });
    app.addHook('preClose', (done) => {
      injector.releaseAll();
      done();
    });
  },
  { name: 'faults' },
);
