// Setup shared by the subscription and payment transaction domain tests: Smart Transactions
// prepared or captured through the domain, and what their payments and subscription look like.
import type { DomainContext } from '../../server/domain/context.js';
import { formatPaymentTransaction } from '../../server/domain/formatters.js';
import { prepareSmartTransaction, startSmartTransaction } from '../../server/domain/smart-transaction-payments.js';
import type { PaymentTransactionEntity } from '../../server/store/entities.js';
import { newStx, type StxShape } from './support.js';

export const SUM = 1500;

export function planOf(ctx: DomainContext): string {
  return [...ctx.tenant.plans.values()][0].id;
}

/** The Smart Transaction's payment transactions (refunds are reached through `refundIds`). */
export function paymentsOf(ctx: DomainContext, stxId: string): PaymentTransactionEntity[] {
  return ctx.tenant.smartTransactions.get(stxId)!.transactionIds.map((id) => ctx.tenant.paymentTransactions.get(id)!);
}

export function pci(ctx: DomainContext, id: string): PaymentTransactionEntity {
  return ctx.tenant.paymentTransactions.get(id)!;
}

export function subscriptionOf(ctx: DomainContext, stxId: string) {
  const id = ctx.tenant.smartTransactions.get(stxId)!.subscriptionId;
  return id ? ctx.tenant.subscriptions.get(id) : undefined;
}

/** A Smart Transaction prepared with `method` and its (first) payment transaction. */
export function prepared(ctx: DomainContext, method: 'debit' | 'prepaid' | 'invoice', shape: StxShape = {}) {
  const stxId = newStx(ctx, { sum: SUM, ...shape });
  prepareSmartTransaction(ctx, stxId, method, undefined);
  return { stxId, pciId: paymentsOf(ctx, stxId)[0].id };
}

export function captured(ctx: DomainContext, shape: StxShape = {}, method: 'debit' | 'invoice' = 'debit') {
  const p = prepared(ctx, method, shape);
  startSmartTransaction(ctx, p.stxId, undefined);
  return p;
}

export function wireStatus(ctx: DomainContext, id: string) {
  const w = formatPaymentTransaction(ctx, pci(ctx, id));
  return { status: w.status, status_simple: w.details?.status_simple, amount: w.amount, effective: w.details?.amount };
}
