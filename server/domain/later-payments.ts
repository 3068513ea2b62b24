// Payments that change days later, on the tenant's clock (docs/magic-values.md): an advance
// payment of a magic amount arrives by itself, a debit from a magic IBAN comes back.
import type { DomainEvent } from '../schemas/clock.js';
import type { PaymentTransactionEntity } from '../store/entities.js';
import type { Tenant } from '../store/tenant.js';
import type { DomainContext } from './context.js';
import { can } from './lifecycle.js';
import { settlesAfterDays } from './magic-values.js';
import { returnDebit } from './payment-transactions.js';
import { smartTransactionLifecycle } from './smart-transaction-lifecycle.js';
import { settleSmartTransaction } from './smart-transaction-payments.js';

/** A debit from a `debit_returned` IBAN comes back this many days after its capture. */
export const DEBIT_RETURN_DAYS = 5;
const DAY_MS = 86_400_000;

/** When a marked debit comes back: epoch ms, or undefined. */
export function debitReturnDueAt(pci: PaymentTransactionEntity): number | undefined {
  if (pci.debitReturn !== 'due' || pci.state !== 'captured') return undefined;
  const at = Date.parse(pci.capturedAt ?? pci.created) + DEBIT_RETURN_DAYS * DAY_MS;
  return Number.isFinite(at) ? at : undefined;
}

/** When a pending advance payment of a magic amount arrives: epoch ms, or undefined. */
export function settlementDueAt(tenant: Tenant, pci: PaymentTransactionEntity): number | undefined {
  if (pci.state !== 'pending' || !pci.smartTransactionId) return undefined;
  const days = settlesAfterDays(tenant, pci.amount);
  const at = days === undefined ? NaN : Date.parse(pci.created) + days * DAY_MS;
  return Number.isFinite(at) ? at : undefined;
}

function event(ctx: DomainContext, name: DomainEvent['event'], pci: PaymentTransactionEntity): DomainEvent {
  return { event: name, at: ctx.tenant.clock.timestamp(), client_id: ctx.tenant.clientId, object_id: pci.id, amount: pci.amount };
}

/** The debit comes back: `returned` (status_simple 4, pushed `changed`). */
export function returnDueDebit(ctx: DomainContext, pci: PaymentTransactionEntity): DomainEvent[] {
  returnDebit(ctx, pci);
  return [event(ctx, 'payment.debit_returned', pci)];
}

/** The money arrived: the Smart Transaction settles as `POST /__mock/smart-transactions/{id}/settle` would. */
export function settleDuePayment(ctx: DomainContext, pci: PaymentTransactionEntity): DomainEvent[] {
  const stx = ctx.tenant.smartTransactions.get(pci.smartTransactionId!);
  if (!stx || !can(smartTransactionLifecycle, stx.status, 'settle')) return [];
  settleSmartTransaction(ctx, stx.id);
  return [event(ctx, 'payment.settled', pci)];
}
