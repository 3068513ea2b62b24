// `--redis-url`: several processes serve one world. Every change a replica's store records (journal
// entries) is appended to its tenant's log in Redis by compare-and-set on the log position; the
// request is answered once its entries are in. A replica that lost the race (another one appended
// first) rebuilds the tenant from Redis and runs the request again, so concurrent actions across
// replicas stay exactly-once. Every replica applies what the others append (told on a channel) and
// reads stay local. Pushes are attempted by the one replica that claims the attempt.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import { MockError } from '../domain/errors.js';
import { applyEntry, loadImage } from '../store/journal.js';
import type { JournalEntry, TenantImage } from '../store/journal-entries.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';
import type { PushDelivery } from './pushes.js';
import { ACKS_CHANNEL, CHANGES_CHANNEL, RedisLog, type LogRead } from './redis-log.js';

/** The layout this version writes into Redis; a Redis of a newer one is refused, not misread. */
export const REDIS_FORMAT = 1;
/** A request that keeps losing the race to other replicas is answered 503 after this many runs. */
const MAX_RUNS = 20;
/** How long a replica's claim on a push attempt holds (an attempt times out after 30 s). */
const CLAIM_MS = 60_000;
/** Appended entries travel on the channel with the notice up to this size; larger ones are read. */
const MAX_INLINE_BYTES = 256 * 1024;

/** What `reply.send` gives a write handler while its answer is held. */
const HELD = Object.freeze({ held: true });

/** A replica is live while its last heartbeat (one a second) is this recent. */
const LIVE_MS = 3000;
const HEARTBEAT_MS = 1000;
/** How long a write's answer waits for the live replicas to say they applied it. */
const ACK_WAIT_MS = 1000;

const UNAVAILABLE = 'Redis is unreachable: nothing was changed. Try again once it is back';

type Outcome = 'ok' | 'conflict' | 'unavailable';

interface Pending {
  text: string;
  /** The log position this entry takes if every entry before it gets in. */
  position: number;
  /** A fact that holds whatever else happened (a token issued, a push attempted): appended again after a lost race. */
  replayable: boolean;
  settle: (outcome: Outcome) => void;
  done: Promise<Outcome>;
}

/** The entries one run of a request produced, and whether they all got in. */
class Capture {
  readonly pendings: Pending[] = [];
  closed = false;

  async settle(): Promise<Outcome> {
    this.closed = true;
    let outcome: Outcome = 'ok';
    for (const p of this.pendings) {
      const o = await p.done;
      if (o === 'unavailable') return o;
      if (o === 'conflict') outcome = o;
    }
    return outcome;
  }
}

/** One tenant's log as this replica knows it. */
class TenantLog {
  /** Entries of the Redis log applied here. */
  confirmed = 0;
  /** The position the next entry recorded here takes. */
  next = 0;
  pending: Pending[] = [];
  flushing = false;
  scheduled = false;
  /** The channel said others appended while this replica was busy: read the log once idle. */
  behind = false;
  /** The state here may hold a change Redis may not have: rebuilt from Redis once it is back. */
  stale = false;
  rebuilding: Promise<void> | null = null;
  catchingUp: Promise<boolean> | null = null;
  /** Reads waiting for this replica to apply what the channel announced. */
  readonly waiters: (() => void)[] = [];

  constructor(readonly client: string) {}

  get busy(): boolean {
    return this.pending.length > 0 || this.flushing || this.rebuilding !== null;
  }

  /** Others appended what this replica has not applied yet (or may have). */
  get lagging(): boolean {
    return this.behind || this.catchingUp !== null || this.rebuilding !== null;
  }
}

interface Notice {
  r: string;
  c: string;
  f: number;
  n: number;
  e?: JournalEntry[];
}

const clientOf = (entry: JournalEntry) => (entry.k === 'tenant' || entry.k === 'image' ? entry.tenant.client : entry.client);

