// The schemas speak the SDK's wire: each model declares exactly the fields of the PHP SDK 2.63.0
// model it mirrors (docs: /work/shared/API.md §8), with the JSON types the SDK deserializes.
// Field lists are data here, copied from §8; the aggregation fields l,k,ks,c,s,t of every ProductModel
// are listed too but excluded on purpose (the mock never aggregates, so the schemas leave them out).
import { describe, expect, it } from 'vitest';
import * as generalMerchants from '../../server/schemas/general-merchants.js';
import * as paymentContainers from '../../server/schemas/payment-containers.js';
import * as paymentCustomers from '../../server/schemas/payment-customers.js';
import * as paymentPlans from '../../server/schemas/payment-plans.js';
import * as paymentSubscriptions from '../../server/schemas/payment-subscriptions.js';
import * as paymentTransactions from '../../server/schemas/payment-transactions.js';
import * as smartTransactions from '../../server/schemas/smart-transactions.js';
import { type FieldList, AGGREGATION_FIELDS, SDK } from './sdk-models.js';
import { at, wireType } from './schema-nodes.js';

interface Check {
  /** Path inside the schema ('' = the schema itself). */
  path: string;
  model: keyof typeof SDK;
  /** exact: the same field set; subset: an embedded copy holding some of the model's fields. */
  mode?: 'exact' | 'subset';
  extra?: FieldList;
}

