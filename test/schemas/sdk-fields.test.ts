// The schemas speak the SDK's wire: each model declares exactly the fields of the PHP SDK 2.63.0
// model it mirrors (docs: /work/shared/API.md §8), with the JSON types the SDK deserializes.
// Field lists are data here, copied from §8; the aggregation fields l,k,ks,c,s,t of every ProductModel
// are listed too but excluded on purpose (the mock never aggregates, so the schemas leave them out).
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as common from '../../server/schemas/common.js';
import * as generalMerchants from '../../server/schemas/general-merchants.js';
import * as paymentContainers from '../../server/schemas/payment-containers.js';
import * as paymentCustomers from '../../server/schemas/payment-customers.js';
import * as paymentPlans from '../../server/schemas/payment-plans.js';
import * as paymentSubscriptions from '../../server/schemas/payment-subscriptions.js';
import * as paymentTransactions from '../../server/schemas/payment-transactions.js';
import * as smartTransactionsParts from '../../server/schemas/smart-transactions-parts.js';
import * as smartTransactions from '../../server/schemas/smart-transactions.js';
import { sharedSchemas, sharedSchemasById } from '../../server/schemas/shared.js';
import type { SmartTransaction, SmartTransactionsDTO } from '../../server/schemas/smart-transactions.js';

type WireType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'string[]'
  | 'integer[]'
  | 'object[]';
type FieldList = Record<string, WireType>;

const AGGREGATION_FIELDS: FieldList = { l: 'integer', k: 'integer', ks: 'string', c: 'integer', s: 'integer', t: 'object' };
const BASE: FieldList = { object: 'string', id: 'string' };
const BASKET_ITEM: FieldList = {
  id: 'integer', parent: 'integer', item_type: 'string', desc: 'string', articleNumber: 'string',
  serialNumber: 'string', ean: 'string', quantity: 'integer', priceOne: 'integer', sum: 'integer', tax: 'integer',
  reference_id: 'string', contract_id: 'string', group: 'object[]',
};
const PCI_SUB_BASKET: FieldList = {
  tax: 'integer', quantity: 'integer', price: 'integer', reference_id: 'string', ean: 'string',
  article_number: 'string', item_type: 'string', name: 'string', total: 'integer',
};
const BANK_ACCOUNT: FieldList = { iban: 'string', bic: 'string', owner: 'string', bankname: 'string', purpose: 'string' };
const CREDIT_CARD: FieldList = {
  owner: 'string', pan: 'string', expiration_date: 'string', issuer: 'string', transact_container: 'string',
  transact_skey_pubkey: 'string', transact_skey_keyname: 'string', transact_hash: 'string',
};
const PAYPAL: FieldList = { email: 'string', payer_id: 'string' };
const PREPARE: FieldList = {
  customer: 'object', container: 'object', callback_urls: 'object', dynamic_descriptor: 'object', email: 'string',
};
const CONTAINER_DTO: FieldList = {
  merchant_id: 'string', customer: 'object', customer_id: 'string', type: 'string', request_token: 'boolean',
  notification_url: 'string', private: 'object',
};

