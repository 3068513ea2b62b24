// Smart Transactions (`smart.transactions`, STX_…): mirrors SmartTransactionsProductModel,
// SmartTransactionsDTO, SmartTransactionsPrepare, SmartTransactionsStart,
// SmartTransactionsSetDeliveryModel and SmartTransactionsList, with SmartTransactionsMerchant,
// SmartTransactionsContainer, SmartTransactionsPaymentLinks, SmartTransactionsPrepaidSalesDetails,
// PaymentInstructions, SmartTransactionPaymentCustomerDTO and SmartTransactionPaymentContainerDTO.
// The nested pieces shared with the request bodies are in smart-transactions-parts.ts.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them).
// `transactions` (PaymentTransactionsProductModel[] in the SDK) holds the `{object, id}` references
// plus `trans_id` and `transaction_hash`, as the API embeds them.
// Added: `updated_at`, the same value as `updated` (one integration guide shows it).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { bankAccountDescriptor, listOf } from './common.js';
import {
  paymentContainersDTOProperties,
  paymentContainerTokenStatus,
  paymentContainerType,
} from './payment-containers.js';
import { paymentCustomersEmbedded } from './payment-customers.js';
import {
  dynamicDescriptor,
  paymentContext,
  returnUrl,
  smartTransactionsApplicationContext,
  smartTransactionsCheckin,
  smartTransactionsCheckoutLinks,
  smartTransactionsCommunication,
  smartTransactionsDeliveryOptions,
  smartTransactionsIdent,
  smartTransactionsReceipt,
} from './smart-transactions-parts.js';

export const SMART_TRANSACTION_STATUSES = [
  'created',
  'processing',
  'approved',
  'pending',
  'ok',
  'received',
  'shipped',
  'collection',
  'collected',
  'failed',
  'cancelled',
] as const;

export const smartTransactionStatus = {
  type: 'string',
  enum: SMART_TRANSACTION_STATUSES,
} as const satisfies JSONSchema;
export type SmartTransactionStatus = FromSchema<typeof smartTransactionStatus, SharedSchemaOptions>;

export const smartTransactionIntent = {
  type: 'string',
  enum: ['sale', 'order'],
} as const satisfies JSONSchema;
export type SmartTransactionIntent = FromSchema<typeof smartTransactionIntent, SharedSchemaOptions>;