const UID = 'ProductInstanceUID';
// Fields the real answers carry beyond the SDK models (API.md §10.1).
const CUSTOMER_EXTRA: FieldList = { merchant: 'object' };
const BASKET_EXTRA: FieldList = { texts: 'string[]' };
const checks: Array<[string, unknown, Check[]]> = [
  ['SmartTransactionsProductModel', smartTransactions.smartTransactionsProductModel, [
    { path: '', model: 'SmartTransactionsProductModel', extra: { updated_at: 'string' } },
    { path: 'merchant', model: 'SmartTransactionsMerchant' },
    ...['contract', 'provider_contract', 'store', 'device_source', 'device_destination', 'subscription']
      .map((path): Check => ({ path, model: UID })),
    { path: 'customer', model: 'PaymentCustomersProductModel', extra: CUSTOMER_EXTRA },
    { path: 'customer.contract', model: UID },
    { path: 'customer.contact', model: 'Contact' },
    { path: 'customer.contact.address', model: 'Address' },
    { path: 'shipping_address', model: 'PaymentCustomersProductModel', extra: CUSTOMER_EXTRA },
    { path: 'container', model: 'SmartTransactionsContainer' },
    { path: 'container.token_status', model: 'PaymentContainerTokenStatus' },
    { path: 'checkin', model: 'SmartTransactionsCheckin' },
    { path: 'receipt', model: 'SmartTransactionsReceipt' },
    { path: 'receipt.value', model: 'SmartTransactionsReceiptValue' },
    { path: 'receipt_merchant', model: 'SmartTransactionsReceipt' },
    { path: 'basket_info', model: 'SmartTransactionsBasketInfo' },
    { path: 'basket', model: 'SmartTransactionsBasket', extra: BASKET_EXTRA },
    { path: 'basket.products', model: 'SmartTransactionsBasketProduct' },
    { path: 'basket.products.group', model: 'SmartTransactionsBasketProductGroup' },
    { path: 'basket.products.sub_basket', model: 'SmartTransactionsSubBasketProduct' },
    { path: 'basket.products.sub_basket.group', model: 'SmartTransactionsBasketProductGroup' },
    { path: 'idents', model: 'SmartTransactionsIdent' },
    { path: 'delivery_options', model: 'SmartTransactionsDeliveryOptions' },
    { path: 'delivery_options.scheduled_slot', model: 'SmartTransactionsTimeSlot' },
    { path: 'transactions', model: 'PaymentTransactionsProductModel', mode: 'subset' },
    { path: 'checkout_links', model: 'SmartTransactionsCheckoutLinks' },
    { path: 'prepaid_sales', model: 'SmartTransactionsPrepaidSalesDetails' },
    { path: 'communications', model: 'SmartTransactionsCommunication' },
    { path: 'payment_links', model: 'SmartTransactionsPaymentLinks' },
    { path: 'application_context', model: 'SmartTransactionsApplicationContext' },
    { path: 'application_context.locks', model: 'SmartTransactionsApplicationContextLocks' },
    { path: 'application_context.return_urls', model: 'SmartTransactionsApplicationContextReturnUrls' },
    { path: 'application_context.iframe_opts', model: 'SmartTransactionsApplicationContextIframeOpts' },
    { path: 'application_context.iframe_opts.payment_hint', model: 'SmartTransactionsReceipt' },
    { path: 'application_context.shop_details', model: 'SmartTransactionsApplicationContextShopDetails' },
    { path: 'payment_instructions', model: 'PaymentInstructions' },
    { path: 'payment_context', model: 'PaymentContext' },
    { path: 'payment_context.dynamic_descriptor', model: 'DynamicDescriptor' },
    { path: 'payment_context.container_instructions', model: 'ContainerInstructions' },
    { path: 'payment_context.mit_instructions', model: 'MITInstructions' },
  ]],
  ['SmartTransactionsDTO', smartTransactions.smartTransactionsDTO, [
    { path: '', model: 'SmartTransactionsDTO' },
    { path: 'provider_contract', model: UID },
    { path: 'device_source', model: UID },
    { path: 'contract', model: 'ProductInstanceID' },
    { path: 'customer', model: 'SmartTransactionPaymentCustomerDTO' },
    { path: 'customer.contact', model: 'Contact' },
    { path: 'shipping_address', model: 'SmartTransactionPaymentCustomerDTO' },
    { path: 'container', model: 'SmartTransactionPaymentContainerDTO' },
    { path: 'container.customer', model: 'ProductInstanceID' },
    { path: 'container.private', model: 'PaymentInstrumentDescriptor' },
    { path: 'basket.products', model: 'SmartTransactionsBasketProduct' },
    { path: 'basket_info', model: 'SmartTransactionsBasketInfo' },
    { path: 'application_context', model: 'SmartTransactionsApplicationContext' },
    { path: 'payment_context', model: 'PaymentContext' },
    { path: 'delivery_options', model: 'SmartTransactionsDeliveryOptions' },
  ]],
  ['SmartTransactionsPrepare', smartTransactions.smartTransactionsPrepare, [
    { path: '', model: 'SmartTransactionsPrepare' },
    { path: 'customer', model: 'SmartTransactionPaymentCustomerDTO' },
    { path: 'container', model: 'SmartTransactionPaymentContainerDTO' },
    { path: 'callback_urls', model: 'SmartTransactionsPrepareCallbackUrls' },
    { path: 'dynamic_descriptor', model: 'SmartTransactionsPrepareDynamicDescriptor' },
  ]],
  ['SmartTransactionsStart', smartTransactions.smartTransactionsStart, [
    { path: '', model: 'SmartTransactionsStart' },
  ]],
  ['SmartTransactionsSetDeliveryModel', smartTransactions.smartTransactionsSetDeliveryModel, [
    { path: '', model: 'SmartTransactionsSetDeliveryModel' },
    { path: 'delivery_options', model: 'SmartTransactionsDeliveryOptions' },
  ]],
  ['PaymentTransactionsProductModel', paymentTransactions.paymentTransactionsProductModel, [
    { path: '', model: 'PaymentTransactionsProductModel' },
    { path: 'platform', model: UID },
    { path: 'subscription', model: UID },
    { path: 'merchant', model: 'GeneralMerchantsProductModel', mode: 'subset' },
    { path: 'merchant.user', model: 'GeneralMerchantsUser' },
    // GeneralStoresProductModel extends BaseProductModel; the mock embeds only the base.
    { path: 'store', model: 'BaseProductModel' },
    { path: 'contract', model: 'GeneralContractsProductModel', mode: 'subset' },
    { path: 'parents', model: 'ParentObj' },
    { path: 'related_transactions', model: 'ParentObj' },
    { path: 'details', model: 'PaymentTransactionsProductModelDetails' },
    { path: 'customer', model: 'PaymentTransactionsProductModelCustomer' },
    { path: 'documents', model: 'PaymentTransactionsProductModelDocuments' },
    { path: 'basket', model: 'PaymentTransactionsProductModelBasket' },
    { path: 'basket.sub_basket', model: 'PaymentTransactionsProductModelSubBasket' },
  ]],
  ['PaymentTransactionCancelDTO', paymentTransactions.paymentTransactionCancelDTO, [
    { path: '', model: 'PaymentTransactionCancelDTO' },
  ]],
  ['PaymentTransactionsCaptureDTO', paymentTransactions.paymentTransactionsCaptureDTO, [
    { path: '', model: 'PaymentTransactionsCaptureDTO' },
    { path: 'shipping_information', model: 'SecupayTransactionSetShippingInformationDTO' },
  ]],
  ['SecupayTransactionSetShippingInformationDTO', paymentTransactions.secupayTransactionSetShippingInformationDTO, [
    { path: '', model: 'SecupayTransactionSetShippingInformationDTO' },
  ]],
  ['PaymentTransactionsCheckStatus', paymentTransactions.paymentTransactionsCheckStatus, [
    { path: '', model: 'PaymentTransactionsCheckStatus' },
  ]],
  ['PaymentSubscriptionsProductModel', paymentSubscriptions.paymentSubscriptionsProductModel, [
    { path: '', model: 'PaymentSubscriptionsProductModel' },
    ...['smart_transaction', 'merchant', 'contract', 'customer', 'plan']
      .map((path): Check => ({ path, model: 'BaseProductModel' })),
    { path: 'container', model: 'BaseProductModel', extra: { type: 'string' } },
    { path: 'billing_cycles', model: 'PaymentSubscriptionsProductModelBillingCycles' },
    { path: 'billing_cycles.cycle_executions', model: 'CycleExecutions' },
  ]],
  ['PaymentCustomersProductModel', paymentCustomers.paymentCustomersProductModel, [
    { path: '', model: 'PaymentCustomersProductModel', extra: CUSTOMER_EXTRA },
    { path: 'contract', model: UID },
    { path: 'contact', model: 'Contact' },
    { path: 'contact.address', model: 'Address' },
  ]],
  ['PaymentCustomersDTO', paymentCustomers.paymentCustomersDTO, [
    { path: '', model: 'PaymentCustomersDTO' },
    { path: 'contact', model: 'Contact' },
    { path: 'contact.address', model: 'Address' },
  ]],
  ['PaymentContainersProductModel', paymentContainers.paymentContainersProductModel, [
    { path: '', model: 'PaymentContainersProductModel' },
    { path: 'merchant', model: 'GeneralMerchantsProductModel', mode: 'subset' },
    { path: 'merchant.user', model: 'GeneralMerchantsUser' },
    { path: 'contract', model: 'PaymentContractsProductModel', mode: 'subset' },
    { path: 'customer', model: 'PaymentCustomersProductModel', extra: CUSTOMER_EXTRA },
    { path: 'customer.contact', model: 'Contact' },
    { path: 'public', model: 'PaymentInstrumentDescriptor' },
    { path: 'private', model: 'PaymentInstrumentDescriptor' },
    { path: 'mandate', model: 'PaymentContainerMandate' },
    { path: 'token_status', model: 'PaymentContainerTokenStatus' },
  ]],
  ['PaymentContainersDTO', paymentContainers.paymentContainersDTO, [
    { path: '', model: 'PaymentContainersDTO' },
    { path: 'customer', model: 'ProductInstanceID' },
    { path: 'private', model: 'PaymentInstrumentDescriptor' },
  ]],
  ['PaymentPlansProductModel', paymentPlans.paymentPlansProductModel, [
    { path: '', model: 'PaymentPlansProductModel' },
    { path: 'merchant', model: 'GeneralMerchantsProductModel', mode: 'subset' },
    { path: 'billing_cycles', model: 'BillingCyclesItem' },
    { path: 'billing_cycles.interval', model: 'PaymentPlanInterval' },
  ]],
  ['PaymentPlansDTO', paymentPlans.paymentPlansDTO, [
    { path: '', model: 'PaymentPlansDTO' },
    { path: 'merchant', model: 'GeneralMerchantsProductModel', mode: 'subset' },
    { path: 'billing_cycles', model: 'BillingCyclesItem' },
    { path: 'billing_cycles.interval', model: 'PaymentPlanInterval' },
  ]],
  ['GeneralMerchantsProductModel', generalMerchants.generalMerchantsProductModel, [
    { path: '', model: 'GeneralMerchantsProductModel' },
    { path: 'user', model: 'GeneralMerchantsUser' },
    { path: 'user.address', model: 'GeoAddress' },
    { path: 'user.address.address_components', model: 'AddressComponents' },
    { path: 'user.address.geometry', model: 'GeoAddressGeometry' },
    { path: 'user.email', model: 'GeneralMerchantsUserEmail' },
    { path: 'parent', model: 'GeneralMerchantsProductModel', mode: 'subset' },
    { path: 'acceptance_points', model: 'GeneralMerchantsProductModel', mode: 'subset' },
    { path: 'assigned_by', model: 'AssignedBy' },
    { path: 'invited_by', model: 'InvitedBy' },
    { path: 'legal_details', model: 'GeneralMerchantsLegalDetails' },
    { path: 'urls', model: 'GeneralMerchantsUrls' },
  ]],
];

