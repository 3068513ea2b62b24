// Smart Transactions (STX_): create, update while `created`, cancel/abort, setDelivery. The payment
// steps (prepare, checkout approval, start) are in smart-transaction-payments.ts.
import type { SmartTransactionPaymentContainerDTO, SmartTransactionPaymentCustomerDTO, SmartTransactionsDTO } from '../schemas/smart-transactions.js';
import type { SmartTransactionsSetDeliveryModel } from '../schemas/smart-transactions.js';
import type { SmartTransactionEntity } from '../store/entities.js';
import { newSecret } from '../store/ids.js';
import { CONTAINER, newBankAccountContainer, newCheckoutContainer } from './containers.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { CUSTOMER, newCustomer } from './customers.js';
import { fail } from './errors.js';
import { can, move } from './lifecycle.js';
import { cancelOrRefund, effectiveAmount } from './payment-transactions.js';
import { PLAN } from './plans.js';
import { checkMitInstructions } from './recurring-payments.js';
import { smartTransactionLifecycle, type SmartTransactionEvent, type SmartTransactionStatus } from './smart-transaction-lifecycle.js';
import { subscriptionLifecycle } from './subscription-lifecycle.js';
import { moveSubscription } from './subscriptions.js';

export const SMART_TRANSACTION = 'smart.transactions';

/** Shared by every Smart Transaction without payment transactions (entities are immutable). */
const NO_TRANSACTIONS: readonly string[] = Object.freeze([]);

export function moveSmartTransaction(stx: SmartTransactionEntity, event: SmartTransactionEvent, to: SmartTransactionStatus) {
  return move(smartTransactionLifecycle, SMART_TRANSACTION, stx, event, to);
}

export function resolveCustomer(ctx: DomainContext, ref: SmartTransactionPaymentCustomerDTO | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.id !== undefined) return mustGet(ctx.tenant.customers, ref.id, CUSTOMER).id;
  return ref.contact ? newCustomer(ctx, ref.contact).id : undefined;
}

/**
 * An existing container, or a new one from the inline data: a bank account, or (`cards`: the
 * custom checkout's prepare/creditcard) the card the card iframe returned.
 */
export function resolveContainer(
  ctx: DomainContext,
  ref: SmartTransactionPaymentContainerDTO | undefined,
  customerId: string | undefined,
  cards = false,
): string | undefined {
  if (!ref) return undefined;
  if (ref.id !== undefined) return mustGet(ctx.tenant.containers, ref.id, CONTAINER).id;
  if (cards && ref.type === 'credit_card') return newCheckoutContainer(ctx, 'credit_card', customerId, ref.private).id;
  const customer = ref.customer ?? (ref.customer_id ? undefined : customerId ? { id: customerId } : undefined);
  return newBankAccountContainer(ctx, { ...ref, customer }).id;
}

function itemTotal(item: NonNullable<NonNullable<SmartTransactionsDTO['basket']>['products']>[number]): number {
  const total = item.sum ?? (item.priceOne ?? 0) * (item.quantity ?? 1);
  if (item.item_type === 'coupon') return -Math.abs(total);
  return item.item_type === 'stakeholder_payment' ? 0 : total;
}

/**
 * Basket rules (that `basket_info.currency` is an ISO 4217 code is a schema rule): `basket_info.sum`
 * equals the basket total; a subscription is the basket's only item and names a known plan.
 */
function checkBasket(ctx: DomainContext, basket: SmartTransactionsDTO['basket'], info: SmartTransactionsDTO['basket_info']) {
  const products = basket?.products ?? [];
  if (products.length && info?.sum !== undefined) {
    const total = products.reduce((sum, item) => sum + itemTotal(item), 0);
    if (total !== info.sum) fail('format', { reason: `basket_info.sum ${info.sum} does not match the basket total ${total}` });
  }
  const subscriptions = products.filter((p) => p.item_type === 'subscription');
  if (subscriptions.length === 0) return;
  if (products.length > 1) fail('format', { reason: 'basket: a subscription must be the only basket item' });
  const planId = subscriptions[0].plan_id;
  if (!planId) fail('format', { reason: 'basket.products.0.plan_id is required for item_type subscription' });
  mustGet(ctx.tenant.plans, planId!, PLAN);
}

type Basket = NonNullable<SmartTransactionsDTO['basket']>;
// Shared by every basket that has none of its own: stored entities are never changed in place.
const NO_TEXTS = Object.freeze([]) as unknown as NonNullable<Basket['texts']>;
const EMPTY_BASKET: Basket = Object.freeze({ products: Object.freeze([]), type: 'default', texts: NO_TEXTS }) as unknown as Basket;

/**
 * The basket as the real API answers it: `type` (`mixed` when it holds a marketplace's
 * sub-transactions, else `default`), `texts`, and items without `item_type` as `article`.
 */