/** Advance-payment (and easyCredit) instructions: BankAccountDescriptor plus these fields. */
export const paymentInstructions = {
  type: 'object',
  properties: {
    ...bankAccountDescriptor.properties,
    girocode_url: longText,
    interest: { type: 'integer' },
    total_value: { type: 'integer' },
    number_of_installments: { type: 'integer' },
    installment: { type: 'integer' },
    last_installment: { type: 'integer' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentInstructions = FromSchema<typeof paymentInstructions, SharedSchemaOptions>;

/** Smart Checkout URL per payment method. */
export const smartTransactionsPaymentLinks = {
  type: 'object',
  properties: {
    prepaid: text,
    debit: text,
    creditcard: text,
    invoice: text,
    paypal: text,
    sofort: text,
    general: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsPaymentLinks = FromSchema<typeof smartTransactionsPaymentLinks, SharedSchemaOptions>;

export const smartTransactionsProductModel = {
  title: 'SmartTransactionsProductModel',
  type: 'object',
  properties: {
    object: { type: 'string', const: 'smart.transactions' },
    id: text,
    created: text,
    updated: text,
    updated_at: text,
    status: smartTransactionStatus,
    merchant: {
      type: 'object',
      properties: {
        object: { type: 'string', const: 'general.merchants' },
        id: text,
        companyname: text,
      },
      required: ['object', 'id'],
      additionalProperties: false,
    },
    contract: { $ref: 'ProductInstanceUID' },
    provider_contract: { $ref: 'ProductInstanceUID' },
    customer: paymentCustomersEmbedded,
    shipping_address: paymentCustomersEmbedded,
    container: {
      type: 'object',
      properties: {
        object: text,
        id: text,
        type: paymentContainerType,
        token_status: paymentContainerTokenStatus,
      },
      required: ['object', 'id'],
      additionalProperties: false,
    },
    checkin: smartTransactionsCheckin,
    transactionRef: text,
    merchantRef: text,
    store: { $ref: 'ProductInstanceUID' },
    device_source: { $ref: 'ProductInstanceUID' },
    device_destination: { $ref: 'ProductInstanceUID' },
    receipt_number: { type: 'integer' },
    receipt: { type: 'array', items: smartTransactionsReceipt },
    receipt_merchant: { type: 'array', items: smartTransactionsReceipt },
    receipt_merchant_print: { type: 'boolean' },
    basket_info: { $ref: 'SmartTransactionsBasketInfo' },
    basket: { $ref: 'SmartTransactionsBasket' },
    idents: { type: 'array', maxItems: 20, items: smartTransactionsIdent },
    tax_rate: { type: 'integer' },
    tax_amount: { type: 'integer' },
    cashier: text,
    market: text,
    delivery_options: smartTransactionsDeliveryOptions,
    product: text,
    trans_id: { type: 'integer' },
    payment_method: text,
    transactions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          object: { type: 'string', const: 'payment.transactions' },
          id: text,
          trans_id: { type: 'integer' },
          transaction_hash: text,
        },
        required: ['object', 'id'],
        additionalProperties: false,
      },
    },
    last_visited_page: text,
    is_demo: { type: 'boolean' },
    checkout_links: smartTransactionsCheckoutLinks,
    intent: smartTransactionIntent,
    iframe_url: longText,
    prepaid_sales: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        status: text,
        error_details: longText,
      },
      additionalProperties: false,
    },
    communications: smartTransactionsCommunication,
    payment_links: smartTransactionsPaymentLinks,
    application_context: smartTransactionsApplicationContext,
    payment_instructions: paymentInstructions,
    payment_context: paymentContext,
    subscription: { $ref: 'ProductInstanceUID' },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransaction = FromSchema<typeof smartTransactionsProductModel, SharedSchemaOptions>;

export const smartTransactionsList = listOf(smartTransactionsProductModel);
export type SmartTransactionsList = FromSchema<typeof smartTransactionsList, SharedSchemaOptions>;

/** SmartTransactionPaymentCustomerDTO: an existing customer (`id`) or an inline `contact`. */
export const smartTransactionPaymentCustomerDTO = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    contact: { $ref: 'Contact' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionPaymentCustomerDTO = FromSchema<typeof smartTransactionPaymentCustomerDTO, SharedSchemaOptions>;

/** SmartTransactionPaymentContainerDTO: an existing container (`id`) or an inline container. */
export const smartTransactionPaymentContainerDTO = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    ...paymentContainersDTOProperties,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionPaymentContainerDTO = FromSchema<typeof smartTransactionPaymentContainerDTO, SharedSchemaOptions>;

/** Body of POST /Smart/Transactions and PUT /Smart/Transactions/{id} (partial update). */
export const smartTransactionsDTO = {
  title: 'SmartTransactionsDTO',
  type: 'object',
  properties: {
    merchant: text,
    provider_contract: { $ref: 'ProductInstanceUIDInput' },
    transactionRef: text,
    merchantRef: text,
    basket: { $ref: 'SmartTransactionsBasket' },
    basket_info: { $ref: 'SmartTransactionsBasketInfo' },
    idents: { type: 'array', maxItems: 20, items: smartTransactionsIdent },
    tax_amount: { type: 'integer' },
    tax_rate: { type: 'integer' },
    market: text,
    cashier: text,
    product: text,
    device_source: { $ref: 'ProductInstanceUIDInput' },
    trans_id: { type: 'integer' },
    contract: { $ref: 'ProductInstanceID' },
    last_visited_page: text,
    customer: smartTransactionPaymentCustomerDTO,
    shipping_address: smartTransactionPaymentCustomerDTO,
    container: smartTransactionPaymentContainerDTO,
    checkin: smartTransactionsCheckin,
    payment_method: text,
    is_demo: { type: 'boolean' },
    intent: smartTransactionIntent,
    checkout_links: smartTransactionsCheckoutLinks,
    delivery_options: smartTransactionsDeliveryOptions,
    communications: smartTransactionsCommunication,
    application_context: smartTransactionsApplicationContext,
    payment_context: paymentContext,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsDTO = FromSchema<typeof smartTransactionsDTO, SharedSchemaOptions>;

const prepareProperties = {
  customer: smartTransactionPaymentCustomerDTO,
  container: smartTransactionPaymentContainerDTO,
  callback_urls: {
    type: 'object',
    properties: {
      success_url: returnUrl,
      failure_url: returnUrl,
    },
    additionalProperties: false,
  },
  dynamic_descriptor: dynamicDescriptor,
  email: text,
} as const satisfies Record<string, JSONSchema>;

/** Body of POST /{id}/prepare/{paymentMethod} (optional). */
export const smartTransactionsPrepare = {
  title: 'SmartTransactionsPrepare',
  type: 'object',
  properties: prepareProperties,
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsPrepare = FromSchema<typeof smartTransactionsPrepare, SharedSchemaOptions>;

/** Body of POST /{id}/start/{paymentMethod} (optional): the prepare body plus POS terminal fields. */
export const smartTransactionsStart = {
  title: 'SmartTransactionsStart',
  type: 'object',
  properties: {
    ...prepareProperties,
    tid: text,
    trace: { type: 'integer' },
    cardtype: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsStart = FromSchema<typeof smartTransactionsStart, SharedSchemaOptions>;

/** Body of POST /{id}/setDelivery. */
export const smartTransactionsSetDeliveryModel = {
  title: 'SmartTransactionsSetDeliveryModel',
  type: 'object',
  properties: {
    delivery_options: smartTransactionsDeliveryOptions,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsSetDeliveryModel = FromSchema<typeof smartTransactionsSetDeliveryModel, SharedSchemaOptions>;
