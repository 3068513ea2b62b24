// Payment Transactions (PCI_): made by a Smart Transaction's prepare/authorisation, captured by
// its start, voided or refunded by cancellations. Before capture a cancellation lowers the amount
// (or voids it); after capture each cancellation creates a refund transaction with a negative
// amount, never more in total than was captured.
import type { PaymentTransactionEntity, SmartTransactionEntity } from '../store/entities.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { fail } from './errors.js';
import { can, move } from './lifecycle.js';
import { methodRules, REFUND_PRODUCT_ID } from './payment-methods.js';
import type { SecupayTransactionSetShippingInformationDTO } from '../schemas/payment-transactions.js';
import {
  amountStands,
  paymentTransactionLifecycle,
  paymentTransactionStates,
  type PaymentTransactionEvent,
  type PaymentTransactionState,
} from './payment-transaction-lifecycle.js';
import { pushNewPaymentTransaction, pushPaymentTransactionMove, pushRefund } from './pushes.js';

export const PAYMENT_TRANSACTION = 'payment.transactions';

function step(ctx: DomainContext, pci: PaymentTransactionEntity, event: PaymentTransactionEvent, to: PaymentTransactionState, changes: Partial<PaymentTransactionEntity> = {}) {
  const state = move(paymentTransactionLifecycle, PAYMENT_TRANSACTION, { id: pci.id, status: pci.state }, event, to);
  const moved = ctx.tenant.paymentTransactions.put(touched(ctx, pci, { ...changes, state }));
  pushPaymentTransactionMove(ctx, moved, pci.state);
  return moved;
}

/** `2021-06-09T22:09:09+02:00` → `09.06.2021` (`short`: `09.06.21`). */
function germanDate(timestamp: string, short = false): string {
  const [y, m, d] = timestamp.slice(0, 10).split('-');
  return `${d}.${m}.${short ? y.slice(2) : y}`;
}

/** The day a capture completes: the shipping date's day (with its offset) or the capture's own. */
function completionDate(now: string, shippedAt: string | undefined): string {
  const given = shippedAt && /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(shippedAt);
  return given ? `${given[1]}T00:00:00${given[2] === 'Z' ? '+00:00' : given[2]}` : `${now.slice(0, 10)}T00:00:00${now.slice(19)}`;
}

/** The state a capture of `pci` leads to: the method's own (invoice) or `captured`. */
export const capturedStateOf = (method: string | undefined): PaymentTransactionState => methodRules(method)?.capturedState ?? 'captured';

export function newPaymentTransaction(
  ctx: DomainContext,
  stx: SmartTransactionEntity,
  method: string,
  state: PaymentTransactionState,
  links: { containerId?: string; customerId?: string; subscriptionId?: string },
): PaymentTransactionEntity {
  const { tenant } = ctx;
  const now = tenant.clock.timestamp();
  const rules = methodRules(method);
  const { merchant } = tenant;
  const generated = `Bestellung am ${germanDate(now)} via secupay bei ${merchant.user?.companyname ?? merchant.id} (${merchant.id_old})`;
  const pci = tenant.paymentTransactions.put({
    id: tenant.ids.id('PCI'),
    created: now,
    updated: now,
    state,
    amount: stx.basket_info?.sum ?? 0,
    currency: stx.basket_info?.currency ?? 'EUR',
    trans_id: tenant.ids.digits(8),
    transaction_hash: tenant.ids.hash(20),
    method,
    product: rules?.product ?? method,
    product_id: rules?.productId,
    description: stx.transactionRef ?? generated,
    descriptionRaw: generated,
    order_id: stx.merchantRef,
    smartTransactionId: stx.id,
    ...links,
    refundIds: [],
  });
  pushNewPaymentTransaction(ctx, pci);
  return pci;
}

export function refundedAmount(ctx: DomainContext, pci: PaymentTransactionEntity): number {
  let sum = 0;
  for (const id of pci.refundIds) sum -= ctx.tenant.paymentTransactions.get(id)?.amount ?? 0;
  return sum;
}

/** What the payment is worth now: 0 when voided, the amount less refunds otherwise. */
export function effectiveAmount(ctx: DomainContext, pci: PaymentTransactionEntity): number {
  if (!amountStands[pci.state]) return 0;
  return pci.amount - refundedAmount(ctx, pci);
}

/**
 * `capture`: the merchant captures an authorisation (with the shipping data of a
 * Payment Transaction capture, when given); `settle`: an advance payment arrived.
 */