function normalizedBasket(basket: Basket | undefined): Basket {
  if (!basket) return EMPTY_BASKET;
  // Filled in place: the basket is the request's own parse, and copies of it would each cost the
  // stored transaction another object per product.
  const products = basket.products ?? [];
  for (const p of products) p.item_type ??= 'article';
  const mixed = products.some((p) => p.item_type === 'sub_transaction' || p.sub_basket?.length);
  basket.products = products;
  basket.type ??= mixed ? 'mixed' : 'default';
  basket.texts ??= NO_TEXTS;
  return basket;
}

/** The DTO fields stored as they came; references and request-only shapes are resolved separately. */
function storedFields(dto: SmartTransactionsDTO) {
  const { customer, shipping_address, container, merchant, contract, provider_contract, device_source, ...fields } = dto;
  return dto.basket ? { ...fields, basket: normalizedBasket(dto.basket) } : fields;
}

export function createSmartTransaction(ctx: DomainContext, dto: SmartTransactionsDTO | undefined, id?: string): SmartTransactionEntity {
  if (!dto) return fail('noPayload');
  const { tenant } = ctx;
  if (dto.merchant !== undefined && dto.merchant !== tenant.merchant.id) fail('notFound', { object: 'general.merchants', id: dto.merchant });
  return tenant.transact(() => {
    checkBasket(ctx, dto.basket, dto.basket_info);
    checkMitInstructions(ctx, dto.payment_context);
    const customerId = resolveCustomer(ctx, dto.customer);
    const shippingAddressId = resolveCustomer(ctx, dto.shipping_address);
    const containerId = resolveContainer(ctx, dto.container, customerId);
    const stxId = id ?? tenant.ids.id('STX');
    const now = tenant.clock.timestamp();
    return tenant.smartTransactions.put({
      intent: 'sale',
      is_demo: false,
      basket: EMPTY_BASKET,
      ...storedFields(dto),
      id: stxId,
      created: now,
      updated: now,
      status: 'created',
      customerId,
      shippingAddressId,
      containerId,
      transactionIds: NO_TRANSACTIONS,
      pageSecret: newSecret(),
    });
  });
}

export function updateSmartTransaction(ctx: DomainContext, id: string, dto: SmartTransactionsDTO | undefined): SmartTransactionEntity {
  const stx = mustGet(ctx.tenant.smartTransactions, id, SMART_TRANSACTION);
  if (!dto) return fail('noPayload');
  const status = moveSmartTransaction(stx, 'update', 'created');
  return ctx.tenant.transact(() => {
    checkBasket(ctx, dto.basket ?? stx.basket, dto.basket_info ?? stx.basket_info);
    if (dto.payment_context) checkMitInstructions(ctx, dto.payment_context);
    const customerId = dto.customer ? resolveCustomer(ctx, dto.customer) : stx.customerId;
    const shippingAddressId = dto.shipping_address ? resolveCustomer(ctx, dto.shipping_address) : stx.shippingAddressId;
    const containerId = dto.container ? resolveContainer(ctx, dto.container, customerId) : stx.containerId;
    return ctx.tenant.smartTransactions.put(
      touched(ctx, stx, { ...storedFields(dto), status, customerId, shippingAddressId, containerId }),
    );
  });
}

/** cancel (any time before it is cancelled) and abort (before capture): void or refund what was paid, end the subscription. */
export function cancelSmartTransaction(ctx: DomainContext, id: string, event: 'cancel' | 'abort'): SmartTransactionEntity {
  const { tenant } = ctx;
  const stx = mustGet(tenant.smartTransactions, id, SMART_TRANSACTION);
  const status = moveSmartTransaction(stx, event, 'cancelled');
  return tenant.transact(() => {
    for (const pciId of stx.transactionIds) {
      const pci = tenant.paymentTransactions.get(pciId);
      // Denied and voided payments are worth nothing, refunds less than nothing: only the rest is cancelled.
      if (pci && effectiveAmount(ctx, pci) > 0) cancelOrRefund(ctx, pci);
    }
    const sub = stx.subscriptionId ? tenant.subscriptions.get(stx.subscriptionId) : undefined;
    if (sub && can(subscriptionLifecycle, sub.status, 'cancel')) moveSubscription(ctx, sub, 'cancel', 'cancelled');
    return tenant.smartTransactions.put(touched(ctx, stx, { status }));
  });
}

/** Where a delivery leads: an order is shipped or collected; anything else the table allows stays. */
const DELIVERED: Partial<Record<SmartTransactionStatus, SmartTransactionStatus>> = { received: 'shipped', collection: 'collected' };

export function setDelivery(ctx: DomainContext, id: string, body: SmartTransactionsSetDeliveryModel | undefined): SmartTransactionEntity {
  const stx = mustGet(ctx.tenant.smartTransactions, id, SMART_TRANSACTION);
  const status = moveSmartTransaction(stx, 'setDelivery', DELIVERED[stx.status] ?? stx.status);
  const delivery_options = { ...stx.delivery_options, ...body?.delivery_options };
  return ctx.tenant.transact(() => ctx.tenant.smartTransactions.put(touched(ctx, stx, { status, delivery_options })));
}
