// The payment steps of a Smart Transaction: prepare (authorise), the payer's answer on the
// checkout page for card/PayPal-like methods, start (capture) and the arrival of an advance
// payment. Each step moves the Payment Transaction and the Subscription in the same commit.
import type { PaymentInstrumentDescriptor } from '../schemas/common.js';
import type { PaymentTransactionCancelDTO, PaymentTransactionsCaptureDTO } from '../schemas/payment-transactions.js';
import type { SmartTransactionsPrepare } from '../schemas/smart-transactions.js';
import type { SmartTransactionEntity } from '../store/entities.js';
import { CONTAINER, newBankAccountContainer, newCheckoutContainer } from './containers.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { fail } from './errors.js';
import { can } from './lifecycle.js';
import { authorisationRefusal, markDebitReturn } from './magic-values.js';
import { methodRules, paymentMethods } from './payment-methods.js';
import { paymentTransactionLifecycle, type PaymentTransactionState } from './payment-transaction-lifecycle.js';
import { checkMitPayment, isMerchantInitiated, tokeniseCard } from './recurring-payments.js';
import { cancelOrRefund, capture, capturedStateOf, newPaymentTransaction, PAYMENT_TRANSACTION } from './payment-transactions.js';
import { CAPTURED_STATUSES, smartTransactionLifecycle, type SmartTransactionStatus } from './smart-transaction-lifecycle.js';
import {
  cancelSmartTransaction,
  moveSmartTransaction,
  resolveContainer,
  resolveCustomer,
  SMART_TRANSACTION,
} from './smart-transactions.js';
import { subscriptionLifecycle } from './subscription-lifecycle.js';
import { moveSubscription, newSubscription } from './subscriptions.js';

/** Pages of the mock are stored as paths; the formatter puts the base URL the client used in front. */
export const checkoutPath = (stx: Pick<SmartTransactionEntity, 'id' | 'pageSecret'>, method?: string) =>
  checkoutLinks(stx)(method);

/**
 * The links to a transaction's checkout page, per method (none: the method choice): the id is
 * encoded once for all of them, as the formatter makes eight per answer.
 */
export function checkoutLinks(stx: Pick<SmartTransactionEntity, 'id' | 'pageSecret'>, base = '') {
  const page = `${base}/__mock/checkout/${encodeURIComponent(stx.id)}?`;
  const secret = `secret=${stx.pageSecret}`;
  return (method?: string) => (method ? page + methodQuery(method) + secret : page + secret);
}

/** `method=…&` of the link query, encoded once per method of the table. */
const METHOD_QUERIES = new Map(Object.keys(paymentMethods).map((m) => [m, `method=${encodeURIComponent(m)}&`]));
const methodQuery = (method: string) => METHOD_QUERIES.get(method) ?? `method=${encodeURIComponent(method)}&`;

/** The rules of `method`, or the refusal of a method the mock does not emulate. */
const rulesOf = (step: string, method: string) =>
  methodRules(method) ?? fail('notAllowed', { reason: `${step}/${method}: point-of-sale methods are not emulated` });

/** Still to be paid: the statuses from which the table allows a prepare (new, or a failed attempt to repeat). */
export const awaitsPayment = (stx: SmartTransactionEntity) => can(smartTransactionLifecycle, stx.status, 'prepare');

const isCaptured = (status: SmartTransactionStatus) => (CAPTURED_STATUSES as readonly string[]).includes(status);

/** Where a captured Smart Transaction ends up: `ok` for a sale, `received`/`collection` for an order. */
function capturedStatus(stx: SmartTransactionEntity): SmartTransactionStatus {
  if (stx.intent !== 'order') return 'ok';
  return stx.delivery_options?.type === 'collection' ? 'collection' : 'received';
}

/** Status right after the payment is authorised. */
function authorisedStatus(stx: SmartTransactionEntity): SmartTransactionStatus {
  return stx.payment_context?.auto_capture ? capturedStatus(stx) : 'approved';
}

function paymentInstructions(ctx: DomainContext, stx: SmartTransactionEntity) {
  const purpose = `TA ${ctx.tenant.ids.digits(8)} ${stx.merchantRef ?? ''}`.trim();
  return {
    iban: 'DE88100500001310032358',
    bic: 'BELADEBEXXX',
    owner: 'secupay AG',
    bankname: 'Landesbank Berlin',
    purpose,
    girocode_url: `/__mock/girocode/${encodeURIComponent(stx.id)}?secret=${stx.pageSecret}`,
  };
}

/**
 * The authorisation: a Payment Transaction in the state that fits `status` and, for a
 * subscription basket, the Subscription. Returns the changes to the Smart Transaction.
 */
