// Subscription renewals on the tenant's clock (docs/behaviour.md, "Renewals"). When the clock
// reaches `next_billing_time` an active subscription is billed from its container: a captured
// Payment Transaction carrying `subscription` (pushed `added`), the cycle counts move and the next
// billing is one interval later. A refused renewal is tried again RENEWAL_RETRY_DAYS after the due
// time, then the subscription is suspended; once every cycle is billed, the next due time completes it.
import type { DomainEvent } from '../schemas/clock.js';
import { formatTimestamp } from '../store/clock.js';
import type { SubscriptionEntity } from '../store/entities.js';
import { allCyclesBilled, billOnce, planCycle } from './billing-cycles.js';
import { touched, type DomainContext } from './context.js';
import { authorisationRefusal, ibanOutcome, markDebitReturn } from './magic-values.js';
import { newPaymentTransaction } from './payment-transactions.js';
import { moveSubscription } from './subscriptions.js';

/** Days after the due time at which a refused renewal is tried again; one more refusal suspends. */
export const RENEWAL_RETRY_DAYS = [1, 3] as const;
const DAY_MS = 86_400_000;

/** The payment method a renewal from a container of this type is made with. */
const METHOD_OF_CONTAINER: Record<string, string> = { bank_account: 'debit', credit_card: 'creditcard', paypal: 'paypal' };

/** When the subscription's next renewal (a retry after a refusal, or its completion) is due: epoch ms, or undefined. */
export function renewalDueAt(sub: SubscriptionEntity): number | undefined {
  const next = sub.billing_cycles?.next_billing_time;
  if (sub.status !== 'active' || next === undefined) return undefined;
  const at = Date.parse(next);
  if (!Number.isFinite(at)) return undefined;
  const failed = sub.failedRenewals ?? 0;
  return failed ? at + RENEWAL_RETRY_DAYS[Math.min(failed, RENEWAL_RETRY_DAYS.length) - 1] * DAY_MS : at;
}

/** The subscription without its count of failed attempts. */
function withoutFailures(sub: SubscriptionEntity): SubscriptionEntity {
  const { failedRenewals: _, ...rest } = sub;
  return rest;
}

/** Why a renewal of `amount` from the subscription's container is refused, or undefined. */
function refusal(ctx: DomainContext, sub: SubscriptionEntity, amount: number): string | undefined {
  const container = sub.containerId ? ctx.tenant.containers.get(sub.containerId) : undefined;
  if (!container) return 'the subscription has no payment container';
  const iban = container.type === 'bank_account' ? container.private?.iban : undefined;
  if (ibanOutcome(ctx.tenant, iban) === 'renewal_declined') return 'renewal_declined';
  return authorisationRefusal(ctx.tenant, amount, iban);
}

/** Renews `sub`, due now on the tenant's clock. Answers what happened. */
export function renewSubscription(ctx: DomainContext, sub: SubscriptionEntity): DomainEvent[] {
  const { tenant } = ctx;
  const base = { at: tenant.clock.timestamp(), client_id: tenant.clientId, object_id: sub.id };
  const plan = tenant.plans.get(sub.planId);
  const stx = tenant.smartTransactions.get(sub.smartTransactionId);
  const dueAt = Date.parse(sub.billing_cycles!.next_billing_time!);
  const billed = plan && stx && !allCyclesBilled(sub.billing_cycles) ? billOnce(sub.billing_cycles!, plan, dueAt) : undefined;
  if (!billed) {
    const cycles = { ...sub.billing_cycles, next_billing_time: undefined };
    moveSubscription(ctx, withoutFailures(sub), 'complete', 'completed', { billing_cycles: cycles });
    return [{ ...base, event: 'subscription.completed' }];
  }
  const amount = planCycle(plan!, billed.billed)?.price ?? stx!.basket_info?.sum ?? 0;
  const refused = amount > 0 ? refusal(ctx, sub, amount) : undefined;
  if (refused) {
    const attempt = (sub.failedRenewals ?? 0) + 1;
    const failed: DomainEvent = { ...base, event: 'subscription.renewal_failed', amount, attempt, reason: refused };
    if (attempt <= RENEWAL_RETRY_DAYS.length) {
      tenant.subscriptions.put(touched(ctx, sub, { failedRenewals: attempt }));
      return [failed];
    }
    moveSubscription(ctx, sub, 'suspend', 'suspended', { failedRenewals: attempt });
    return [failed, { ...base, event: 'subscription.suspended' }];
  }
  // A free cycle (price 0) is counted without a payment.
  let paymentId: string | undefined;
  if (amount > 0) {
    const container = tenant.containers.get(sub.containerId!)!;
    const method = stx!.payment_method ?? METHOD_OF_CONTAINER[container.type] ?? 'debit';
    const currency = plan!.currency ?? stx!.basket_info?.currency ?? 'EUR';
    const pci = newPaymentTransaction(ctx, { ...stx!, basket_info: { sum: amount, currency } }, method, 'captured', {
      containerId: sub.containerId,
      customerId: sub.customerId,
      subscriptionId: sub.id,
    });
    markDebitReturn(ctx, pci.id, container.type === 'bank_account' ? container.private?.iban : undefined);
    paymentId = pci.id;
  }
  const next = billed.nextAt === undefined ? undefined : formatTimestamp(billed.nextAt);
  tenant.subscriptions.put(touched(ctx, withoutFailures(sub), { billing_cycles: { ...billed.cycles, next_billing_time: next } }));
  return [{ ...base, event: 'subscription.renewed', amount, ...(paymentId ? { payment_transaction: paymentId } : {}) }];
}
