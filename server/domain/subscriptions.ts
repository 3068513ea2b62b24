// Payment Subscriptions (SUB_): read-only over the API. A Smart Transaction whose only basket item
// is a subscription opens one on authorisation; every later move goes through the lifecycle table.
import type { SmartTransactionEntity, SubscriptionEntity } from '../store/entities.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { move } from './lifecycle.js';
import { PLAN } from './plans.js';
import { pushSubscriptionMove } from './pushes.js';
import { subscriptionLifecycle, type SubscriptionEvent } from './subscription-lifecycle.js';

export const SUBSCRIPTION = 'payment.subscriptions';

/** The single subscription item of the basket, if any. */
export function subscriptionItem(stx: SmartTransactionEntity) {
  const items = stx.basket?.products ?? [];
  return items.length === 1 && items[0].item_type === 'subscription' && items[0].plan_id ? items[0] : undefined;
}

export function moveSubscription(ctx: DomainContext, sub: SubscriptionEntity, event: SubscriptionEvent, to: SubscriptionEntity['status']): SubscriptionEntity {
  const moved = ctx.tenant.subscriptions.put(touched(ctx, sub, { status: move(subscriptionLifecycle, SUBSCRIPTION, sub, event, to) }));
  pushSubscriptionMove(ctx, moved, event);
  return moved;
}

export function newSubscription(ctx: DomainContext, stx: SmartTransactionEntity, status: SubscriptionEntity['status'], customerId?: string, containerId?: string) {
  const item = subscriptionItem(stx);
  if (!item) return undefined;
  const { tenant } = ctx;
  const plan = mustGet(tenant.plans, item.plan_id!, PLAN);
  const now = tenant.clock.timestamp();
  const startAt = item.start_at ?? now;
  return tenant.subscriptions.put({
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
  });
}

