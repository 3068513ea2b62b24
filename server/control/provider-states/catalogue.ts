// The Pact provider states the mock can set up, with their Pact v3 parameters. One catalogue serves
// the state-change endpoint (POST /__mock/provider-states), `verifyPacts` and the generated
// docs/provider-states.md. States are built with the same domain functions the API uses, so a
// state's objects are exactly what the real lifecycle would have produced.
import { newBankAccountContainer, newCheckoutContainer } from '../../domain/containers.js';
import type { DomainContext } from '../../domain/context.js';
import { defaultMethod, driveSmartTransaction } from '../../domain/drive-smart-transaction.js';
import { newCustomer } from '../../domain/customers.js';
import { methodRules } from '../../domain/payment-methods.js';
import { newPlan } from '../../domain/plans.js';
import { createSmartTransaction } from '../../domain/smart-transactions.js';
import { subscriptionLifecycle } from '../../domain/subscription-lifecycle.js';
import { moveSubscription } from '../../domain/subscriptions.js';
import { newTenant } from '../../domain/tenants.js';
import type { SmartTransactionsDTO } from '../../schemas/smart-transactions.js';
import type { Store } from '../../store/store.js';
import {
  DEMO_CONTACT,
  DEMO_IBAN,
  ensureContainer,
  ensureCustomer,
  ensurePlan,
  planDto,
  refuseForeignIds,
  removeSmartTransaction,
  renamePaymentTransaction,
  renameSubscription,
} from './objects.js';

export const DEFAULT_CLIENT = 'demo-client';
const MAX_CLIENT_ID_LENGTH = 128;

export type Scalar = string | number | boolean;

export interface ParamSpec {
  readonly type: 'string' | 'integer' | 'boolean';
  readonly enum?: readonly string[];
  readonly default?: Scalar;
  /** For defaults computed at setup time. */
  readonly defaultText?: string;
  readonly description: string;
}

type ValueOf<S extends ParamSpec> = S extends { enum: readonly (infer E)[] }
  ? E
  : S['type'] extends 'integer'
    ? number
    : S['type'] extends 'boolean'
      ? boolean
      : string;

export type ParamValues<P extends Record<string, ParamSpec>> = {
  [K in keyof P]: P[K] extends { default: Scalar } ? ValueOf<P[K]> : ValueOf<P[K]> | undefined;
};

export interface StateScope {
  readonly store: Store;
  /** How many tenants the mock holds at most (`--max-clients`): states make new ones only below it. */
  readonly maxClients: number;
  /** The tenant the state goes to (`client_id`, else demo-client). */
  readonly clientId: string;
  /** That tenant's domain context; fails when the client does not exist. */
  ctx(): DomainContext;
}

export type StateValues = Record<string, Scalar | undefined>;

export interface ProviderStateDefinition<P extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  readonly description: string;
  readonly params: P;
  /** Returns the ids and values it made; the endpoint adds `client_id` and `token`. */
  setup(scope: StateScope, params: ParamValues<P>): StateValues;
  /** What teardown does, for the docs; every data state restores the tenant. */
  readonly teardown?: string;
  /** The state makes its own tenant (`client_id` is its parameter, not the tenant to use). */
  readonly ownClient?: true;
  /** The state is about tokens, not a tenant's data: no `client_id`, no token answered. */
  readonly noTenant?: true;
}

export const define = <const P extends Record<string, ParamSpec>>(def: ProviderStateDefinition<P>) => def;

export const RESTORES = 'puts the tenant back as it was before the interaction’s first state (objects the request made go too)';

const STX_STATUSES = ['created', 'approved', 'ok', 'cancelled', 'failed'] as const;
const SUB_STATUSES = Object.keys(subscriptionLifecycle) as (keyof typeof subscriptionLifecycle)[];
const DECLINED_AMOUNT = 9901;