/** SDK models (API.md §8), wire names and JSON types. */
const SDK: Record<string, FieldList> = {
  ProductInstanceUID: BASE,
  ProductInstanceID: { id: 'string' },
  BaseProductModel: BASE,
  SmartTransactionsProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', status: 'string', merchant: 'object',
    contract: 'object', provider_contract: 'object', customer: 'object', shipping_address: 'object', container: 'object',
    checkin: 'object', transactionRef: 'string', merchantRef: 'string', store: 'object', device_source: 'object',
    device_destination: 'object', receipt_number: 'integer', receipt: 'object[]', receipt_merchant: 'object[]',
    receipt_merchant_print: 'boolean', basket_info: 'object', basket: 'object', idents: 'object[]', tax_rate: 'integer',
    tax_amount: 'integer', cashier: 'string', market: 'string', delivery_options: 'object', product: 'string',
    trans_id: 'integer', payment_method: 'string', transactions: 'object[]', last_visited_page: 'string',
    is_demo: 'boolean', checkout_links: 'object', intent: 'string', iframe_url: 'string', prepaid_sales: 'object',
    communications: 'object', payment_links: 'object', application_context: 'object', payment_instructions: 'object',
    payment_context: 'object', subscription: 'object',
  },
  SmartTransactionsDTO: {
    merchant: 'string', provider_contract: 'object', transactionRef: 'string', merchantRef: 'string', basket: 'object',
    basket_info: 'object', idents: 'object[]', tax_amount: 'integer', tax_rate: 'integer', market: 'string',
    cashier: 'string', product: 'string', device_source: 'object', trans_id: 'integer', contract: 'object',
    last_visited_page: 'string', customer: 'object', shipping_address: 'object', container: 'object', checkin: 'object',
    payment_method: 'string', is_demo: 'boolean', intent: 'string', checkout_links: 'object', delivery_options: 'object',
    communications: 'object', application_context: 'object', payment_context: 'object',
  },
  SmartTransactionsPrepare: PREPARE,
  SmartTransactionsStart: { ...PREPARE, tid: 'string', trace: 'integer', cardtype: 'string' },
  SmartTransactionsSetDeliveryModel: { delivery_options: 'object' },
  SmartTransactionsMerchant: { ...BASE, companyname: 'string' },
  SmartTransactionsContainer: { ...BASE, type: 'string', token_status: 'object' },
  SmartTransactionsCheckin: { ...BASE, email: 'string' },
  SmartTransactionsBasket: { products: 'object[]', type: 'string' },
  SmartTransactionsBasketProduct: { ...BASKET_ITEM, sub_basket: 'object[]', plan_id: 'string', start_at: 'string' },
  SmartTransactionsSubBasketProduct: BASKET_ITEM,
  SmartTransactionsBasketProductGroup: { id: 'string', desc: 'string', level: 'integer' },
  SmartTransactionsBasketInfo: { sum: 'integer', gratuity: 'integer', currency: 'string' },
  SmartTransactionsIdent: {
    ...BASE, prefix: 'string', name: 'string', type: 'string', value: 'string', valid: 'boolean', merchantcard: 'object',
  },
  SmartTransactionsReceipt: { type: 'string', value: 'object' },
  SmartTransactionsReceiptValue: {
    caption: 'string', text: 'string', decoration: 'string[]', name: 'string', value: 'string',
  },
  SmartTransactionsCheckoutLinks: { url_checkout: 'string' },
  SmartTransactionsPaymentLinks: {
    prepaid: 'string', debit: 'string', creditcard: 'string', invoice: 'string', paypal: 'string', sofort: 'string',
    general: 'string',
  },
  SmartTransactionsCommunication: { action_type: 'string', template_id: 'string' },
  SmartTransactionsPrepaidSalesDetails: { id: 'integer', status: 'string', error_details: 'string' },
  SmartTransactionsApplicationContext: {
    locks: 'object', return_urls: 'object', iframe_opts: 'object', shop_details: 'object', checkout_template: 'string',
    language: 'string',
  },
  SmartTransactionsApplicationContextReturnUrls: {
    url_success: 'string', url_abort: 'string', url_error: 'string', url_push: 'string',
  },
  SmartTransactionsApplicationContextLocks: { customer: 'boolean', shipping_address: 'boolean' },
  SmartTransactionsApplicationContextIframeOpts: {
    payment_hint_title: 'string', payment_hint: 'object[]', project_title: 'string', submit_button_title: 'string',
    cancel_button_title: 'string', language: 'string', basket_title: 'string', hide_disclaimer: 'boolean',
    has_accepted_disclaimer: 'boolean',
  },
  SmartTransactionsApplicationContextShopDetails: {
    shop_system: 'string', shop_system_version: 'string', shop_domain: 'string', plugin_vendor: 'string',
    plugin_version: 'string', user_agent: 'string',
  },
  SmartTransactionsPrepareCallbackUrls: { success_url: 'string', failure_url: 'string' },
  SmartTransactionsPrepareDynamicDescriptor: { merchant_name: 'string', merchant_city: 'string' },
  // OneOfSmartTransactionsDeliveryOptionsModel = SmartTransactionsShippingModel ∪ SmartTransactionsCollectionModel
  SmartTransactionsDeliveryOptions: {
    type: 'string', shipped_at: 'string', shipped_by: 'string', tracking_code: 'string', invoice_number: 'string',
    scheduled_slot: 'object', store_id: 'string', delivered_at: 'string', code: 'string',
  },
  SmartTransactionsTimeSlot: { start_date: 'string', end_date: 'string' },
  SmartTransactionPaymentCustomerDTO: { ...BASE, contact: 'object' },
  SmartTransactionPaymentContainerDTO: { ...BASE, ...CONTAINER_DTO },
  PaymentContext: {
    auto_capture: 'boolean', payment_methods: 'string[]', merchant_initiated: 'boolean', creditcard_schemes: 'string[]',
    accrual: 'boolean', dynamic_descriptor: 'object', container_instructions: 'object', mit_instructions: 'object',
  },
  ContainerInstructions: { request_token: 'boolean', notification_url: 'string' },
  MITInstructions: {
    type: 'string', standing_instruction: 'string', recurring_expiry: 'string', recurring_frequency: 'integer',
    cit_reference: 'string',
  },
  DynamicDescriptor: { merchant_name: 'string', merchant_city: 'string' },
  PaymentInstructions: {
    ...BANK_ACCOUNT, girocode_url: 'string', interest: 'integer', total_value: 'integer',
    number_of_installments: 'integer', installment: 'integer', last_installment: 'integer',
  },
  // OneOfPaymentContainersDTOModelPrivate as the mock takes it: bank account ∪ credit card ∪ PayPal
  PaymentInstrumentDescriptor: { ...BANK_ACCOUNT, ...CREDIT_CARD, ...PAYPAL },
  PaymentContainersProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', merchant: 'object', contract: 'object',
    customer: 'object', type: 'string', public: 'object', private: 'object', mandate: 'object', token_status: 'object',
  },
  PaymentContainersDTO: CONTAINER_DTO,
  PaymentContainerMandate: {
    sepa_mandate_id: 'string', iban: 'string', bic: 'string', type: 'string', status: 'string',
    identification: 'string', creditor_id: 'string',
  },
  PaymentContainerTokenStatus: { status: 'string', created: 'string', last_modified: 'string', version: 'string' },
  PaymentCustomersProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', contract: 'object', contact: 'object',
  },
  PaymentCustomersDTO: { contact: 'object' },
  Contact: {
    name: 'string', forename: 'string', surname: 'string', companyname: 'string', salutation: 'string',
    gender: 'string', title: 'string', email: 'string', phone: 'string', mobile: 'string', fax: 'string', dob: 'string',
    picture: 'string', url_website: 'string', birthplace: 'string', nationality: 'string', address: 'object',
  },
  Address: {
    type: 'string', street: 'string', street_number: 'string', city: 'string', postal_code: 'string',
    country: 'string', additional_address_data: 'string',
  },
  PaymentSubscriptionsProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', smart_transaction: 'object',
    merchant: 'object', contract: 'object', customer: 'object', container: 'object', plan: 'object', start_at: 'string',
    status: 'string', paypal_subscription_id: 'string', billing_cycles: 'object', demo: 'boolean',
  },
  PaymentSubscriptionsProductModelBillingCycles: { cycle_executions: 'object[]', next_billing_time: 'string' },
  CycleExecutions: {
    sequence: 'integer', tenure_type: 'string', total_cycles: 'integer', cycles_completed: 'integer',
    cycles_remaining: 'integer',
  },
  PaymentPlansProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', description: 'string', currency: 'string',
    paypal_plan_id: 'string', status: 'string', payment_methods: 'string[]', merchant: 'object',
    billing_cycles: 'object[]', product_type: 'string',
  },
  PaymentPlansDTO: {
    description: 'string', currency: 'string', paypal_plan_id: 'string', status: 'string',
    payment_methods: 'string[]', merchant: 'object', merchant_id: 'string', billing_cycles: 'object[]',
  },
  BillingCyclesItem: {
    sequence: 'integer', interval: 'object', tenure_type: 'string', total_cycles: 'integer', price: 'integer',
  },
  PaymentPlanInterval: { unit: 'string', count: 'integer' },
  PaymentTransactionsProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', platform: 'object', merchant: 'object',
    store: 'object', contract: 'object', trans_id: 'integer', parents: 'object[]', related_transactions: 'object[]',
    subscription: 'object', product_id: 'integer', product: 'string', product_raw: 'string',
    zahlungsmittel_id: 'integer', contract_id: 'integer', amount: 'integer', currency: 'string',
    completion_date: 'string', description: 'string', description_raw: 'string', status: 'integer',
    status_text: 'string', incoming_payment_date: 'string', details: 'object', customer: 'object', tid: 'string',
    payment_data: 'string', store_name: 'string', payout_date: 'string', invoice_number: 'string',
    transaction_hash: 'string', reference_id: 'string', incoming_payment_purpose: 'string',
    incoming_payment_iban: 'string', incoming_payment_bic: 'string', account_owner: 'string', accrual: 'boolean',
    order_id: 'string', transmitted_to_bank: 'boolean', documents: 'object[]', load_date: 'string', basket: 'object[]',
  },
  PaymentTransactionsProductModelDetails: {
    amount: 'integer', cleared: 'string', status: 'integer', status_text: 'string', status_simple: 'integer',
    status_simple_text: 'string', description: 'string', description_raw: 'string',
  },
  PaymentTransactionsProductModelCustomer: {
    companyname: 'string', salutation: 'string', title: 'string', forename: 'string', surname: 'string',
  },
  PaymentTransactionsProductModelDocuments: { url: 'string', type: 'string', document_type: 'string' },
  PaymentTransactionsProductModelBasket: { ...PCI_SUB_BASKET, sub_basket: 'object[]' },
  PaymentTransactionsProductModelSubBasket: PCI_SUB_BASKET,
  ParentObj: {
    ...BASE, trans_id: 'integer', ref_type_id: 'integer', ref_type_raw: 'string', hierarchy: 'string',
  },
  PaymentTransactionCancelDTO: {
    reason: 'string', amount: 'integer', reduce_amount_by: 'integer', reduce_stakeholder_payment: 'boolean',
    container_id: 'string',
  },
  PaymentTransactionsCaptureDTO: { amount: 'integer', shipping_information: 'object' },
  SecupayTransactionSetShippingInformationDTO: {
    carrier: 'string', tracking_id: 'string', invoice_number: 'string', shipped_at: 'string', order_id: 'string',
  },
  PaymentTransactionsCheckStatus: {
    status: 'integer', status_text: 'string', status_simple: 'integer', status_simple_text: 'string',
    amount: 'integer', currency: 'string',
  },
  GeneralMerchantsProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, id_old: 'integer', type: 'string', user: 'object', parent: 'object',
    assigned_by: 'object[]', invited_by: 'object[]', legal_details: 'object[]', urls: 'object[]', store_name: 'string',
    acceptance_points: 'object[]', two_fa: 'string',
  },
  GeneralMerchantsUser: {
    name: 'string', forename: 'string', surname: 'string', companyname: 'string', project_name: 'string',
    address: 'object[]', email: 'object[]',
  },
  GeoAddress: { type: 'string', address_components: 'object[]', address_formatted: 'string', geometry: 'object' },
  AddressComponents: { long_name: 'string', short_name: 'string', types: 'string[]' },
  GeoAddressGeometry: { lat: 'string', lon: 'string' },
  GeneralMerchantsUserEmail: { type: 'string', email_formatted: 'string' },
  AssignedBy: { ...BASE, owner: 'boolean' },
  InvitedBy: { ...BASE, invited: 'string' },
  GeneralMerchantsLegalDetails: { url: 'string', type: 'string', content_type: 'string', language: 'string' },
  GeneralMerchantsUrls: { type: 'string', url: 'string' },
  GeneralContractsProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, description: 'string', id_old: 'integer', parent: 'object', merchant: 'object',
    pay_in_advance_account: 'object', paypal_configuration: 'object', easycredit_configuration: 'object',
    checkout_configuration: 'object', payment_link_options: 'object', approved: 'boolean', event_details: 'object',
  },
  PaymentContractsProductModel: {
    ...BASE, ...AGGREGATION_FIELDS, created: 'string', updated: 'string', parent: 'object', pay_in_account: 'object',
    demo: 'boolean', approved: 'boolean',
  },
};

