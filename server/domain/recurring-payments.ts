// Recurring payments (the guide that replaces subscription payments): a first payment the payer
// authorises (CIT, `mit_instructions.type: "cit"`, with `container_instructions.request_token`)
// leaves a card container with an active token; later payments (MIT, `merchant_initiated: true`,
// `mit_instructions.type: "mit"` naming the first payment in `cit_reference`) are authorised with
// that container at once. The rules here are checked on create/update and again on prepare.
import type { PaymentContext } from '../schemas/smart-transactions-parts.js';
import type { ContainerEntity, SmartTransactionEntity } from '../store/entities.js';
import { cardTokenLifecycle } from './card-token-lifecycle.js';
import { touched, type DomainContext } from './context.js';
import { fail } from './errors.js';
import { move } from './lifecycle.js';
import { amountStands } from './payment-transaction-lifecycle.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether `expiry` (a date, or a date-time with offset) lies before the tenant's clock. */
function expired(ctx: DomainContext, field: string, expiry: string): boolean {
  const now = ctx.tenant.clock.timestamp();
  if (DATE.test(expiry)) return expiry < now.slice(0, 10);
  if (DATE_TIME.test(expiry)) return Date.parse(expiry) < Date.parse(now);
  return fail('format', { reason: `${field} must be a date (2030-12-31) or a date-time with offset, got "${expiry.slice(0, 60)}"` });
}

const mitOf = (context: PaymentContext | undefined) => context?.mit_instructions;

/** A payment the Smart Transaction's payment_context marks as merchant-initiated. */
export const isMerchantInitiated = (stx: Pick<SmartTransactionEntity, 'payment_context'>) => stx.payment_context?.merchant_initiated === true;

/** The first payment (CIT) `cit_reference` names, checked: this tenant's, a CIT, not expired. */
function citPayment(ctx: DomainContext, reference: string | undefined) {
  const field = 'payment_context.mit_instructions.cit_reference';
  if (!reference) return fail('format', { reason: `${field} is required for all merchant-initiated transactions` });
  const { tenant } = ctx;
  const pci = tenant.paymentTransactions.get(reference);
  const first = pci?.smartTransactionId ? tenant.smartTransactions.get(pci.smartTransactionId) : undefined;
  // Another tenant's id is indistinguishable from an unknown one.
  if (!pci || !first) return fail('format', { reason: `${field} ${reference.slice(0, 60)} is no payment transaction of this merchant` });
  const cit = mitOf(first.payment_context);
  if (cit?.type !== 'cit') return fail('format', { reason: `${field} ${reference} is not a customer-initiated first payment (mit_instructions.type cit)` });
  if (!amountStands[pci.state]) return fail('format', { reason: `${field} ${reference} was not authorised (${pci.state})` });
  if (cit.recurring_expiry && expired(ctx, 'recurring_expiry', cit.recurring_expiry)) {
    fail('format', { reason: `the recurring payments of ${reference} expired on ${cit.recurring_expiry}` });
  }
  return { pci, first };
}

/** The payment_context rules of create and update. */
export function checkMitInstructions(ctx: DomainContext, context: PaymentContext | undefined): void {
  const mit = mitOf(context);
  if (!mit) {
    if (context?.merchant_initiated) fail('format', { reason: 'payment_context.mit_instructions (type mit, cit_reference) is required for merchant-initiated transactions' });
    return;
  }
  if (mit.type === undefined) fail('format', { reason: 'payment_context.mit_instructions.type is required (cit or mit)' });
  if (mit.type === 'cit') {
    if (context?.merchant_initiated) fail('format', { reason: 'a customer-initiated payment (mit_instructions.type cit) is not merchant_initiated' });
    if (!mit.standing_instruction) fail('format', { reason: 'payment_context.mit_instructions.standing_instruction is required (recurring or ucof)' });
    if (mit.standing_instruction === 'recurring' && mit.recurring_frequency === undefined) {
      fail('format', { reason: 'payment_context.mit_instructions.recurring_frequency is required for standing_instruction recurring' });
    }
    if (mit.recurring_expiry && expired(ctx, 'payment_context.mit_instructions.recurring_expiry', mit.recurring_expiry)) {
      fail('format', { reason: `payment_context.mit_instructions.recurring_expiry ${mit.recurring_expiry} lies in the past` });
    }
    return;
  }
  if (!context?.merchant_initiated) fail('format', { reason: 'mit_instructions.type mit needs payment_context.merchant_initiated true' });
  citPayment(ctx, mit.cit_reference);
}

/**
 * prepare/creditcard of a merchant-initiated payment: the first payment is still valid and the
 * container is a card whose token is active. Returns nothing; throws the 400 otherwise.
 */
export function checkMitPayment(ctx: DomainContext, stx: SmartTransactionEntity, container: ContainerEntity | undefined): void {
  citPayment(ctx, mitOf(stx.payment_context)?.cit_reference);
  if (!container) return fail('format', { reason: 'container (the PCT_ of the first payment) is required for a merchant-initiated payment' });
  if (container.type !== 'credit_card' || container.token_status?.status !== 'active') {
    fail('format', { reason: `container ${container.id} holds no active card token (approve a first payment with container_instructions.request_token)` });
  }
}

/**
 * After the payer approved a card: the container gets an active token when the payment asked for
 * one (`container_instructions.request_token`). The real API activates it a little later; the mock at once.
 */
export function tokeniseCard(ctx: DomainContext, stx: SmartTransactionEntity, container: ContainerEntity): ContainerEntity {
  if (container.type !== 'credit_card' || !stx.payment_context?.container_instructions?.request_token) return container;
  const current = container.token_status?.status ?? 'not requested';
  // A card approved again (a second first payment) keeps its active token.
  if (current === 'active') return container;
  const requested = move(cardTokenLifecycle, 'payment.containers token', { id: container.id, status: current }, 'request', 'requested');
  const status = move(cardTokenLifecycle, 'payment.containers token', { id: container.id, status: requested }, 'activate', 'active');
  const now = ctx.tenant.clock.timestamp();
  const created = container.token_status?.created ?? now;
  return ctx.tenant.containers.put(touched(ctx, container, { token_status: { status, created, last_modified: now, version: '1' } }));
}