const clientWithCredentials = define({
  ownClient: true,
  description:
    'An OAuth client (tenant) the consumer can get tokens for. An existing client with that id is reused; a new one gets its own merchant, ' +
    'id sequence and clock, and stays for the rest of the run.',
  params: {
    client_id: { type: 'string', default: DEFAULT_CLIENT, description: 'OAuth client id (at most 128 characters)' },
    client_secret: { type: 'string', defaultText: '`secret` for a new client', description: 'OAuth client secret; an existing client needs its own (it is never overwritten, and without it no token is given)' },
    companyname: { type: 'string', default: 'Pact Shop GmbH', description: 'merchant name of a new client' },
  },
  setup({ store, maxClients }, p) {
    const existing = store.tenant(p.client_id);
    if (existing) {
      if (p.client_secret === undefined) throw new Error(`client ${p.client_id} exists: give its client_secret`);
      if (!store.authenticate(p.client_id, p.client_secret)) throw new Error(`client ${p.client_id} exists with another secret`);
      return { client_id: p.client_id, client_secret: p.client_secret };
    }
    if (p.client_id.length > MAX_CLIENT_ID_LENGTH) throw new Error(`client_id is longer than ${MAX_CLIENT_ID_LENGTH} characters`);
    if (store.tenantCount >= maxClients) throw new Error(`the mock holds ${maxClients} clients already (--max-clients); no new client made`);
    const secret = p.client_secret ?? 'secret';
    const tenant = newTenant({
      clientId: p.client_id,
      clientSecret: secret,
      seed: `provider-states/${p.client_id}`,
      merchant: { companyname: p.companyname, store_name: p.companyname },
    });
    store.addTenant(tenant);
    return { client_id: p.client_id, client_secret: secret };
  },
});

const smartTransaction = define({
  description:
    'A Smart Transaction driven to `status` through the real lifecycle: `approved` = prepared (card/PayPal: and approved on the ' +
    'checkout page), `ok` = also started (captured), `cancelled` = approved then cancelled (the payment is voided), `failed` = the ' +
    'payer declined on the checkout page (for methods without one: prepared with the declining amount 9901). ' +
    'Every one gets a customer and, when its method (`debit` unless named) needs one, a bank-account container, so a `created` one ' +
    'can be prepared with an empty body. An existing one with the same id is replaced.',
  params: {
    id: { type: 'string', defaultText: 'generated `STX_…`', description: 'Smart Transaction id, used as-is' },
    status: { type: 'string', enum: STX_STATUSES, default: 'created', description: 'status to reach' },
    payment_method: { type: 'string', defaultText: '`debit`; `creditcard` for `failed`', description: 'method of prepare (`debit`, `creditcard`, `paypal`, `prepaid`, `invoice`, …); with `created`, the method the transaction is equipped for (customer; bank account for debit), so prepare works with an empty body' },
    subscription: { type: 'boolean', default: false, description: 'basket is a single subscription item, so prepare opens a subscription' },
    plan_id: { type: 'string', defaultText: 'the tenant’s first plan, else a new one', description: 'plan of the subscription item' },
    amount: { type: 'integer', defaultText: '1999; 9901 for `failed` without a checkout page', description: '`basket_info.sum` in cents' },
    currency: { type: 'string', default: 'EUR', description: '`basket_info.currency`' },
    auto_capture: { type: 'boolean', default: false, description: '`payment_context.auto_capture`: prepare captures at once (so `approved` is unreachable)' },
    customer_id: { type: 'string', defaultText: 'a new customer', description: 'customer, made with this id if missing' },
    container_id: { type: 'string', defaultText: 'the customer’s bank account for debit', description: 'payment container, made (bank account) with this id if missing' },
    payment_transaction_id: { type: 'string', defaultText: 'generated `PCI_…`', description: 'id given to the payment transaction prepare made (for refund paths)' },
    url_push: { type: 'string', defaultText: 'none (no pushes)', description: '`application_context.return_urls.url_push`: the lifecycle’s pushes go there (and are what a message pact is verified against)' },
  },
  setup(scope, p) {
    const ctx = scope.ctx();
    const { tenant } = ctx;
    const method = p.payment_method ?? defaultMethod(p.status);
    const checkout = methodRules(method)?.payerApproves === true;
    const amount = p.amount ?? (p.status === 'failed' && !checkout ? DECLINED_AMOUNT : 1999);
    if (p.status === 'approved' && p.auto_capture) throw new Error('auto_capture captures on prepare: status approved is unreachable (use ok)');
    refuseForeignIds(scope.store, tenant, {
      smartTransactions: p.id,
      customers: p.customer_id,
      containers: p.container_id,
      paymentTransactions: p.payment_transaction_id,
      plans: p.plan_id,
    });
    const id = p.id ?? tenant.ids.id('STX');
    removeSmartTransaction(tenant, id);

    // Every one gets what its method (debit unless named) needs, so a `created` one can be prepared with an empty body.
    const customerId = ensureCustomer(ctx, p.customer_id);
    const needsAccount = methodRules(method)?.container === 'bank_account';
    const containerId = p.container_id || needsAccount ? ensureContainer(ctx, p.container_id, customerId) : undefined;
    const dto: SmartTransactionsDTO = {
      basket_info: { sum: amount, currency: p.currency },
      ...(customerId && { customer: { id: customerId } }),
      ...(containerId && { container: { id: containerId } }),
      ...(p.auto_capture && { payment_context: { auto_capture: true } }),
      ...(p.url_push && { application_context: { return_urls: { url_push: p.url_push } } }),
    };
    if (p.subscription) {
      const plan_id = ensurePlan(ctx, p.plan_id);
      dto.basket = { products: [{ item_type: 'subscription', plan_id, desc: 'Subscription', quantity: 1, priceOne: amount, sum: amount }] };
    }
    createSmartTransaction(ctx, dto, id);
    // A state names its method, so `cancelled` is always prepared (and the payment voided) first.
    const stx = driveSmartTransaction(ctx, id, p.status, method);
    const pciId = stx.transactionIds[0];
    if (p.payment_transaction_id) {
      if (!pciId) throw new Error(`a transaction in status ${stx.status} has no payment transaction to name ${p.payment_transaction_id}`);
      renamePaymentTransaction(tenant, pciId, p.payment_transaction_id);
    }
    return {
      id,
      status: stx.status,
      customer_id: customerId,
      container_id: tenant.smartTransactions.get(id)!.containerId,
      payment_transaction_id: p.payment_transaction_id ?? pciId,
      subscription_id: stx.subscriptionId,
    };
  },
  teardown: RESTORES,
});

