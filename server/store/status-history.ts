// Each tenant's status changes, noted as its transactions commit: which object moved from which
// status to which, when on the tenant clock, and the request that caused it (its id in the request
// journal). Bounded per tenant: past the bound the oldest changes go. Kept across resets: it is
// history, and ids are never handed out twice.
import type { CollectionName } from './journal-entries.js';
import { Ring } from './ring.js';
import type { Store } from './store.js';
import type { Tenant } from './tenant.js';

export interface StatusChange {
  readonly kind: CollectionName;
  readonly id: string;
  /** null: the object was made with `to`. */
  readonly from: string | null;
  readonly to: string;
  /** Tenant-clock ms. */
  readonly at: number;
  /** The journal id of the request whose handling committed it; null: none (seeding, a timer). */
  readonly cause: string | null;
}

/** `status`, or `state` for payment transactions. */
const statusOf = (entity: { id: string } | undefined): string | undefined => {
  const e = entity as { status?: unknown; state?: unknown } | undefined;
  const status = e?.status ?? e?.state;
  return typeof status === 'string' ? status : undefined;
};

export class StatusHistory {
  /** The journal id of the request being handled now (the request journal sets it); null outside one. */
  cause: string | null = null;
  private readonly rings = new WeakMap<Tenant, Ring<StatusChange>>();

  constructor(private readonly perTenant: number) {}

  /** Listens to every commit of the store's tenants. */
  attach(store: Store): void {
    store.onCommit = (tenant, kind, put, before) => {
      const to = statusOf(put);
      if (to === undefined) return;
      const from = statusOf(before) ?? null;
      if (from === to) return;
      this.ring(tenant).push({ kind, id: put.id, from, to, at: tenant.clock.now(), cause: this.cause });
    };
  }

  /** The tenant's changes, oldest first; of one object when `id` is given. */
  of(tenant: Tenant, id?: string): StatusChange[] {
    const all = this.rings.get(tenant)?.toArray() ?? [];
    return id === undefined ? all : all.filter((c) => c.id === id);
  }

  private ring(tenant: Tenant): Ring<StatusChange> {
    let ring = this.rings.get(tenant);
    if (!ring) this.rings.set(tenant, (ring = new Ring(this.perTenant)));
    return ring;
  }
}
