// Payment Subscriptions (SUB_): read-only over the API. A Smart Transaction whose only basket item
// is a subscription opens one on authorisation; every later move goes through the lifecycle table.
import { formatDateAtMidnight, formatTimestamp } from '../store/clock.js';
import type { PlanEntity, SmartTransactionEntity, SubscriptionEntity } from '../store/entities.js';
import { addInterval, billOnce, planCycle } from './billing-cycles.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { move } from './lifecycle.js';
import { PLAN } from './plans.js';
import { pushSubscriptionMove } from './pushes.js';
import { subscriptionLifecycle, type SubscriptionEvent } from './subscription-lifecycle.js';

/** A `start_at` further back than this many periods renews no more (a daily plan from 1970 is 20 000). */
const MAX_SKIPPED_PERIODS = 100_000;

export const SUBSCRIPTION = 'payment.subscriptions';

/** The single subscription item of the basket, if any. */
export function subscriptionItem(stx: SmartTransactionEntity) {
  const items = stx.basket?.products ?? [];
  return items.length === 1 && items[0].item_type === 'subscription' && items[0].plan_id ? items[0] : undefined;
}

/**
 * The purchase pays the first billing period, the one starting at `start_at`: the first cycle counts
 * one and the next billing is an interval after `start_at` — or, for a `start_at` in the past, the
 * first period boundary after the purchase: periods before it are not charged (docs/behaviour.md, Renewals).
 */
function billedByPurchase(sub: SubscriptionEntity, plan: PlanEntity | undefined, now: number): Partial<SubscriptionEntity> {
  const start = sub.start_at === undefined ? NaN : Date.parse(sub.start_at);
  const billed = plan && sub.billing_cycles && Number.isFinite(start) ? billOnce(sub.billing_cycles, plan, start) : undefined;
  if (!billed) return {};
  let nextAt = billed.nextAt;
  const interval = planCycle(plan!, billed.billed)?.interval;
  for (let steps = 0; nextAt !== undefined && nextAt <= now && steps < MAX_SKIPPED_PERIODS; steps++) nextAt = addInterval(nextAt, interval);
  const next = nextAt === undefined || !Number.isFinite(nextAt) || nextAt <= now ? undefined : formatTimestamp(nextAt);
  return { billing_cycles: { ...billed.cycles, next_billing_time: next } };
}

export function moveSubscription(
  ctx: DomainContext,
  sub: SubscriptionEntity,
  event: SubscriptionEvent,
  to: SubscriptionEntity['status'],
  changes: Partial<SubscriptionEntity> = {},
): SubscriptionEntity {
  const status = move(subscriptionLifecycle, SUBSCRIPTION, sub, event, to);
  const billed = event === 'activate' ? billedByPurchase(sub, ctx.tenant.plans.get(sub.planId), ctx.tenant.clock.now()) : {};
  const moved = ctx.tenant.subscriptions.put(touched(ctx, sub, { ...billed, ...changes, status }));
  pushSubscriptionMove(ctx, moved, event);
  return moved;
}

/** `2025-01-01` or `2025-01-01T10:00:00` (no offset) as a timestamp with the Berlin offset, like every other. */
function withOffset(startAt: string): string {
  const local = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2})?)?$/.exec(startAt);
  if (!local) return startAt;
  const midnight = formatDateAtMidnight(local[1]);
  return local[2] ? `${local[1]}${local[2].length === 6 ? local[2] + ':00' : local[2]}${midnight.slice(19)}` : midnight;
}

export function newSubscription(ctx: DomainContext, stx: SmartTransactionEntity, status: SubscriptionEntity['status'], customerId?: string, containerId?: string) {
  const item = subscriptionItem(stx);
  if (!item) return undefined;
  const { tenant } = ctx;
  const plan = mustGet(tenant.plans, item.plan_id!, PLAN);
  const now = tenant.clock.timestamp();
  const startAt = item.start_at === undefined ? now : withOffset(item.start_at);
  const sub: SubscriptionEntity = {
    id: tenant.ids.id('SUB'),
    created: now,
    updated: now,
    status,
    smartTransactionId: stx.id,
    planId: plan.id,
    customerId,
    containerId,
    start_at: startAt,
    billing_cycles: {
      cycle_executions: (plan.billing_cycles ?? []).map((c) => ({
        sequence: c.sequence,
        tenure_type: c.tenure_type,
        total_cycles: c.total_cycles,
        cycles_completed: 0,
        cycles_remaining: c.total_cycles,
      })),
      next_billing_time: startAt,
    },
    demo: true,
  };
  // Captured at once (auto_capture): active without an `activate` move, so billed here.
  return tenant.subscriptions.put(status === 'active' ? { ...sub, ...billedByPurchase(sub, plan, tenant.clock.now()) } : sub);
}

