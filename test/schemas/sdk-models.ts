// The PHP SDK 2.63.0 models the schemas mirror (docs: /work/shared/API.md §8): wire names and the
// JSON types the SDK deserializes, as data copied from §8. The aggregation fields l,k,ks,c,s,t of
// every ProductModel are listed too; the schemas leave them out on purpose (the mock never aggregates).
export type WireType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'string[]'
  | 'integer[]'
  | 'object[]';
export type FieldList = Record<string, WireType>;

export const AGGREGATION_FIELDS: FieldList = { l: 'integer', k: 'integer', ks: 'string', c: 'integer', s: 'integer', t: 'object' };
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
export const SDK: Record<string, FieldList> = {
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