function withoutAggregation(fields: FieldList): FieldList {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !(name in AGGREGATION_FIELDS)));
}

describe('schemas declare the SDK models’ fields with the SDK’s JSON types', () => {
  for (const [name, schema, modelChecks] of checks) {
    describe(name, () => {
      for (const { path, model, mode = 'exact', extra = {} } of modelChecks) {
        const where = path === '' ? name : `${name}.${path}`;
        it(`${where} ${mode === 'exact' ? 'declares exactly' : 'declares only fields of'} ${model}`, () => {
          const node = at(schema, path);
          expect(node.type).toBe('object');
          const expected = { ...withoutAggregation(SDK[model]), ...extra };
          const declared = Object.keys(node.properties ?? {});
          if (mode === 'exact') expect(declared.sort()).toEqual(Object.keys(expected).sort());
          else expect(declared.filter((field) => !(field in expected))).toEqual([]);
          const types = Object.fromEntries(declared.map((field) => [field, wireType(node.properties![field])]));
          const wanted = Object.fromEntries(declared.map((field) => [field, expected[field]]));
          expect(types).toEqual(wanted);
        });
      }
    });
  }

  it('leaves the aggregation fields l, k, ks, c, s, t out of every product model', () => {
    for (const [, schema] of checks) {
      const declared = Object.keys(at(schema, '').properties ?? {});
      expect(declared.filter((field) => field in AGGREGATION_FIELDS)).toEqual([]);
    }
  });
});