const paymentContainer = define({
  description: 'A bank-account payment container (IBAN checked, bank data derived, SEPA mandate). An existing one with the same id is replaced.',
  params: {
    id: { type: 'string', defaultText: 'generated `PCT_…`', description: 'container id, used as-is' },
    customer_id: { type: 'string', defaultText: 'a new customer', description: 'owner, made with this id if missing' },
    type: { type: 'string', enum: ['bank_account'], default: 'bank_account', description: 'only bank accounts are created over the API' },
    iban: { type: 'string', default: DEMO_IBAN, description: 'IBAN (a German one gets bank name and BIC from the magic-values table)' },
    owner: { type: 'string', default: 'Max Mustermann', description: 'account owner' },
  },
  setup(scope, p) {
    const ctx = scope.ctx();
    refuseForeignIds(scope.store, ctx.tenant, { containers: p.id, customers: p.customer_id });
    if (p.id) ctx.tenant.containers.delete(p.id);
    const customerId = ensureCustomer(ctx, p.customer_id);
    const container = newBankAccountContainer(ctx, { type: p.type, private: { iban: p.iban, owner: p.owner }, customer: { id: customerId } }, p.id);
    return { id: container.id, customer_id: customerId };
  },
  teardown: RESTORES,
});

const paymentCustomer = define({
  description: 'A payment customer. An existing one with the same id is replaced.',
  params: {
    id: { type: 'string', defaultText: 'generated `PCU_…`', description: 'customer id, used as-is' },
    forename: { type: 'string', default: DEMO_CONTACT.forename, description: '`contact.forename`' },
    surname: { type: 'string', default: DEMO_CONTACT.surname, description: '`contact.surname`' },
    email: { type: 'string', default: DEMO_CONTACT.email, description: '`contact.email`' },
  },
  setup(scope, p) {
    refuseForeignIds(scope.store, scope.ctx().tenant, { customers: p.id });
    const customer = newCustomer(scope.ctx(), { salutation: DEMO_CONTACT.salutation, forename: p.forename, surname: p.surname, email: p.email }, p.id);
    return { id: customer.id };
  },
  teardown: RESTORES,
});

