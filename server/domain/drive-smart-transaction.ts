// The one way to bring a new Smart Transaction to a status without a client: the real steps, in
// the order a shop and its payer would take them. Scenario seeding, provider states and tests use it.
import type { SmartTransactionEntity } from '../store/entities.js';
import { mustGet, type DomainContext } from './context.js';
import { fail } from './errors.js';
import { isDeclinedAmount } from './magic-values.js';
import { methodRules } from './payment-methods.js';
import { CAPTURED_STATUSES, type SmartTransactionStatus } from './smart-transaction-lifecycle.js';
import { answerCheckout, prepareSmartTransaction, settleSmartTransaction, startSmartTransaction } from './smart-transaction-payments.js';
import { cancelSmartTransaction, setDelivery, SMART_TRANSACTION } from './smart-transactions.js';

/** The method a target status is reached with when none is named. */
export function defaultMethod(target: SmartTransactionStatus): string {
  return target === 'pending' ? 'prepaid' : target === 'failed' ? 'creditcard' : 'debit';
}

/**
 * Drives the Smart Transaction `id` (in `created`) to `target`: prepare with `method` (and the
 * payer's answer on the checkout page where the method has one), then start or the advance
 * payment's arrival, then setDelivery. `failed` is a payer's decline (or a declined amount);
 * `cancelled` is a cancel, after a prepare only when a method is named. Throws when the steps end
 * elsewhere (a declined amount, a sale driven to `shipped`), naming where they ended.
 */
export function driveSmartTransaction(ctx: DomainContext, id: string, target: SmartTransactionStatus, method?: string): SmartTransactionEntity {
  const get = () => mustGet(ctx.tenant.smartTransactions, id, SMART_TRANSACTION);
  const chosen = method ?? defaultMethod(target);
  const payerAnswers = (approved: boolean) => {
    if (get().status === 'created' && methodRules(chosen)?.payerApproves) answerCheckout(ctx, id, approved);
  };
  if (target === 'cancelled') {
    if (method !== undefined) (prepareSmartTransaction(ctx, id, chosen, {}), payerAnswers(true));
    cancelSmartTransaction(ctx, id, 'cancel');
  } else if (target === 'failed') {
    prepareSmartTransaction(ctx, id, chosen, {});
    payerAnswers(false);
  } else if (target !== 'created') {
    prepareSmartTransaction(ctx, id, chosen, {});
    payerAnswers(true);
    const delivered = target === 'shipped' || target === 'collected';
    const captured = delivered || (CAPTURED_STATUSES as readonly string[]).includes(target);
    if (captured && get().status === 'approved') startSmartTransaction(ctx, id, chosen);
    if (captured && get().status === 'pending') settleSmartTransaction(ctx, id);
    if (delivered && get().status !== target) setDelivery(ctx, id, { delivery_options: { type: target === 'shipped' ? 'shipping' : 'collection' } });
  }
  const stx = get();
  if (stx.status !== target) {
    const why = isDeclinedAmount(stx.basket_info?.sum, ctx.tenant) ? ` (amount ${stx.basket_info?.sum} is declined)` : '';
    fail('notAllowed', { reason: `${chosen} reached status ${stx.status}, not ${target}${why}` });
  }
  return stx;
}