describe('answers fill the SDK fields the real answers fill (API.md §10.1)', () => {
  /** Dotted paths that must hold a value (not undefined) in `obj`. */
  const missing = (obj: unknown, paths: string[]) =>
    paths.filter((p) => p.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), obj) === undefined);

  it('fills them on a payment, its refund, a Smart Transaction, a customer and a subscription', async () => {
    const { demoApi } = await import('../helpers.js');
    const { call } = await demoApi();
    const stx = (await call('GET', '/Smart/Transactions?q=status:approved')).body.data[0];
    expect((await call('POST', `/Smart/Transactions/${stx.id}/start`)).status).toBe(200);
    const pciId = stx.transactions[0].id;
    const [payment, refund] = (await call('POST', `/Payment/Transactions/${pciId}/cancel`, { reduce_amount_by: 1 })).body;
    const pciFields = ['product_id', 'product', 'product_raw', 'contract_id', 'description', 'completion_date', 'details.description', 'details.description_raw', 'related_transactions.0.hierarchy'];
    expect(missing(payment, pciFields)).toEqual([]);
    expect(missing(refund, ['product_id', 'product_raw', 'contract_id', 'description', 'details.description_raw', 'subscription.id', 'parents.0.ref_type_id'])).toEqual([]);
    const read = (await call('GET', `/Smart/Transactions/${stx.id}`)).body;
    expect(missing(read, ['is_demo', 'basket.type', 'basket.texts', 'basket.products.0.item_type', 'transactions', 'customer.merchant'])).toEqual([]);
    const customer = (await call('GET', '/Payment/Customers')).body.data[0];
    expect(missing(customer, ['merchant.id'])).toEqual([]);
    const sub = (await call('GET', `/Payment/Subscriptions/${stx.subscription.id}`)).body;
    expect(missing(sub, ['container.type', 'start_at'])).toEqual([]);
    expect(sub.start_at).toMatch(/[+-]\d{2}:\d{2}$/);
  });
});