const subscription = define({
  description:
    'A subscription with the Smart Transaction it comes from (a debit transaction whose basket is the plan’s subscription item): ' +
    '`approved` with an approved transaction, `active` once it is captured (`ok`), `cancelled` with a cancelled one; `suspended` ' +
    'and `completed` are moved there from `active`. An existing subscription with the same id is replaced together with its transaction.',
  params: {
    id: { type: 'string', defaultText: 'generated `SUB_…`', description: 'subscription id, used as-is' },
    status: { type: 'string', enum: SUB_STATUSES, default: 'active', description: 'status to reach' },
    smart_transaction_id: { type: 'string', defaultText: 'generated `STX_…`', description: 'id of its Smart Transaction, used as-is' },
    plan_id: { type: 'string', defaultText: 'the tenant’s first plan, else a new one', description: 'plan, made with this id if missing' },
    amount: { type: 'integer', default: 990, description: 'first payment in cents' },
    url_push: { type: 'string', defaultText: 'none (no pushes)', description: '`url_push` of its Smart Transaction, which the subscription inherits' },
  },
  setup(scope, p) {
    const ctx = scope.ctx();
    const { tenant } = ctx;
    refuseForeignIds(scope.store, tenant, { subscriptions: p.id, smartTransactions: p.smart_transaction_id, plans: p.plan_id });
    if (p.id && tenant.subscriptions.get(p.id)) removeSmartTransaction(tenant, tenant.subscriptions.get(p.id)!.smartTransactionId);
    const stxStatus = p.status === 'approved' ? 'approved' : p.status === 'cancelled' ? 'cancelled' : 'ok';
    const stx = smartTransaction.setup(scope, {
      id: p.smart_transaction_id,
      status: stxStatus,
      payment_method: 'debit',
      subscription: true,
      plan_id: p.plan_id,
      amount: p.amount,
      currency: 'EUR',
      auto_capture: false,
      customer_id: undefined,
      container_id: undefined,
      payment_transaction_id: undefined,
      url_push: p.url_push,
    });
    let sub = tenant.subscriptions.get(String(stx.subscription_id))!;
    if (p.status === 'suspended' || p.status === 'completed') {
      sub = moveSubscription(ctx, sub, p.status === 'suspended' ? 'suspend' : 'complete', p.status);
    }
    const id = p.id ?? sub.id;
    renameSubscription(tenant, sub.id, id);
    return { id, status: p.status, smart_transaction_id: String(stx.id), plan_id: sub.planId };
  },
  teardown: RESTORES,
});

const recurringCardPayment = define({
  description:
    'The first card payment (CIT) of recurring payments, as the guide makes it: a Smart Transaction with `mit_instructions` (`cit`, ' +
    '`recurring` every `recurring_frequency` days until `recurring_expiry`) and `container_instructions.request_token`, prepared for ' +
    '`creditcard`, approved on the checkout page and captured (`ok`), so its card container holds an active token. With ' +
    '`mit_smart_transaction_id` also a later payment (MIT) naming it in `cit_reference`, `created` and ready for ' +
    '`prepare/creditcard {"container": {"id": container_id}}`. Existing ones with the same ids are replaced.',
  params: {
    id: { type: 'string', defaultText: 'generated `STX_…`', description: 'id of the first payment’s Smart Transaction, used as-is' },
    payment_transaction_id: { type: 'string', defaultText: 'generated `PCI_…`', description: 'id of the first payment (the `cit_reference` of later ones)' },
    container_id: { type: 'string', defaultText: 'generated `PCT_…`', description: 'id of the tokenised card container' },
    customer_id: { type: 'string', defaultText: 'a new customer', description: 'customer, made with this id if missing' },
    amount: { type: 'integer', default: 1990, description: '`basket_info.sum` of each payment in cents' },
    recurring_expiry: { type: 'string', default: '2035-12-31', description: '`mit_instructions.recurring_expiry` of the first payment' },
    recurring_frequency: { type: 'integer', default: 30, description: '`mit_instructions.recurring_frequency` in days' },
    mit_smart_transaction_id: { type: 'string', defaultText: 'none', description: 'id of a later payment’s Smart Transaction to make, used as-is' },
  },
  setup(scope, p) {
    const ctx = scope.ctx();
    const { tenant } = ctx;
    refuseForeignIds(scope.store, tenant, {
      smartTransactions: p.id ?? p.mit_smart_transaction_id,
      paymentTransactions: p.payment_transaction_id,
      containers: p.container_id,
      customers: p.customer_id,
    });
    if (p.mit_smart_transaction_id) refuseForeignIds(scope.store, tenant, { smartTransactions: p.mit_smart_transaction_id });
    const id = p.id ?? tenant.ids.id('STX');
    for (const stxId of [id, p.mit_smart_transaction_id]) if (stxId) removeSmartTransaction(tenant, stxId);
    const customerId = ensureCustomer(ctx, p.customer_id);
    const existing = p.container_id ? tenant.containers.get(p.container_id) : undefined;
    if (existing && existing.type !== 'credit_card') throw new Error(`container ${p.container_id} exists and is no credit_card`);
    // The card the payer approves, under the id the consumer named: the checkout page then tokenises it.
    const containerId = existing?.id ?? newCheckoutContainer(ctx, 'credit_card', customerId, undefined, p.container_id).id;
    const basket_info = { sum: p.amount, currency: 'EUR' };
    createSmartTransaction(
      ctx,
      {
        basket_info,
        customer: { id: customerId },
        container: { id: containerId },
        payment_context: {
          auto_capture: true,
          mit_instructions: { type: 'cit', standing_instruction: 'recurring', recurring_expiry: p.recurring_expiry, recurring_frequency: p.recurring_frequency },
          container_instructions: { request_token: true },
        },
      },
      id,
    );
    const stx = driveSmartTransaction(ctx, id, 'ok', 'creditcard');
    const pciId = p.payment_transaction_id ?? stx.transactionIds[0];
    renamePaymentTransaction(tenant, stx.transactionIds[0], pciId);
    if (p.mit_smart_transaction_id) {
      createSmartTransaction(
        ctx,
        { basket_info, customer: { id: customerId }, payment_context: { merchant_initiated: true, mit_instructions: { type: 'mit', cit_reference: pciId } } },
        p.mit_smart_transaction_id,
      );
    }
    return { id, payment_transaction_id: pciId, container_id: containerId, customer_id: customerId, mit_smart_transaction_id: p.mit_smart_transaction_id };
  },
  teardown: RESTORES,
});

