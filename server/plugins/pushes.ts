// Delivers the tenants' outboxes (store/outbox.ts) off the request path: a commit that recorded
// pushes only schedules a round; rounds run on timers of the tenant's clock (`auto`) or when asked
// (`manual`: POST /__mock/pushes/deliver, the test kit). Only a 200 delivers a push; a failure is
// retried on RETRY_DELAYS_S until the push is a day old on the tenant's clock, then it is expired.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DueQueue, dueItems, runDueItem } from '../domain/schedule.js';
import type { DomainEvent } from '../schemas/clock.js';
import type { PushEvent, PushView } from '../schemas/pushes.js';
import { formatTimestamp } from '../store/clock.js';
import { PUSH_LIFETIME_MS, type Push } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';
import { httpTransport, PUSH_HEADERS, errorText, type Transport } from './push-transport.js';

/** Wait after the 1st, 2nd, … failed attempt; the last repeats until the push expires. */
export const RETRY_DELAYS_S = [10, 30, 60, 300, 900, 1800, 3600, 7200] as const;

export type PushMode = 'auto' | 'manual';

/** Attempts a push keeps, at most (a day of the schedule makes 19). */
const MAX_ATTEMPTS_KEPT = 40;

/** A replica that lost the claim on an attempt looks again this much later (the winner's result replaces it first). */
const CLAIMED_ELSEWHERE_MS = 60_000;

/** With replicas: whether this process may make the `attempt`-th attempt of a push (exactly one may). */
export type PushClaim = (tenant: Tenant, pushId: string, attempt: number) => Promise<boolean>;