export class Replication {
  readonly id = randomBytes(6).toString('hex');
  private readonly logs = new Map<string, TenantLog>();
  private readonly als = new AsyncLocalStorage<Capture>();
  /** Entries applied from Redis are not recorded again. */
  private applying = false;
  private staleCount = 0;
  private started = false;
  private closed = false;
  private allRound: Promise<void> | null = null;
  /** The other live replicas: a write is answered once they applied it. */
  private peers = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** Per peer, per tenant: the position it said it applied. */
  private readonly acked = new Map<string, Map<string, number>>();
  private ackWaiters: { client: string; position: number; waiting: Set<string>; done: () => void }[] = [];
  /** The channel is up and nothing it may have missed is unread. */
  listening = true;
  private nextAllRound: Promise<void> | null = null;

  private constructor(
    private readonly redis: RedisLog,
    private readonly store: Store,
    private readonly scenario: string,
    private readonly report: (message: string) => void,
    private readonly compactAfterBytes: number,
  ) {}

  /** Connects, checks the deployment, brings every tenant in line with Redis and records from then on. */
  static async open(url: string, store: Store, scenario: string, report: (message: string) => void, compactAfterBytes: number): Promise<Replication> {
    const redis = await RedisLog.create(url);
    const replication = new Replication(redis, store, scenario, report, compactAfterBytes);
    try {
      await redis.connect((channel, text) => (channel === ACKS_CHANNEL ? replication.onAck(text) : replication.onNotice(text)));
    } catch (err) {
      await redis.close();
      throw new Error(`cannot reach Redis at ${url}: ${(err as Error).message}`);
    }
    try {
      const meta = await redis.meta(REDIS_FORMAT, scenario);
      if (meta.format > REDIS_FORMAT) throw new Error(`Redis at ${url} holds format ${meta.format}, written by a newer secuconnect-mock; this one reads format ${REDIS_FORMAT}`);
      if (meta.scenario !== scenario) throw new Error(`Redis at ${url} holds the world of another scenario; start every replica with the same scenario, or use an empty Redis`);
      for (const tenant of [...store.allTenants()]) await replication.init(replication.logOf(tenant.clientId));
      for (const client of await redis.tenants()) if (!store.tenant(client)) await replication.rebuild(replication.logOf(client));
    } catch (err) {
      // Redis gone during start-up too: no connection is left reconnecting (and keeping the process alive).
      await redis.close();
      throw err;
    }
    store.journal = (entry) => replication.record(entry);
    store.lookupMissingToken = (token) => replication.afterCatchingUp(() => store.resolveAccessToken(token));
    redis.commands.on('ready', () => void replication.recover());
    // Notices sent while the channel was down are lost: until it is back and what was missed has
    // been read, every read looks in Redis first.
    redis.subscriber.on('close', () => (replication.listening = false));
    redis.subscriber.on('ready', () => void replication.listenAgain());
    replication.started = true;
    await replication.beat();
    replication.heartbeat = setInterval(() => void replication.beat(), HEARTBEAT_MS);
    replication.heartbeat.unref();
    return replication;
  }

  /** Pushes are attempted only by the replica that claims the attempt. */
  claimPush = async (_tenant: Tenant, pushId: string, attempt: number): Promise<boolean> => {
    try {
      return await this.redis.claim(`${pushId}:${attempt}`, this.id, CLAIM_MS);
    } catch {
      return false;
    }
  };

  private logOf(client: string): TenantLog {
    let log = this.logs.get(client);
    if (!log) this.logs.set(client, (log = new TenantLog(client)));
    return log;
  }

  isStale(tenant: Tenant): boolean {
    return this.staleCount > 0 && this.logs.get(tenant.clientId)?.stale === true;
  }

  /** Whether a write may begin: Redis is there and the tenant holds nothing Redis may lack. */
  assertWritable(tenant: Tenant | null | undefined): void {
    if (!this.redis.ready || (tenant && this.isStale(tenant))) throw new MockError('storageUnavailable', { reason: UNAVAILABLE });
  }

