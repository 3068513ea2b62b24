// Payment Transactions (`payment.transactions`, PCI_…): mirrors PaymentTransactionsProductModel
// (+ Details, Customer, Documents, Basket, SubBasket, ParentObj), PaymentTransactionCancelDTO,
// PaymentTransactionsCaptureDTO, SecupayTransactionSetShippingInformationDTO,
// PaymentTransactionsCheckStatus and PaymentTransactionsList.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them).
// `merchant` (GeneralMerchantsProductModel), `contract` (GeneralContractsProductModel) and `store`
// (GeneralStoresProductModel) are the embedded object + id plus the few fields the mock can fill.
// `status` is the detailed integer status, `details.status_simple` the simple one (1…16).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';
import { generalMerchantsEmbedded } from './general-merchants.js';

const parentObj = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    trans_id: { type: 'integer' },
    ref_type_id: { type: 'integer' },
    ref_type_raw: text,
    hierarchy: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

const subBasketProperties = {
  tax: { type: 'integer' },
  quantity: { type: 'integer' },
  price: { type: 'integer' },
  reference_id: text,
  ean: text,
  article_number: text,
  item_type: text,
  name: text,
  total: { type: 'integer' },
} as const satisfies Record<string, JSONSchema>;

const subBasket = {
  type: 'object',
  properties: subBasketProperties,
  additionalProperties: false,
} as const satisfies JSONSchema;

const basketItem = {
  type: 'object',
  properties: {
    ...subBasketProperties,
    sub_basket: { type: 'array', items: subBasket },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const paymentTransactionsDetails = {
  type: 'object',
  properties: {
    amount: { type: 'integer' },
    cleared: text,
    status: { type: 'integer' },
    status_text: text,
    status_simple: { type: 'integer' },
    status_simple_text: text,
    description: longText,
    description_raw: longText,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentTransactionsDetails = FromSchema<typeof paymentTransactionsDetails, SharedSchemaOptions>;

/** GeneralContractsProductModel as embedded in a payment transaction. */
const generalContractsEmbedded = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    id_old: { type: 'integer' },
    description: longText,
    approved: { type: 'boolean' },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export const paymentTransactionsProductModel = {
  title: 'PaymentTransactionsProductModel',
  type: 'object',
  properties: {
    object: { type: 'string', const: 'payment.transactions' },
    id: text,
    created: text,
    updated: text,
    platform: { $ref: 'ProductInstanceUID' },
    merchant: generalMerchantsEmbedded,
    store: { $ref: 'ProductInstanceUID' },
    contract: generalContractsEmbedded,
    trans_id: { type: 'integer' },
    parents: { type: 'array', items: parentObj },
    related_transactions: { type: 'array', items: parentObj },
    subscription: { $ref: 'ProductInstanceUID' },
    product_id: { type: 'integer' },
    product: text,
    product_raw: text,
    zahlungsmittel_id: { type: 'integer' },
    contract_id: { type: 'integer' },
    amount: { type: 'integer' },
    currency: text,
    completion_date: text,
    description: longText,
    description_raw: longText,
    status: { type: 'integer' },
    status_text: text,
    incoming_payment_date: text,
    details: paymentTransactionsDetails,
    customer: {
      type: 'object',
      properties: {
        companyname: text,
        salutation: text,
        title: text,
        forename: text,
        surname: text,
      },
      additionalProperties: false,
    },
    tid: text,
    payment_data: longText,
    store_name: text,
    payout_date: text,
    invoice_number: text,
    transaction_hash: text,
    reference_id: text,
    incoming_payment_purpose: longText,
    incoming_payment_iban: text,
    incoming_payment_bic: text,
    account_owner: text,
    accrual: { type: 'boolean' },
    order_id: text,
    transmitted_to_bank: { type: 'boolean' },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          url: longText,
          type: text,
          document_type: text,
        },
        additionalProperties: false,
      },
    },
    load_date: text,
    basket: { type: 'array', items: basketItem },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentTransaction = FromSchema<typeof paymentTransactionsProductModel, SharedSchemaOptions>;

export const paymentTransactionsList = listOf(paymentTransactionsProductModel);
export type PaymentTransactionsList = FromSchema<typeof paymentTransactionsList, SharedSchemaOptions>;

/**
 * Body of POST /{id}/cancel. No amount means a full cancel/refund. `reason`: at most 100 characters
 * of the set the docs allow.
 */
export const paymentTransactionCancelDTO = {
  title: 'PaymentTransactionCancelDTO',
  type: 'object',
  properties: {
    reason: { type: 'string', maxLength: 100, pattern: "^[A-Za-z0-9 .,+\\-:?()/']*$" },
    amount: { type: 'integer' },
    reduce_amount_by: { type: 'integer' },
    reduce_stakeholder_payment: { type: 'boolean' },
    container_id: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentTransactionCancelDTO = FromSchema<typeof paymentTransactionCancelDTO, SharedSchemaOptions>;

/** Answer of /cancel: the original transaction plus any refund transaction it created. */
export const paymentTransactionsCancelResult = {
  type: 'array',
  items: paymentTransactionsProductModel,
} as const satisfies JSONSchema;
export type PaymentTransactionsCancelResult = FromSchema<typeof paymentTransactionsCancelResult, SharedSchemaOptions>;

/** Body of PUT /{id}/ShippingInformation, and `shipping_information` of a capture. */
export const secupayTransactionSetShippingInformationDTO = {
  title: 'SecupayTransactionSetShippingInformationDTO',
  type: 'object',
  properties: {
    carrier: text,
    tracking_id: text,
    invoice_number: text,
    shipped_at: text,
    order_id: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SecupayTransactionSetShippingInformationDTO = FromSchema<
  typeof secupayTransactionSetShippingInformationDTO
>;

/** Body of POST /{id}/capture. */
export const paymentTransactionsCaptureDTO = {
  title: 'PaymentTransactionsCaptureDTO',
  type: 'object',
  properties: {
    amount: { type: 'integer' },
    shipping_information: {
      type: 'object',
      properties: secupayTransactionSetShippingInformationDTO.properties,
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentTransactionsCaptureDTO = FromSchema<typeof paymentTransactionsCaptureDTO, SharedSchemaOptions>;

/** Answer of GET /{id}/checkStatus; `amount` is the effective amount after cancels and refunds. */
export const paymentTransactionsCheckStatus = {
  title: 'PaymentTransactionsCheckStatus',
  type: 'object',
  properties: {
    status: { type: 'integer' },
    status_text: text,
    status_simple: { type: 'integer' },
    status_simple_text: text,
    amount: { type: 'integer' },
    currency: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentTransactionsCheckStatus = FromSchema<typeof paymentTransactionsCheckStatus, SharedSchemaOptions>;
