// Which changes secuconnect pushes, and to where. A push goes to the url_push of the Smart
// Transaction an object came from (a renewal payment: its subscription's), looked up when the push
// is recorded. Only recorded here, inside the step's transaction; delivery is a plugin's job.
import type { PushTarget, PushType } from '../schemas/pushes.js';
import { newPush } from '../store/outbox.js';
import type { PaymentTransactionEntity, SubscriptionEntity } from '../store/entities.js';
import type { DomainContext } from './context.js';
import { paymentTransactionStates, type PaymentTransactionState } from './payment-transaction-lifecycle.js';
import type { SubscriptionEvent } from './subscription-lifecycle.js';

/** The subscription moves that are pushed: cancelled, suspended, re-activated, and completed ("expired"). */
const PUSHED_SUBSCRIPTION_EVENTS: ReadonlySet<SubscriptionEvent> = new Set(['cancel', 'suspend', 'reactivate', 'complete']);

function urlPushOf(ctx: DomainContext, ref: { smartTransactionId?: string; subscriptionId?: string }): string | undefined {
  const { tenant } = ctx;
  const stxId = ref.smartTransactionId ?? (ref.subscriptionId ? tenant.subscriptions.get(ref.subscriptionId)?.smartTransactionId : undefined);
  return stxId ? tenant.smartTransactions.get(stxId)?.application_context?.return_urls?.url_push : undefined;
}

function record(ctx: DomainContext, url: string | undefined, target: PushTarget, type: PushType, objectId: string): void {
  if (!url) return;
  const { clock, outbox } = ctx.tenant;
  outbox.record(newPush(url, target, type, objectId, clock.now(), clock.timestamp()));
}

/** A new Payment Transaction (the authorisation, a renewal): `added`. */
export function pushNewPaymentTransaction(ctx: DomainContext, pci: PaymentTransactionEntity): void {
  record(ctx, urlPushOf(ctx, pci), 'payment.transactions', 'added', pci.id);
}

/** A Payment Transaction moved: `changed` when its status_simple did. */
export function pushPaymentTransactionMove(ctx: DomainContext, pci: PaymentTransactionEntity, from: PaymentTransactionState): void {
  if (paymentTransactionStates[from].status_simple === paymentTransactionStates[pci.state].status_simple) return;
  record(ctx, urlPushOf(ctx, pci), 'payment.transactions', 'changed', pci.id);
}

/**
 * A refund was made: `changed` naming the refunded payment, not the refund. Receivers re-read the
 * payment and its related transactions; a push naming the refund itself makes them book it twice.
 */
export function pushRefund(ctx: DomainContext, original: PaymentTransactionEntity): void {
  record(ctx, urlPushOf(ctx, original), 'payment.transactions', 'changed', original.id);
}

/** A subscription moved: `changed` for the pushed moves. */
export function pushSubscriptionMove(ctx: DomainContext, sub: SubscriptionEntity, event: SubscriptionEvent): void {
  if (PUSHED_SUBSCRIPTION_EVENTS.has(event)) record(ctx, urlPushOf(ctx, sub), 'payment.subscriptions', 'changed', sub.id);
}