  // --- recording ---------------------------------------------------------------------------------

  private record(entry: JournalEntry): void {
    if (this.applying) return;
    const capture = this.als.getStore();
    const inRequest = capture !== undefined && !capture.closed;
    const pending = this.enqueue(this.logOf(clientOf(entry)), JSON.stringify(entry), !inRequest || entry.k === 'token' || entry.k === 'pushes');
    if (inRequest) capture.pendings.push(pending);
  }

  private enqueue(log: TenantLog, text: string, replayable: boolean): Pending {
    let settle!: (o: Outcome) => void;
    const done = new Promise<Outcome>((resolve) => (settle = resolve));
    const pending: Pending = { text, position: 0, replayable, settle, done };
    this.requeue(log, pending);
    return pending;
  }

  private requeue(log: TenantLog, pending: Pending): void {
    pending.position = log.next++;
    log.pending.push(pending);
    this.scheduleFlush(log);
  }

  /** Entries recorded in one turn of the event loop go to Redis together. */
  private scheduleFlush(log: TenantLog): void {
    if (log.scheduled || log.flushing || log.rebuilding) return;
    log.scheduled = true;
    setImmediate(() => {
      log.scheduled = false;
      void this.flush(log);
    });
  }

  private async flush(log: TenantLog): Promise<void> {
    if (log.flushing || log.rebuilding || log.pending.length === 0) return;
    const batch = log.pending.splice(0);
    const expected = batch[0]!.position;
    log.flushing = true;
    let result;
    try {
      const texts = batch.map((p) => p.text);
      result = await this.redis.append(log.client, expected, texts, this.notice(log.client, expected, texts));
    } catch {
      log.flushing = false;
      log.pending.unshift(...batch);
      this.markStale(log);
      this.settled(log);
      return;
    }
    log.flushing = false;
    if (!result.ok) {
      // Another replica appended first: everything recorded here since was computed on old state.
      log.pending.unshift(...batch);
      void this.rebuild(log);
      return;
    }
    log.confirmed = result.position;
    // Answered once every live replica applied it: a read on any of them then sees it.
    void this.appliedByPeers(log.client, result.position).then(() => {
      for (const p of batch) p.settle('ok');
    });
    if (log.pending.length > 0) return void this.flush(log);
    if (result.bytesSinceSnapshot > this.compactAfterBytes) this.compact(log);
    this.settled(log);
  }

  private async beat(): Promise<void> {
    try {
      this.peers = new Set((await this.redis.heartbeat(this.id, LIVE_MS)).filter((r) => r !== this.id));
    } catch {
      return;
    }
    for (const peer of this.acked.keys()) if (!this.peers.has(peer)) this.acked.delete(peer);
    for (const w of this.ackWaiters) for (const peer of w.waiting) if (!this.peers.has(peer)) w.waiting.delete(peer);
    this.releaseAckWaiters();
  }