function authorise(ctx: DomainContext, stx: SmartTransactionEntity, method: string, status: SmartTransactionStatus, customerId?: string, containerId?: string) {
  const captured = isCaptured(status);
  const subscription = newSubscription(ctx, stx, captured ? 'active' : 'approved', customerId, containerId);
  const state: PaymentTransactionState =
    status === 'pending' ? 'pending' : captured ? capturedStateOf(method) : subscription ? 'subscription_approved' : 'authorized';
  const pci = newPaymentTransaction(ctx, stx, method, state, { customerId, containerId, subscriptionId: subscription?.id });
  return {
    transactionIds: [...stx.transactionIds, pci.id],
    trans_id: pci.trans_id,
    subscriptionId: subscription?.id ?? stx.subscriptionId,
  };
}

export function prepareSmartTransaction(ctx: DomainContext, id: string, method: string, body: SmartTransactionsPrepare | undefined): SmartTransactionEntity {
  const { tenant } = ctx;
  const stx = mustGet(tenant.smartTransactions, id, SMART_TRANSACTION);
  const rules = rulesOf('prepare', method);
  return tenant.transact(() => {
    const customerId = body?.customer ? resolveCustomer(ctx, body.customer) : stx.customerId;
    const cards = rules.container === 'credit_card';
    const containerId = body?.container ? resolveContainer(ctx, body.container, customerId, cards) : stx.containerId;
    const container = containerId ? mustGet(tenant.containers, containerId, CONTAINER) : undefined;
    if (rules.container === 'bank_account' && container?.type !== rules.container) {
      fail('format', { reason: container ? `container ${container.id} is not a bank_account` : `container is required for ${method}` });
    }
    // A merchant-initiated card payment reuses the first payment's token: no payer on a page.
    const merchantInitiated = rules.merchantInitiated === true && isMerchantInitiated(stx);
    if (merchantInitiated) checkMitPayment(ctx, stx, container);
    const payer = customerId ?? container?.customerId;
    // A page the payer was sent to for an earlier method is gone once another method is prepared.
    const base = { ...stx, customerId: payer, containerId, payment_method: method, iframe_url: undefined };
    let status: SmartTransactionStatus;
    let changes: Partial<SmartTransactionEntity> = {};
    const iban = rules.container === 'bank_account' ? container?.private?.iban : undefined;
    if (authorisationRefusal(tenant, stx.basket_info?.sum, iban)) {
      status = moveSmartTransaction(stx, 'prepare', 'failed');
    } else if (rules.payerApproves && !merchantInitiated) {
      status = moveSmartTransaction(stx, 'prepare', 'created');
      changes = { iframe_url: checkoutPath(stx, method), callbackUrls: body?.callback_urls };
    } else {
      status = moveSmartTransaction(stx, 'prepare', rules.paymentInstructions ? 'pending' : authorisedStatus(base));
      changes = authorise(ctx, base, method, status, payer, containerId);
      markDebitReturn(ctx, changes.transactionIds?.at(-1), iban);
      if (rules.paymentInstructions) changes = { ...changes, payment_instructions: paymentInstructions(ctx, base) };
    }
    return tenant.smartTransactions.put(touched(ctx, stx, { ...base, ...changes, status }));
  });
}

/** What the payer typed on the checkout page: the card, or the bank account of a direct debit. */
export interface PayerDetails {
  readonly card?: PaymentInstrumentDescriptor;
  readonly bankAccount?: { readonly owner: string; readonly iban: string };
}

/** The payer's answer on the checkout page (iframe_url) for card, PayPal and the like. */
export function answerCheckout(ctx: DomainContext, id: string, approved: boolean, card?: PaymentInstrumentDescriptor): SmartTransactionEntity {
  const { tenant } = ctx;
  const stx = mustGet(tenant.smartTransactions, id, SMART_TRANSACTION);
  // The table decides first, so an answer in a status that allows none is the illegal transition.
  const status = approved ? moveSmartTransaction(stx, 'authorize', authorisedStatus(stx)) : moveSmartTransaction(stx, 'decline', 'failed');
  const method = stx.payment_method;
  const rules = methodRules(method);
  if (!stx.iframe_url || !rules?.payerApproves) {
    return fail('notAllowed', { reason: `smart.transactions ${id} is not waiting for the payer` });
  }
  return tenant.transact(() => {
    if (!approved) return tenant.smartTransactions.put(touched(ctx, stx, { status }));
    const type = rules.container === 'bank_account' ? undefined : rules.container;
    // A card the custom checkout sent with prepare is the one approved; otherwise the page makes one.
    const given = stx.containerId ? tenant.containers.get(stx.containerId) : undefined;
    const typed = type === 'credit_card' ? card : undefined;
    const container = type && (given?.type !== type || typed) ? newCheckoutContainer(ctx, type, stx.customerId, typed) : given;
    if (container) tokeniseCard(ctx, stx, container);
    const containerId = type ? container?.id : stx.containerId;
    const changes = authorise(ctx, stx, method!, status, stx.customerId, containerId);
    return tenant.smartTransactions.put(touched(ctx, stx, { ...changes, containerId, status }));
  });
}

