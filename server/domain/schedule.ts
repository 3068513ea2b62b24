// What falls due on a tenant's clock, apart from pushes: renewals, advance payments that arrive,
// debits that come back. Due times are computed from the stored objects when the clock moves
// (nothing is kept besides them, so a restored store knows what is due); `runDueItem` makes one
// happen inside the tenant's transaction and says what falls due after it.
import type { DomainEvent } from '../schemas/clock.js';
import { LimitReached } from '../store/budget.js';
import type { Tenant } from '../store/tenant.js';
import type { DomainContext } from './context.js';
import { MockError } from './errors.js';
import { debitReturnDueAt, returnDueDebit, settleDuePayment, settlementDueAt } from './later-payments.js';
import { renewalDueAt, renewSubscription } from './renewals.js';

export type DueKind = 'settle' | 'debit_return' | 'renewal';
export interface DueItem {
  readonly at: number;
  readonly kind: DueKind;
  readonly id: string;
}

/** Within one instant: money arriving and coming back before renewals, then by id. */
const KIND_ORDER: Record<DueKind, number> = { settle: 0, debit_return: 1, renewal: 2 };
const before = (a: DueItem, b: DueItem) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function dueAt(tenant: Tenant, kind: DueKind, id: string): number | undefined {
  if (kind === 'renewal') {
    const sub = tenant.subscriptions.get(id);
    return sub && renewalDueAt(sub);
  }
  const pci = tenant.paymentTransactions.get(id);
  if (!pci) return undefined;
  return kind === 'settle' ? settlementDueAt(tenant, pci) : debitReturnDueAt(pci);
}

function itemsOfPayment(tenant: Tenant, id: string): DueItem[] {
  const items: DueItem[] = [];
  for (const kind of ['settle', 'debit_return'] as const) {
    const at = dueAt(tenant, kind, id);
    if (at !== undefined) items.push({ at, kind, id });
  }
  return items;
}

/** Everything of `tenant` that will fall due, whenever. */
export function dueItems(tenant: Tenant): DueItem[] {
  const items: DueItem[] = [];
  for (const sub of tenant.subscriptions.toArray()) {
    const at = renewalDueAt(sub);
    if (at !== undefined) items.push({ at, kind: 'renewal', id: sub.id });
  }
  for (const pci of tenant.paymentTransactions.toArray()) {
    if (pci.state === 'pending' || pci.debitReturn === 'due') items.push(...itemsOfPayment(tenant, pci.id));
  }
  return items;
}

/** Due items in time order; the earliest is taken first. */
export class DueQueue {
  /** Latest first: the earliest is popped off the end. */
  private readonly items: DueItem[];

  constructor(items: DueItem[]) {
    this.items = items.sort((a, b) => before(b, a));
  }

  get nextAt(): number | undefined {
    return this.items.at(-1)?.at;
  }

  /** The earliest item due at or before `now`, removed. */
  takeDue(now: number): DueItem | undefined {
    const last = this.items.at(-1);
    return last && last.at <= now ? this.items.pop() : undefined;
  }

  add(item: DueItem): void {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.items[mid], item) > 0) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }
}

/**
 * Makes `item` happen if it is due at the tenant's now (objects may have moved since it was
 * queued), in one transaction. Answers its events and the items that fall due after it. A step
 * the store refuses (the tenant's budget is full) is answered as `clock.step_failed` and left for
 * the next clock move.
 */
export function runDueItem(ctx: DomainContext, item: DueItem): { events: DomainEvent[]; next: DueItem[] } {
  const { tenant } = ctx;
  const at = dueAt(tenant, item.kind, item.id);
  if (at === undefined) return { events: [], next: [] };
  if (at > tenant.clock.now()) return { events: [], next: [{ ...item, at }] };
  const paymentsBefore = tenant.paymentTransactions.size;
  let events: DomainEvent[];
  try {
    events = tenant.transact(() => {
      if (item.kind === 'renewal') return renewSubscription(ctx, tenant.subscriptions.get(item.id)!);
      const pci = tenant.paymentTransactions.get(item.id)!;
      return item.kind === 'settle' ? settleDuePayment(ctx, pci) : returnDueDebit(ctx, pci);
    });
  } catch (err) {
    if (!(err instanceof MockError || err instanceof LimitReached)) throw err;
    const failed: DomainEvent = { event: 'clock.step_failed', at: tenant.clock.timestamp(), client_id: tenant.clientId, object_id: item.id, reason: err.message };
    return { events: [failed], next: [] };
  }
  const next: DueItem[] = [];
  const again = dueAt(tenant, item.kind, item.id);
  if (again !== undefined) next.push({ ...item, at: again });
  // A renewal's new payment may come back later (a magic IBAN).
  if (tenant.paymentTransactions.size > paymentsBefore) {
    for (const e of events) if (e.payment_transaction) next.push(...itemsOfPayment(tenant, e.payment_transaction));
  }
  return { events, next };
}