/** The slice of JSON Schema this test walks. */
interface SchemaNode {
  type?: string;
  title?: string;
  $id?: string;
  $ref?: string;
  const?: unknown;
  enum?: readonly unknown[];
  required?: readonly string[];
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** A `{ $ref: '<$id>' }` is the shared schema it names. */
function deref(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const target = sharedSchemasById[node.$ref] as SchemaNode | undefined;
  if (!target) throw new Error(`$ref "${node.$ref}" names no shared schema`);
  return target;
}

/** Walks `a.b.c` through properties, stepping into `items` of arrays and through `$ref`s on the way and at the end. */
function at(schema: unknown, path: string): SchemaNode {
  let node = deref(schema as SchemaNode);
  for (const segment of path === '' ? [] : path.split('.')) {
    if (node.type === 'array' && node.items) node = deref(node.items);
    const next = node.properties?.[segment];
    if (!next) throw new Error(`no property "${segment}" on the way to "${path}"`);
    node = deref(next);
  }
  return node.type === 'array' && node.items ? deref(node.items) : node;
}

function wireType(node: SchemaNode): string | undefined {
  node = deref(node);
  return node.type === 'array' ? `${node.items && deref(node.items).type}[]` : node.type;
}

interface Check {
  /** Path inside the schema ('' = the schema itself). */
  path: string;
  model: keyof typeof SDK;
  /** exact: the same field set; subset: an embedded copy holding some of the model's fields. */
  mode?: 'exact' | 'subset';
  extra?: FieldList;
}

const UID = 'ProductInstanceUID';
const checks: Array<[string, unknown, Check[]]> = [
  ['SmartTransactionsProductModel', smartTransactions.smartTransactionsProductModel, [
    { path: '', model: 'SmartTransactionsProductModel', extra: { updated_at: 'string' } },
    { path: 'merchant', model: 'SmartTransactionsMerchant' },
    ...['contract', 'provider_contract', 'store', 'device_source', 'device_destination', 'subscription']
      .map((path): Check => ({ path, model: UID })),
    { path: 'customer', model: 'PaymentCustomersProductModel' },
    { path: 'customer.contract', model: UID },
    { path: 'customer.contact', model: 'Contact' },
    { path: 'customer.contact.address', model: 'Address' },
    { path: 'shipping_address', model: 'PaymentCustomersProductModel' },
    { path: 'container', model: 'SmartTransactionsContainer' },
    { path: 'container.token_status', model: 'PaymentContainerTokenStatus' },
    { path: 'checkin', model: 'SmartTransactionsCheckin' },
    { path: 'receipt', model: 'SmartTransactionsReceipt' },
    { path: 'receipt.value', model: 'SmartTransactionsReceiptValue' },
    { path: 'receipt_merchant', model: 'SmartTransactionsReceipt' },
    { path: 'basket_info', model: 'SmartTransactionsBasketInfo' },
    { path: 'basket', model: 'SmartTransactionsBasket' },
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
    ...['smart_transaction', 'merchant', 'contract', 'customer', 'container', 'plan']
      .map((path): Check => ({ path, model: 'BaseProductModel' })),
    { path: 'billing_cycles', model: 'PaymentSubscriptionsProductModelBillingCycles' },
    { path: 'billing_cycles.cycle_executions', model: 'CycleExecutions' },
  ]],
  ['PaymentCustomersProductModel', paymentCustomers.paymentCustomersProductModel, [
    { path: '', model: 'PaymentCustomersProductModel' },
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
    { path: 'customer', model: 'PaymentCustomersProductModel' },
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

const responseModels: Array<[unknown, string, string]> = [
  [smartTransactions.smartTransactionsProductModel, 'SmartTransactionsProductModel', 'smart.transactions'],
  [paymentTransactions.paymentTransactionsProductModel, 'PaymentTransactionsProductModel', 'payment.transactions'],
  [paymentSubscriptions.paymentSubscriptionsProductModel, 'PaymentSubscriptionsProductModel', 'payment.subscriptions'],
  [paymentCustomers.paymentCustomersProductModel, 'PaymentCustomersProductModel', 'payment.customers'],
  [paymentContainers.paymentContainersProductModel, 'PaymentContainersProductModel', 'payment.containers'],
  [paymentPlans.paymentPlansProductModel, 'PaymentPlansProductModel', 'payment.plans'],
  [generalMerchants.generalMerchantsProductModel, 'GeneralMerchantsProductModel', 'general.merchants'],
];

describe('response models', () => {
  for (const [schema, title, objectType] of responseModels) {
    it(`${title} requires only object and id, fixes object to "${objectType}" and is titled`, () => {
      const node = at(schema, '');
      expect(node.title).toBe(title);
      expect(node.required).toEqual(['object', 'id']);
      expect(node.properties?.object?.const).toBe(objectType);
    });
  }

  it('wrap lists as {count, data} of the product model', () => {
    const lists: Array<[unknown, unknown]> = [
      [smartTransactions.smartTransactionsList, smartTransactions.smartTransactionsProductModel],
      [paymentTransactions.paymentTransactionsList, paymentTransactions.paymentTransactionsProductModel],
      [paymentSubscriptions.paymentSubscriptionsList, paymentSubscriptions.paymentSubscriptionsProductModel],
      [paymentCustomers.paymentCustomersList, paymentCustomers.paymentCustomersProductModel],
      [paymentContainers.paymentContainersList, paymentContainers.paymentContainersProductModel],
      [paymentPlans.paymentPlansList, paymentPlans.paymentPlansProductModel],
      [generalMerchants.generalMerchantsList, generalMerchants.generalMerchantsProductModel],
    ];
    for (const [list, item] of lists) {
      const node = at(list, '');
      expect(node.required).toEqual(['count', 'data']);
      expect(node.additionalProperties).toBe(false);
      expect(node.properties?.count?.type).toBe('integer');
      expect(node.properties?.data?.items).toBe(item);
    }
  });
});

const modules = {
  common, generalMerchants, paymentContainers, paymentCustomers, paymentPlans, paymentSubscriptions,
  paymentTransactions, smartTransactionsParts, smartTransactions,
};
/** Every exported schema object (arrays of enum values, helpers and property bags are skipped). */
const exportedSchemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'object' && value !== null && !Array.isArray(value)
      && typeof (value as SchemaNode).type === 'string')
    .map(([name, value]) => [`${file}.${name}`, value] as const),
);

function* walk(node: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) yield* walk(child, `${path}[${index}]`);
    return;
  }
  const record = node as Record<string, unknown>;
  yield [path, record];
  for (const [key, child] of Object.entries(record)) {
    if (key === 'enum' || key === 'const' || key === 'required') continue;
    yield* walk(child, `${path}.${key}`);
  }
}