export function capture(
  ctx: DomainContext,
  pci: PaymentTransactionEntity,
  event: 'capture' | 'settle',
  amount?: number,
  shipping?: SecupayTransactionSetShippingInformationDTO,
): PaymentTransactionEntity {
  if (amount !== undefined && (amount <= 0 || amount > pci.amount)) {
    fail('notAllowed', { reason: `capture amount ${amount} must be between 1 and ${pci.amount}` });
  }
  const now = ctx.tenant.clock.timestamp();
  const changes: Partial<PaymentTransactionEntity> =
    event === 'settle'
      ? { incoming_payment_date: now }
      : {
          completion_date: completionDate(now, shipping?.shipped_at),
          ...(shipping?.invoice_number !== undefined && { invoice_number: shipping.invoice_number }),
          ...(shipping?.order_id !== undefined && { order_id: shipping.order_id }),
        };
  return step(ctx, pci, event, event === 'settle' ? 'captured' : capturedStateOf(pci.method), { ...changes, amount: amount ?? pci.amount, capturedAt: now });
}

/** The payer's bank sent a captured debit back (the clock, for a magic IBAN's debits). */
export function returnDebit(ctx: DomainContext, pci: PaymentTransactionEntity): PaymentTransactionEntity {
  return step(ctx, pci, 'return_debit', 'returned', { debitReturn: 'returned' });
}

export function voidPayment(ctx: DomainContext, pci: PaymentTransactionEntity): PaymentTransactionEntity {
  return step(ctx, pci, 'void', 'void');
}

function refund(ctx: DomainContext, pci: PaymentTransactionEntity, amount: number): PaymentTransactionEntity[] {
  const { tenant } = ctx;
  const now = tenant.clock.timestamp();
  const rules = methodRules(pci.method);
  const trans_id = tenant.ids.digits(8);
  const description = `TA-Code ${pci.trans_id} (${germanDate(pci.created, true)})|Refund TA-Code ${trans_id}`;
  const refundTx = tenant.paymentTransactions.put({
    id: tenant.ids.id('PCI'),
    created: now,
    updated: now,
    state: 'refund',
    amount: -amount,
    currency: pci.currency,
    trans_id,
    transaction_hash: tenant.ids.hash(20),
    method: pci.method,
    product: rules?.refundProduct ?? 'Erstattung',
    product_id: rules?.refundProductId ?? REFUND_PRODUCT_ID,
    description,
    descriptionRaw: description,
    order_id: pci.order_id,
    smartTransactionId: pci.smartTransactionId,
    subscriptionId: pci.subscriptionId,
    customerId: pci.customerId,
    containerId: pci.containerId,
    parentId: pci.id,
    refundIds: [],
  });
  const original = step(ctx, pci, 'refund', pci.state, { refundIds: [...pci.refundIds, refundTx.id] });
  pushRefund(ctx, original);
  return [original, refundTx];
}

/**
 * Cancels `reduce_amount_by` (or, deprecated, `amount`; none means everything that is left).
 * Returns the original transaction and, after capture, the new refund transaction.
 */
export function cancelOrRefund(ctx: DomainContext, pci: PaymentTransactionEntity, by?: number): PaymentTransactionEntity[] {
  const remaining = effectiveAmount(ctx, pci);
  const refundable = can(paymentTransactionLifecycle, pci.state, 'refund');
  if (!refundable && !can(paymentTransactionLifecycle, pci.state, 'void')) {
    fail('illegalTransition', { action: 'cancel', object: PAYMENT_TRANSACTION, id: pci.id, status: pci.state });
  }
  if (remaining <= 0) fail('notAllowed', { reason: `payment.transactions ${pci.id} is already fully refunded` });
  const amount = by ?? remaining;
  if (amount <= 0 || amount > remaining) {
    fail('notAllowed', { reason: `reduce_amount_by ${amount} must be between 1 and the remaining ${remaining}` });
  }
  if (refundable) return refund(ctx, pci, amount);
  if (amount === remaining) return [voidPayment(ctx, pci)];
  return [step(ctx, pci, 'reduce', pci.state, { amount: pci.amount - amount })];
}

export function checkStatus(ctx: DomainContext, id: string) {
  const pci = mustGet(ctx.tenant.paymentTransactions, id, PAYMENT_TRANSACTION);
  return { ...paymentTransactionStates[pci.state], amount: effectiveAmount(ctx, pci), currency: pci.currency };
}