/** IBAN of the bank account the checkout page uses when a payer picks debit there. */
const DEMO_IBAN = 'DE89370400440532013000';

/**
 * The bank account a payer typed for a direct debit: the customer's container for that IBAN, or a
 * new one made as the API makes it (IBAN checked, bank derived, SEPA mandate).
 */
function typedBankAccount(ctx: DomainContext, stx: SmartTransactionEntity, account: NonNullable<PayerDetails['bankAccount']>) {
  const { tenant } = ctx;
  const own = [...tenant.containers.values()].find((c) => c.customerId && c.customerId === stx.customerId && c.private?.iban === account.iban);
  return (own ?? newBankAccountContainer(ctx, {
    type: 'bank_account',
    private: { iban: account.iban, owner: account.owner },
    customer: stx.customerId ? { id: stx.customerId } : undefined,
  })).id;
}

/**
 * "Approve" on the checkout page. For a transaction waiting for the payer that is the approval;
 * from a payment link the page first prepares the chosen method (debit with the account the payer
 * typed, else the customer's bank account, or a demo one).
 */
export function checkoutOnPage(
  ctx: DomainContext,
  id: string,
  method: string | undefined,
  approved = true,
  payer: PayerDetails = {},
): SmartTransactionEntity {
  const { tenant } = ctx;
  const stx = mustGet(tenant.smartTransactions, id, SMART_TRANSACTION);
  const samePage = method === undefined || method === stx.payment_method;
  if (stx.iframe_url && stx.status === 'created' && samePage) return answerCheckout(ctx, id, approved, payer.card);
  const chosen = method ?? stx.payment_method ?? 'debit';
  return tenant.transact(() => {
    let container: SmartTransactionsPrepare['container'];
    if (methodRules(chosen)?.container === 'bank_account' && payer.bankAccount) {
      container = { id: typedBankAccount(ctx, stx, payer.bankAccount) };
    } else if (methodRules(chosen)?.container === 'bank_account' && !stx.containerId) {
      const own = [...tenant.containers.values()].find((c) => c.customerId && c.customerId === stx.customerId && c.type === 'bank_account');
      const owner = stx.customerId ? tenant.customers.get(stx.customerId)?.contact : undefined;
      container = {
        id: (own ?? newBankAccountContainer(ctx, {
          type: 'bank_account',
          private: { iban: DEMO_IBAN, owner: [owner?.forename, owner?.surname].filter(Boolean).join(' ') || 'Demo Payer' },
          customer: stx.customerId ? { id: stx.customerId } : undefined,
        })).id,
      };
    }
    const prepared = prepareSmartTransaction(ctx, id, chosen, { container });
    return methodRules(chosen)?.payerApproves && prepared.status === 'created' ? answerCheckout(ctx, id, approved, payer.card) : prepared;
  });
}

/** Prepared for a method the payer approves on the page (iframe_url), and not answered yet. */
export const askedToApprove = (stx: SmartTransactionEntity) => stx.iframe_url !== undefined && stx.status === 'created';

/**
 * "Decline" on the checkout page. When the payer was asked to approve (iframe_url) it is the
 * refusal: `failed`. From a payment link nothing was asked yet, so the payer just leaves and
 * nothing changes (`aborted`); elsewhere the lifecycle table decides.
 */
export function declineOnPage(ctx: DomainContext, id: string): { stx: SmartTransactionEntity; aborted: boolean } {
  const stx = mustGet(ctx.tenant.smartTransactions, id, SMART_TRANSACTION);
  if (!askedToApprove(stx) && awaitsPayment(stx)) return { stx, aborted: true };
  return { stx: answerCheckout(ctx, id, false), aborted: false };
}

/**
 * Captures every payment the step can capture (`capture`: the merchant's start; `settle`: the
 * advance payment arrived) and activates the subscription.
 */