const paymentPlan = define({
  description: 'An active monthly payment plan with one regular billing cycle of 12 months. An existing one with the same id is replaced.',
  params: {
    id: { type: 'string', defaultText: 'generated `PLN_…`', description: 'plan id, used as-is' },
    description: { type: 'string', default: 'Subscription, 9.90 EUR a month', description: 'plan description' },
    amount: { type: 'integer', default: 990, description: 'price per month in cents' },
    currency: { type: 'string', default: 'EUR', description: 'currency' },
  },
  setup(scope, p) {
    refuseForeignIds(scope.store, scope.ctx().tenant, { plans: p.id });
    return { id: newPlan(scope.ctx(), planDto(p.description, p.amount, p.currency), p.id).id };
  },
  teardown: RESTORES,
});

const noSmartTransaction = define({
  description: 'No Smart Transaction with this id (it and what was made for it are removed if present), so reading it answers 404.',
  params: {
    id: { type: 'string', default: `STX_${'DOESNOTEXIST'.padEnd(30, '0')}`, description: 'the id that must not exist' },
  },
  setup(scope, p) {
    removeSmartTransaction(scope.ctx().tenant, p.id);
    return { id: p.id };
  },
  teardown: RESTORES,
});

/** `an invalid token` / `an expired token`: a token a request carries that must be refused during the verification. */
const refusedToken = (kind: 'invalid' | 'expired') =>
  define({
    noTenant: true,
    description:
      `The bearer token \`token\` is ${kind === 'invalid' ? 'not valid' : 'expired'}: a request carrying it is answered 403 ` +
      '`ProductNotAllowedException` (code 2003), as one without a token is, although during a verification a token the mock ' +
      'did not issue otherwise stands for the tenant of the interaction’s states.',
    params: {
      token: { type: 'string', defaultText: 'required', description: 'the token as the request carries it (with or without `Bearer `)' },
    },
    setup({ store }, p) {
      const token = p.token?.replace(/^Bearer\s+/i, '').trim();
      if (!token) throw new Error('parameter token is required');
      store.verification.refuse(token);
      return { token };
    },
    teardown: 'the token is no longer refused',
  });

/** Every state the mock knows, by the name a pact's `given(…)` uses. */
export const providerStates: Record<string, ProviderStateDefinition<Record<string, ParamSpec>>> = {
  'a client with credentials': clientWithCredentials,
  'a smart transaction': smartTransaction,
  'a payment container': paymentContainer,
  'a payment customer': paymentCustomer,
  'a subscription': subscription,
  'a payment plan': paymentPlan,
  'a recurring card payment': recurringCardPayment,
  'no smart transaction': noSmartTransaction,
  'an invalid token': refusedToken('invalid'),
  'an expired token': refusedToken('expired'),
} as Record<string, ProviderStateDefinition<Record<string, ParamSpec>>>;

export const knownStates = () => Object.keys(providerStates).map((s) => `"${s}"`).join(', ');