/** Strict Ajv that knows the shared shapes (and the formats they use). */
function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true });
  addFormats.default(ajv);
  return ajv.addSchema([...sharedSchemas]);
}

describe('every exported schema', () => {
  it('is found (the walk below is not vacuous)', () => {
    expect(exportedSchemas.length).toBeGreaterThan(40);
  });

  for (const [name, schema] of exportedSchemas) {
    it(`${name} closes every object, carries an $id only as a shared shape, refers only to shared shapes and compiles under strict Ajv`, () => {
      for (const [path, node] of walk(schema, name)) {
        if (path === name && sharedSchemas.includes(schema as never)) expect(node.$id, path).toEqual(expect.any(String));
        else expect(node, path).not.toHaveProperty('$id');
        if (node.$ref !== undefined) expect(Object.keys(sharedSchemasById), path).toContain(node.$ref);
        if (node.type === 'object') expect(node.additionalProperties, path).toBe(false);
      }
      expect(() => strictAjv().compile(schema as object)).not.toThrow();
    });
  }
});

describe('enumerations', () => {
  it('lists the Smart Transaction statuses and intents of the API reference', () => {
    expect(at(smartTransactions.smartTransactionsProductModel, 'status').enum).toEqual([
      'created', 'processing', 'approved', 'pending', 'ok', 'received', 'shipped', 'collection', 'collected',
      'failed', 'cancelled',
    ]);
    expect(at(smartTransactions.smartTransactionsDTO, 'intent').enum).toEqual(['sale', 'order']);
  });

  it('lists basket item types, container types and plan/subscription values of the SDK', () => {
    expect(at(smartTransactions.smartTransactionsDTO, 'basket.products.item_type').enum).toEqual([
      'article', 'coupon', 'sub_transaction', 'stakeholder_payment', 'shipping', 'subscription',
    ]);
    expect(at(paymentContainers.paymentContainersDTO, 'type').enum).toEqual([
      'bank_account', 'credit_card', 'paypal', 'googlepay', 'applepay',
    ]);
    expect(at(paymentSubscriptions.paymentSubscriptionsProductModel, 'status').enum).toEqual([
      'approved', 'active', 'suspended', 'cancelled', 'completed',
    ]);
    expect(at(paymentSubscriptions.paymentSubscriptionsProductModel, 'billing_cycles.cycle_executions.tenure_type')
      .enum).toEqual(['setup', 'trial', 'regular']);
    expect(at(paymentPlans.paymentPlansProductModel, 'status').enum).toEqual(['created', 'active', 'inactive']);
    expect(at(paymentPlans.paymentPlansProductModel, 'payment_methods').enum).toEqual(['creditcard', 'debit', 'paypal']);
    expect(at(paymentPlans.paymentPlansProductModel, 'billing_cycles.interval.unit').enum).toEqual([
      'day', 'week', 'month', 'year',
    ]);
  });

  it('derives the {paymentMethod} path schema from PAYMENT_METHODS', () => {
    expect(common.paymentMethodParam.enum).toBe(common.PAYMENT_METHODS);
    expect(common.PAYMENT_METHODS).toEqual(expect.arrayContaining(['creditcard', 'debit', 'prepaid', 'cash', 'ccload']));
  });
});