  private appliedByPeers(client: string, position: number): Promise<void> {
    const waiting = new Set([...this.peers].filter((peer) => (this.acked.get(peer)?.get(client) ?? -1) < position));
    if (waiting.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiter = { client, position, waiting, done: resolve };
      this.ackWaiters.push(waiter);
      // A replica that stopped without leaving (SIGKILL) holds a write for this long at most.
      setTimeout(() => {
        waiter.waiting.clear();
        this.releaseAckWaiters();
      }, ACK_WAIT_MS).unref();
    });
  }

  private onAck(text: string): void {
    let ack: { r: string; c: string; p: number };
    try {
      ack = JSON.parse(text) as typeof ack;
    } catch {
      return;
    }
    if (ack.r === this.id) return;
    let positions = this.acked.get(ack.r);
    if (!positions) this.acked.set(ack.r, (positions = new Map()));
    if ((positions.get(ack.c) ?? -1) < ack.p) positions.set(ack.c, ack.p);
    for (const w of this.ackWaiters) if (w.client === ack.c && ack.p >= w.position) w.waiting.delete(ack.r);
    this.releaseAckWaiters();
  }

  private releaseAckWaiters(): void {
    if (!this.ackWaiters.some((w) => w.waiting.size === 0)) return;
    this.ackWaiters = this.ackWaiters.filter((w) => (w.waiting.size === 0 ? (w.done(), false) : true));
  }

  /** Tells the writing replicas this one applied the tenant's log up to where it is now. */
  private ackApplied(log: TenantLog): void {
    void this.redis.ack(JSON.stringify({ r: this.id, c: log.client, p: log.confirmed })).catch(() => {});
  }

  /** After a flush, a catch-up or a rebuild: reads what the channel announced meanwhile, then wakes the reads waiting. */
  private settled(log: TenantLog): void {
    if (log.busy || log.catchingUp) return;
    if (log.behind) return void this.catchUp(log).catch(() => {});
    for (const wake of log.waiters.splice(0)) wake();
  }

  /** A read waits until this replica applied what it was told others appended. */
  async freshen(log: TenantLog): Promise<void> {
    for (let round = 0; round < 10 && log.lagging; round++) {
      await new Promise<void>((resolve) => {
        log.waiters.push(resolve);
        this.settled(log);
      });
    }
  }

  private notice(client: string, from: number, texts: string[]): string {
    const head = `{"r":"${this.id}","c":${JSON.stringify(client)},"f":${from},"n":${texts.length}`;
    const bytes = texts.reduce((sum, t) => sum + t.length, 0);
    return bytes <= MAX_INLINE_BYTES ? `${head},"e":[${texts.join(',')}]}` : `${head}}`;
  }

  /** The tenant's state, exactly at its confirmed position, becomes the snapshot Redis starts from. */
  private compact(log: TenantLog): void {
    const tenant = this.store.tenant(log.client);
    if (!tenant) return;
    const tokens = this.store.liveTokens().filter(([, client]) => client === log.client).map(([token, , expiresAt]) => [token, expiresAt]);
    void this.redis.compact(log.client, log.confirmed, JSON.stringify({ image: tenant.image(), tokens })).catch(() => {});
  }

  // --- failure and recovery ----------------------------------------------------------------------

  private markStale(log: TenantLog): void {
    if (!log.stale) this.staleCount++;
    log.stale = true;
    for (const p of log.pending.splice(0)) p.settle('unavailable');
    log.next = log.confirmed;
  }

  /** Redis is back: stale tenants are rebuilt and whatever the channel said while it was gone is read. */
  private async recover(): Promise<void> {
    if (!this.started || this.closed || !this.redis.ready) return;
    try {
      await this.redis.meta(REDIS_FORMAT, this.scenario);
      for (const log of [...this.logs.values()]) if (log.stale) await this.rebuild(log);
      await this.catchUpAll();
    } catch {
      // Gone again: the next `ready` tries once more.
    }
  }

  private async listenAgain(): Promise<void> {
    if (!this.started || this.closed) return;
    try {
      await this.redis.subscriber.subscribe(CHANGES_CHANNEL);
      await this.catchUpAll();
      this.listening = true;
    } catch {
      // Gone again: the next `ready` tries once more.
    }
  }

  /** At start-up: the tenant as Redis has it, or (first replica) the seeded tenant becomes its log. */
  private async init(log: TenantLog): Promise<void> {
    const read = await this.redis.read(log.client, 0);
    if (read.position > 0) return this.load(log, read);
    const tenant = this.store.tenant(log.client)!;
    const image = JSON.stringify({ k: 'image', tenant: tenant.image() } satisfies JournalEntry);
    const result = await this.redis.append(log.client, 0, [image], this.notice(log.client, 0, [image]));
    if (result.ok) log.confirmed = log.next = result.position;
    else this.load(log, await this.redis.read(log.client, 0));
  }

  /** Throws away what this replica holds of the tenant and loads it from Redis. */
  private rebuild(log: TenantLog): Promise<void> {
    log.rebuilding ??= (async () => {
      let outcome: Outcome = 'conflict';
      try {
        const read = await this.redis.read(log.client, 0);
        // Redis lost what it had (restarted empty): this replica's state becomes the log again.
        if (read.position === 0 && this.store.tenant(log.client)) await this.init(log);
        else this.load(log, read);
        if (log.stale) this.staleCount--;
        log.stale = false;
      } catch {
        outcome = 'unavailable';
        if (!log.stale) this.staleCount++;
        log.stale = true;
      } finally {
        log.rebuilding = null;
      }
      const doomed = log.pending.splice(0);
      log.next = log.confirmed;
      for (const p of doomed) {
        if (outcome === 'conflict' && p.replayable && this.replay(p)) this.requeue(log, p);
        else p.settle(outcome);
      }
      this.settled(log);
    })();
    return log.rebuilding;
  }

  /** A replayable entry applied again over the rebuilt state; false when it no longer applies. */
  private replay(pending: Pending): boolean {
    const entry = JSON.parse(pending.text) as JournalEntry;
    const tenant = this.store.tenant(clientOf(entry));
    if (!tenant) return false;
    if (entry.k === 'pushes') {
      const known = new Set(tenant.outbox.all().map((p) => p.body.id));
      entry.pushes = entry.pushes.filter((p) => known.has(p.body.id));
      if (entry.pushes.length === 0) return false;
      pending.text = JSON.stringify(entry);
    }
    this.apply([entry]);
    return true;
  }

  private load(log: TenantLog, read: LogRead): void {
    this.applying = true;
    try {
      if (read.snapshot !== undefined) {
        const { image, tokens } = JSON.parse(read.snapshot) as { image: TenantImage; tokens: [string, number][] };
        loadImage(this.store, { tenants: [image], tokens: tokens.map(([token, expiresAt]) => [token, log.client, expiresAt]) });
      }
      for (const text of read.entries) applyEntry(this.store, JSON.parse(text) as JournalEntry);
    } finally {
      this.applying = false;
    }
    log.confirmed = log.next = read.from + read.entries.length;
    if (this.started) this.ackApplied(log);
    this.wakeDelivery(log.client);
  }

  private apply(entries: JournalEntry[]): void {
    this.applying = true;
    try {
      for (const entry of entries) applyEntry(this.store, entry);
    } finally {
      this.applying = false;
    }
  }

  /** Pushes that arrived from another replica may fall due here too (the claim picks who sends). */
  private wakeDelivery(client: string): void {
    const tenant = this.store.tenant(client);
    if (tenant && tenant.outbox.all().some((p) => p.status === 'pending')) this.store.onPushes?.(tenant);
  }

  // --- what other replicas append -----------------------------------------------------------------

  private onNotice(text: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(text) as Notice;
    } catch {
      return;
    }
    if (notice.r === this.id || this.closed) return;
    const log = this.logOf(notice.c);
    if (log.busy || log.catchingUp) {
      log.behind = true;
      return;
    }
    if (notice.f + notice.n <= log.confirmed) return this.ackApplied(log);
    if (notice.f === log.confirmed && notice.e && this.store.tenant(notice.c)) {
      this.apply(notice.e);
      log.confirmed = log.next = notice.f + notice.n;
      this.ackApplied(log);
      this.wakeDelivery(notice.c);
      return;
    }
    void this.catchUp(log).catch(() => {});
  }

  /** Reads what the tenant's log holds past this replica's position; true when there was some. */
  private catchUp(log: TenantLog): Promise<boolean> {
    if (log.rebuilding) return log.rebuilding.then(() => true);
    log.catchingUp ??= (async () => {
      try {
        log.behind = false;
        const read = await this.redis.read(log.client, log.confirmed);
        if (read.position < log.confirmed) {
          await this.rebuild(log);
          return true;
        }
        if (read.snapshot === undefined && read.from !== log.confirmed) return false;
        const known = this.store.tenant(log.client) !== undefined;
        if (read.entries.length === 0 && known) {
          this.ackApplied(log);
          return false;
        }
        // Anything recorded here meanwhile was computed on old state: its append fails and is re-run.
        const next = log.next;
        const hadPending = log.pending.length > 0 || log.flushing;
        this.load(log, read);
        if (hadPending) log.next = next;
        return true;
      } finally {
        log.catchingUp = null;
        // Not yet: the promise below must be the one just made when this runs synchronously.
        queueMicrotask(() => this.settled(log));
      }
    })();
    return log.catchingUp;
  }

  /** Every tenant brought up to what Redis holds now, tenants made elsewhere included. */
  private catchUpAll(): Promise<void> {
    if (this.allRound) return (this.nextAllRound ??= this.allRound.then(() => ((this.nextAllRound = null), this.catchUpAll())));
    this.allRound = (async () => {
      try {
        const clients = [...this.logs.keys()];
        const [positions, all] = await Promise.all([this.redis.positions(clients), this.redis.tenants()]);
        await Promise.all(clients.map((c, i) => (positions[i]! !== this.logs.get(c)!.confirmed ? this.catchUp(this.logs.get(c)!) : undefined)));
        for (const client of all) if (!this.logs.has(client) || !this.store.tenant(client)) await this.rebuild(this.logOf(client));
      } finally {
        this.allRound = null;
      }
    })();
    return this.allRound;
  }

  /** Runs `look` again after catching up, for what another replica may have made just now. */
  async afterCatchingUp<T>(look: () => T | undefined): Promise<T | undefined> {
    try {
      await this.catchUpAll();
    } catch {
      return undefined;
    }
    return look();
  }

  /** A read that missed: true when the tenant was behind and is now caught up. */
  async caughtUp(tenant: Tenant): Promise<boolean> {
    try {
      return await this.catchUp(this.logOf(tenant.clientId));
    } catch {
      return false;
    }
  }

  // --- requests ------------------------------------------------------------------------------------

  /** A write: its entries are in Redis before it is answered; a run that lost the race runs again. */
  writeThrough(handler: RouteHandlerMethod): RouteHandlerMethod {
    const replication = this;
    return async function replicatedWrite(this: FastifyInstance, request, reply) {
      for (let run = 1; ; run++) {
        replication.assertWritable(request.tenant);
        const log = request.tenant && replication.logs.get(request.tenant.clientId);
        if (log && log.lagging) await replication.freshen(log);
        const capture = new Capture();
        request.replicaCapture = capture;
        let result: unknown;
        let failure: unknown;
        let threw = false;
        // A handler that sends its answer itself: the answer is held until the run's entries are in,
        // so that a run that lost the race is run again instead of answering.
        const send = reply.send;
        let held: { payload: unknown } | null = null;
        // Not the reply itself: a reply is a thenable that settles once sent, awaiting it would hang.
        reply.send = function holdAnswer(payload?: unknown) {
          held = { payload };
          return HELD as never;
        };
        try {
          result = await replication.als.run(capture, () => handler.call(this, request, reply));
        } catch (err) {
          failure = err;
          threw = true;
        } finally {
          reply.send = send;
        }
        const outcome = await capture.settle();
        if (outcome === 'ok' || reply.sent) {
          // Refused without a change (a 404, an illegal transition) on a replica that had not yet
          // applied what another appended just before: run again on what Redis holds.
          const refused = threw && failure instanceof MockError && capture.pendings.length === 0 && !reply.sent;
          if (refused && request.tenant && run < MAX_RUNS && (await replication.caughtUp(request.tenant))) continue;
          if (threw) throw failure;
          return held ? reply.send((held as { payload: unknown }).payload) : result;
        }
        if (outcome === 'unavailable') throw new MockError('storageUnavailable', { reason: UNAVAILABLE });
        if (run >= MAX_RUNS) throw new MockError('storageUnavailable', { reason: `other replicas kept changing client ${request.tenant?.clientId ?? ''} meanwhile; try again` });
        // The rebuild let every doomed run go at once: each runs again in a turn of its own, as a new
        // request would, so that one's awaits do not let another change the state it computes on.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
  }

  /**
   * A read stays local. It waits while this replica applies what it was told others appended, and
   * one that found nothing looks in Redis first (another replica may have just made it).
   */
  readThrough(handler: RouteHandlerMethod): RouteHandlerMethod {
    const replication = this;
    const missed = (err: unknown, tenant: Tenant | null, again: () => unknown) =>
      !tenant || !(err instanceof MockError) || err.errorName !== 'notFound'
        ? Promise.reject(err)
        : replication.caughtUp(tenant).then((more) => (more ? again() : Promise.reject(err)));
    const slow = async function (this: FastifyInstance, request: Parameters<RouteHandlerMethod>[0], reply: Parameters<RouteHandlerMethod>[1]) {
      const tenant = request.tenant;
      if (tenant) {
        const log = replication.logs.get(tenant.clientId);
        if (!replication.listening) await replication.caughtUp(tenant);
        else if (log?.lagging) await replication.freshen(log);
      } else {
        // The control plane's and the payer's pages read across tenants.
        if (!replication.listening) await replication.afterCatchingUp(() => true);
        for (const log of replication.logs.values()) if (log.lagging) await replication.freshen(log);
      }
      try {
        return await handler.call(this, request, reply);
      } catch (err) {
        return missed(err, tenant, () => handler.call(this, request, reply));
      }
    };
    // The common case, an API read of a tenant this replica is up to date with, adds no promise of its own.
    return function replicatedRead(this: FastifyInstance, request, reply) {
      const tenant = request.tenant;
      if (!tenant || !replication.listening || replication.logs.get(tenant.clientId)?.lagging) return slow.call(this, request, reply);
      const out = handler.call(this, request, reply) as unknown;
      return out instanceof Promise ? out.catch((err: unknown) => missed(err, tenant, () => handler.call(this, request, reply))) : out;
    };
  }


  /** Waits for what is being appended, then lets go of Redis. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    await this.redis.leave(this.id).catch(() => {});
    this.store.journal = null;
    this.store.lookupMissingToken = null;
    const waiting: Promise<Outcome>[] = [];
    for (const log of this.logs.values()) for (const p of log.pending) waiting.push(p.done);
    await Promise.race([Promise.all(waiting), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    await this.redis.close();
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** With replicas: the entries this request recorded, and whether they got into Redis. */
    replicaCapture: Capture | null;
  }
}

// A CORS preflight changes nothing either: it is answered with Redis gone too.
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Wraps every route registered after it: writes go through Redis, API reads fall back to it on a miss. */
export default fp(
  async function replicas(app: FastifyInstance, opts: { replication: Replication; pushes: PushDelivery }) {
    const { replication } = opts;
    opts.pushes.claim = replication.claimPush;
    app.decorateRequest('replicaCapture', null);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.every((m) => READS.has(m))) {
        route.handler = replication.readThrough(route.handler);
      } else {
        route.handler = replication.writeThrough(route.handler);
      }
    });
    // A handler that sent its answer itself: the answer still waits for its entries.
    // Callback style: on every request (reads too) an async hook would cost a promise and a tick.
    app.addHook('onSend', (request, _reply, payload, done) => {
      const capture = request.replicaCapture;
      if (!capture || capture.closed) return done(null, payload);
      void capture.settle().then((outcome) => (outcome === 'ok' ? done(null, payload) : done(new MockError('storageUnavailable', { reason: UNAVAILABLE }))));
    });
    app.addHook('onClose', () => replication.close());
  },
  { name: 'replicas' },
);
