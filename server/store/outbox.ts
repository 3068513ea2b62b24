// A tenant's pushes to its shop. Domain steps record them inside the tenant's transaction, so a
// request that fails sends nothing; on commit they join the outbox and whoever delivers them is
// told. The outbox is bounded: past the cap the oldest delivered or expired push goes first, and
// only when every push is still pending the oldest pending one.
import { randomBytes } from 'node:crypto';
import type { PushAttempt, PushBody, PushStatus, PushTarget, PushType } from '../schemas/pushes.js';

/** Pushes one tenant keeps (about 1 KB each with a day of attempts: about 1 MB per tenant). */
export const MAX_PUSHES_PER_TENANT = 1000;
/** A push is retried for a day of the tenant's clock, then it is `expired`. */
export const PUSH_LIFETIME_MS = 24 * 3_600_000;

export interface Push {
  readonly url: string;
  readonly body: PushBody;
  /** Tenant-clock ms of its making; it expires PUSH_LIFETIME_MS later. */
  readonly createdAt: number;
  status: PushStatus;
  readonly attempts: PushAttempt[];
  /** Tenant-clock ms from which the next attempt is due (pending pushes). */
  dueAt: number;
  /** An attempt is under way: nobody else may start one. */
  inFlight: boolean;
}

export function newPush(url: string, target: PushTarget, type: PushType, objectId: string, now: number, created: string): Push {
  return {
    url,
    body: { object: 'event.pushes', id: `evt_${randomBytes(12).toString('hex')}`, created, target, type, data: [{ object: target, id: objectId }] },
    createdAt: now,
    status: 'pending',
    attempts: [],
    dueAt: now,
    inFlight: false,
  };
}

export class Outbox {
  private items: Push[] = [];
  private staged: Push[] | null = null;
  /** Called after pushes joined the outbox (set by the delivery). */
  onAdded: (() => void) | null = null;
  /** Pushes dropped to keep within the cap. */
  dropped = 0;
  /** Told of pushes added or changed (a journal records them); null: nobody listens. */
  onWrite: ((pushes: readonly Push[]) => void) | null = null;

  record(push: Push): void {
    if (this.staged) this.staged.push(push);
    else this.add([push], true);
  }

  /** What the open transaction has recorded, before commit (its journal entry carries them). */
  stagedPushes(): readonly Push[] {
    return this.staged ?? [];
  }

  begin(): void {
    this.staged = [];
  }

  commit(): void {
    const staged = this.staged;
    this.staged = null;
    if (staged?.length) this.add(staged, false);
  }

  rollback(): void {
    this.staged = null;
  }

  /** Oldest first. */
  all(): readonly Push[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items = [];
    this.staged = null;
  }

  /** A push's delivery moved on (an attempt, delivered, expired). */
  updated(push: Push): void {
    this.onWrite?.([push]);
  }

  /** Puts back a push as a journal or image recorded it: replaces the one with its id, or adds it. */
  restorePush(push: Push): void {
    const copy = { ...push, inFlight: false };
    const at = this.items.findIndex((p) => p.body.id === push.body.id);
    if (at >= 0) this.items[at] = copy;
    else this.items.push(copy);
    while (this.items.length > MAX_PUSHES_PER_TENANT) this.evictOne();
  }

  private add(pushes: Push[], record: boolean): void {
    if (record) this.onWrite?.(pushes);
    for (const push of pushes) this.items.push(push);
    while (this.items.length > MAX_PUSHES_PER_TENANT) this.evictOne();
    this.onAdded?.();
  }

  private evictOne(): void {
    const done = this.items.findIndex((p) => p.status !== 'pending' && !p.inFlight);
    this.items.splice(done >= 0 ? done : 0, 1);
    this.dropped++;
  }
}