describe('documents shaped like the guides’ examples', () => {
  // Configured like the app's body validator: no coercion, unknown keys stripped.
  const ajv = new Ajv({ coerceTypes: false, removeAdditional: true, allErrors: true, strict: false }).addSchema([...sharedSchemas]);
  const validateCreate = ajv.compile(smartTransactions.smartTransactionsDTO);
  const validateStx = ajv.compile(smartTransactions.smartTransactionsProductModel);
  const validateError = ajv.compile(common.productExceptionPayload);

  const createBody = (): SmartTransactionsDTO => ({
    is_demo: true,
    intent: 'sale',
    contract: { id: 'GCR_2H69XY35227V2VKP9WRA3SJ0W95RP0' },
    transactionRef: 'Order 4711',
    merchantRef: 'ORD-4711',
    customer: {
      contact: {
        forename: 'Max', surname: 'Muster', email: 'max@example.com', dob: '1901-02-03',
        address: { street: 'Musterstr.', street_number: '1', city: 'Dresden', postal_code: '01067', country: 'DE' },
      },
    },
    basket: {
      products: [{ item_type: 'article', desc: 'Ticket', articleNumber: 'T-1', quantity: 2, priceOne: 1000, tax: 19 }],
    },
    basket_info: { sum: 2000, currency: 'EUR' },
    application_context: {
      checkout_template: 'COT_WD0DE66HN2XWJHW8JM88003YG0NEA2',
      language: 'de',
      return_urls: { url_success: 'https://shop.example/ok', url_push: 'https://shop.example/push' },
    },
    payment_context: { auto_capture: false, merchant_initiated: false, accrual: false },
  });

  it('accepts a create body as shop integrations send it', () => {
    expect(validateCreate(createBody()), JSON.stringify(validateCreate.errors)).toBe(true);
  });

  it('refuses an amount sent as a string', () => {
    const body = { ...createBody(), basket_info: { sum: '2000', currency: 'EUR' } };
    expect(validateCreate(body)).toBe(false);
    expect(validateCreate.errors?.[0]?.instancePath).toBe('/basket_info/sum');
  });

  it('drops keys the SDK does not know, as the real API ignores them', () => {
    const body: Record<string, unknown> = { ...createBody(), not_a_field: 1 };
    expect(validateCreate(body)).toBe(true);
    expect(body).not.toHaveProperty('not_a_field');
  });

  it('accepts a prepaid Smart Transaction read back after /start/prepaid', () => {
    const stx: SmartTransaction = {
      object: 'smart.transactions',
      id: 'STX_3HXQQBSVK2XWNAX7ESCZH9NZY3YZAZ',
      created: '2021-02-25T08:47:25+01:00',
      updated: '2021-02-25T08:48:02+01:00',
      updated_at: '2021-02-25T08:48:02+01:00',
      status: 'pending',
      merchant: { object: 'general.merchants', id: 'MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8', companyname: 'Demo Shop' },
      customer: { object: 'payment.customers', id: 'PCU_3XFY6MRQD2XWNAX7ESCZH9NZY3YZAZ', contact: { name: 'Max Muster' } },
      basket_info: { sum: 2000, currency: 'EUR' },
      transactions: [{ object: 'payment.transactions', id: 'PCI_WP7PM5R4K2XWNAX7ESCZH9NZY3YZAZ', trans_id: 40015106 }],
      payment_method: 'prepaid',
      trans_id: 40015106,
      payment_instructions: {
        iban: 'DE88300500000001747013', bic: 'WELADEDDXXX', owner: 'secupay AG', bankname: 'Landesbank Hessen-Thüringen',
        purpose: 'TA 40015106', girocode_url: 'https://connect-testing.secuconnect.com/girocode/x',
      },
    };
    expect(validateStx(stx), JSON.stringify(validateStx.errors)).toBe(true);
  });

  it('refuses a Smart Transaction status outside the lifecycle (the API spells "cancelled")', () => {
    expect(validateStx({ object: 'smart.transactions', id: 'STX_X', status: 'canceled' })).toBe(false);
  });

  it('accepts the documented expired-token error and insists on an integer code', () => {
    const envelope = {
      status: 'error', error: 'ProductNotAllowedException', error_details: 'Valid auth token required',
      error_user: 'Ungültiges Token', code: 2003, supportId: '5f1c3e1a9b7d4c2e8f0a6b3d9c7e1f20',
    };
    expect(validateError(envelope), JSON.stringify(validateError.errors)).toBe(true);
    expect(validateError({ ...envelope, code: '2003' })).toBe(false);
  });
});