/** Longest a Node timer may wait. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const expiresAt = (push: Push) => push.createdAt + PUSH_LIFETIME_MS;

export function pushView(tenant: Tenant, push: Push): PushView {
  return {
    id: push.body.id,
    client_id: tenant.clientId,
    url: push.url,
    status: push.status,
    object_id: push.body.data[0].id,
    created: push.body.created,
    expires: formatTimestamp(expiresAt(push)),
    ...(push.status === 'pending' ? { next_attempt: formatTimestamp(Math.min(push.dueAt, expiresAt(push))) } : {}),
    body: push.body,
    attempts: push.attempts,
  };
}

export class PushDelivery {
  private readonly timers = new Map<Tenant, NodeJS.Timeout>();
  private readonly aborts = new AbortController();
  private closed = false;
  /** Set with replicas: attempts are made only after winning their claim. */
  claim: PushClaim | null = null;

  constructor(
    private readonly store: Store,
    readonly mode: PushMode,
  ) {
    // What seeding the scenario recorded describes its past: not sent.
    for (const tenant of store.allTenants()) tenant.outbox.clear();
    // A commit that recorded pushes only sets a timer: the request is answered before any is sent.
    if (mode === 'auto') store.onPushes = (tenant) => this.schedule(tenant);
  }

  /**
   * Runs what is due on `tenant`'s clock now: expires pushes a day old and (unless manual and not
   * forced) attempts the due ones, oldest due first, one after the other. `all`: every pending push.
   */
  async runDue(tenant: Tenant, options: { all?: boolean; attempt?: boolean; transport?: Transport } = {}): Promise<PushEvent[]> {
    const { all = false, attempt = this.mode === 'auto', transport = httpTransport } = options;
    const events: PushEvent[] = [];
    const now = tenant.clock.now();
    const due = tenant.outbox
      .all()
      .filter((p) => p.status === 'pending' && !p.inFlight && (all || Math.min(p.dueAt, expiresAt(p)) <= now))
      .sort((a, b) => a.dueAt - b.dueAt);
    for (const push of due) {
      if (this.closed) break;
      // Another round (a timer, a deliver call) may have taken it meanwhile.
      if (push.status !== 'pending' || push.inFlight) continue;
      if (tenant.clock.now() >= expiresAt(push)) {
        push.status = 'expired';
        tenant.outbox.updated(push);
        events.push(this.event(tenant, push, 'push.expired', expiresAt(push)));
      } else if (attempt) {
        const event = await this.attempt(tenant, push, transport);
        if (event) events.push(event);
      }
    }
    return events;
  }

  /**
   * Moves `tenant`'s clock forward by `ms`, stopping at each thing due on the way, in time order:
   * the domain's (renewals, payments that arrive or come back: domain/schedule.ts) and then the
   * pushes' retries and expiry, so a push a renewal records is attempted at the renewal's time.
   */
  async advance(tenant: Tenant, ms: number): Promise<(PushEvent | DomainEvent)[]> {
    const target = tenant.clock.now() + ms;
    const events: (PushEvent | DomainEvent)[] = [];
    const due = new DueQueue(dueItems(tenant));
    const ctx = { tenant, baseUrl: '' };
    for (;;) {
      const pushAt = this.nextDue(tenant, this.mode === 'auto');
      const domainAt = due.nextAt;
      const next = pushAt === undefined ? domainAt : domainAt === undefined ? pushAt : Math.min(pushAt, domainAt);
      if (next === undefined || next > target || this.closed) break;
      tenant.clock.advance(Math.max(0, next - tenant.clock.now()));
      for (let item = due.takeDue(tenant.clock.now()); item; item = due.takeDue(tenant.clock.now())) {
        const done = runDueItem(ctx, item);
        events.push(...done.events);
        for (const later of done.next) due.add(later);
      }
      events.push(...(await this.runDue(tenant)));
    }
    tenant.clock.advance(Math.max(0, target - tenant.clock.now()));
    events.push(...(await this.runDue(tenant)));
    this.schedule(tenant);
    return events;
  }

  close(): void {
    this.closed = true;
    this.aborts.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The earliest tenant-clock time something is due: an attempt (when attempting) or an expiry. */
  private nextDue(tenant: Tenant, attempting: boolean): number | undefined {
    let next: number | undefined;
    for (const push of tenant.outbox.all()) {
      if (push.status !== 'pending' || push.inFlight) continue;
      const at = attempting ? Math.min(push.dueAt, expiresAt(push)) : expiresAt(push);
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** Auto mode: a timer for the tenant's next due push (none while its clock is frozen: only the clock route moves it). */
  private schedule(tenant: Tenant): void {
    if (this.mode !== 'auto' || this.closed) return;
    clearTimeout(this.timers.get(tenant));
    this.timers.delete(tenant);
    const next = this.nextDue(tenant, true);
    if (next === undefined) return;
    const wait = next - tenant.clock.now();
    if (wait > 0 && tenant.clock.frozenAt !== null) return;
    const timer = setTimeout(() => {
      this.timers.delete(tenant);
      void this.runDue(tenant).then(() => this.schedule(tenant));
    }, Math.min(Math.max(0, wait), MAX_TIMER_MS));
    timer.unref();
    this.timers.set(tenant, timer);
  }

  private async attempt(tenant: Tenant, push: Push, transport: Transport): Promise<PushEvent | undefined> {
    push.inFlight = true;
    if (this.claim && !(await this.claim(tenant, push.body.id, push.attempts.length))) {
      push.inFlight = false;
      push.dueAt = Math.max(push.dueAt, tenant.clock.now() + CLAIMED_ELSEWHERE_MS);
      return undefined;
    }
    const at = tenant.clock.now();
    const started = performance.now();
    let result;
    try {
      result = await transport(push.url, push.body, PUSH_HEADERS, this.aborts.signal);
    } catch (err) {
      result = { error: errorText(err) };
    }
    push.inFlight = false;
    const attempt = { at: formatTimestamp(at), ...result, duration_ms: Math.round(performance.now() - started) };
    push.attempts.push(attempt);
    // `deliver {all:true}` in a loop must not grow a push for ever: the first attempts and the latest are kept.
    if (push.attempts.length > MAX_ATTEMPTS_KEPT) push.attempts.splice(MAX_ATTEMPTS_KEPT / 2, 1);
    if (result.status === 200) {
      push.status = 'delivered';
    } else {
      const failed = push.attempts.length;
      const delay = RETRY_DELAYS_S[Math.min(failed, RETRY_DELAYS_S.length) - 1] * 1000;
      push.dueAt = at + delay;
    }
    tenant.outbox.updated(push);
    return { ...this.event(tenant, push, push.status === 'delivered' ? 'push.delivered' : 'push.attempted', at), attempt };
  }

  private event(tenant: Tenant, push: Push, event: PushEvent['event'], at: number): PushEvent {
    return { event, at: formatTimestamp(at), client_id: tenant.clientId, push: push.body.id, object_id: push.body.data[0].id, status: push.status };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The delivery of every tenant's pushes. */
    pushes: PushDelivery;
  }
}

export default fp(
  async (app: FastifyInstance, options: { store: Store; mode: PushMode }) => {
    const delivery = new PushDelivery(options.store, options.mode);
    app.decorate('pushes', delivery);
    app.addHook('onClose', async () => delivery.close());
  },
  { name: 'pushes' },
);