function captureAll(
  ctx: DomainContext,
  stx: SmartTransactionEntity,
  status: SmartTransactionStatus,
  event: 'capture' | 'settle',
  amount?: number,
  shipping?: PaymentTransactionsCaptureDTO['shipping_information'],
) {
  const { tenant } = ctx;
  for (const pciId of stx.transactionIds) {
    const pci = tenant.paymentTransactions.get(pciId);
    if (pci && can(paymentTransactionLifecycle, pci.state, event)) capture(ctx, pci, event, amount, shipping);
  }
  const sub = stx.subscriptionId ? tenant.subscriptions.get(stx.subscriptionId) : undefined;
  if (sub && can(subscriptionLifecycle, sub.status, 'activate')) moveSubscription(ctx, sub, 'activate', 'active');
  return tenant.smartTransactions.put(touched(ctx, stx, { status }));
}

export function startSmartTransaction(
  ctx: DomainContext,
  id: string,
  method: string | undefined,
  body?: SmartTransactionsPrepare,
  amount?: number,
  shipping?: PaymentTransactionsCaptureDTO['shipping_information'],
): SmartTransactionEntity {
  const stx = mustGet(ctx.tenant.smartTransactions, id, SMART_TRANSACTION);
  // The guide's start/prepaid on a new transaction: the advance payment is requested right away.
  const rules = method === undefined ? undefined : rulesOf('start', method);
  if (stx.status === 'created' && rules?.paymentInstructions) return prepareAsStart(ctx, stx, method!, body);
  if (method && stx.payment_method && method !== stx.payment_method) {
    fail('notAllowed', { reason: `smart.transactions ${id} was prepared for ${stx.payment_method}, not ${method}` });
  }
  const status = moveSmartTransaction(stx, 'start', capturedStatus(stx));
  return ctx.tenant.transact(() => captureAll(ctx, stx, status, 'capture', amount, shipping));
}

function prepareAsStart(ctx: DomainContext, stx: SmartTransactionEntity, method: string, body?: SmartTransactionsPrepare) {
  const status = moveSmartTransaction(stx, 'start', 'pending');
  return ctx.tenant.transact(() => {
    const customerId = body?.customer ? resolveCustomer(ctx, body.customer) : stx.customerId;
    const base = { ...stx, customerId, payment_method: method };
    const changes = authorise(ctx, base, method, status, customerId, stx.containerId);
    return ctx.tenant.smartTransactions.put(
      touched(ctx, stx, { ...base, ...changes, payment_instructions: paymentInstructions(ctx, base), status }),
    );
  });
}

/** The advance payment arrived (control plane): `pending` becomes captured. */
export function settleSmartTransaction(ctx: DomainContext, id: string): SmartTransactionEntity {
  const stx = mustGet(ctx.tenant.smartTransactions, id, SMART_TRANSACTION);
  const status = moveSmartTransaction(stx, 'settle', capturedStatus(stx));
  return ctx.tenant.transact(() => captureAll(ctx, stx, status, 'settle'));
}

/** POST /Payment/Transactions/{id}/capture: the capture of the Smart Transaction it belongs to. */
export function capturePaymentTransaction(ctx: DomainContext, id: string, dto: PaymentTransactionsCaptureDTO | undefined) {
  const pci = mustGet(ctx.tenant.paymentTransactions, id, PAYMENT_TRANSACTION);
  if (!can(paymentTransactionLifecycle, pci.state, 'capture')) {
    fail('illegalTransition', { action: 'capture', object: PAYMENT_TRANSACTION, id, status: pci.state });
  }
  startSmartTransaction(ctx, pci.smartTransactionId!, undefined, undefined, dto?.amount, dto?.shipping_information);
  return ctx.tenant.paymentTransactions.get(id)!;
}

/**
 * POST /Payment/Transactions/{id}/cancel. Voiding a whole authorisation also cancels the Smart
 * Transaction it belongs to (and its subscription): nothing is left to capture.
 */
export function cancelPaymentTransaction(ctx: DomainContext, id: string, dto: PaymentTransactionCancelDTO | undefined) {
  const { tenant } = ctx;
  const pci = mustGet(tenant.paymentTransactions, id, PAYMENT_TRANSACTION);
  return tenant.transact(() => {
    const changed = cancelOrRefund(ctx, pci, dto?.reduce_amount_by ?? dto?.amount);
    const stx = pci.smartTransactionId ? tenant.smartTransactions.get(pci.smartTransactionId) : undefined;
    if (changed[0].state === 'void' && stx && can(smartTransactionLifecycle, stx.status, 'cancel')) {
      cancelSmartTransaction(ctx, stx.id, 'cancel');
    }
    return changed.map((p) => tenant.paymentTransactions.get(p.id)!);
  });
}
