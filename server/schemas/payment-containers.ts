// Payment Containers (`payment.containers`, PCT_…): mirrors PaymentContainersProductModel,
// PaymentContainersDTO (+ PaymentContainersDTOCustomer), PaymentContainerMandate,
// PaymentContainerTokenStatus and PaymentContainersList.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them);
// GooglePay/ApplePay descriptor fields in `private`/`public` (the mock keeps no wallet tokens).
// `merchant` (GeneralMerchantsProductModel) and `contract` (PaymentContractsProductModel) are the
// embedded object + id plus the few fields the mock can fill.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';
import { generalMerchantsEmbedded } from './general-merchants.js';
import { paymentCustomersEmbedded } from './payment-customers.js';

/** Container types (PaymentContainersDTO.type); credit_card and paypal are created by checkout only. */
export const paymentContainerType = {
  type: 'string',
  enum: ['bank_account', 'credit_card', 'paypal', 'googlepay', 'applepay'],
} as const satisfies JSONSchema;
export type PaymentContainerType = FromSchema<typeof paymentContainerType, SharedSchemaOptions>;

/** A card container's token for merchant-initiated payments (recurring payments guide). */
export const TOKEN_STATUSES = ['not requested', 'requested', 'inquiry', 'active', 'failed', 'archivePending', 'archived'] as const;

export const paymentContainerTokenStatus = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: TOKEN_STATUSES },
    created: text,
    last_modified: text,
    version: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentContainerTokenStatus = FromSchema<typeof paymentContainerTokenStatus, SharedSchemaOptions>;

export const paymentContainerMandate = {
  type: 'object',
  properties: {
    sepa_mandate_id: text,
    iban: text,
    bic: text,
    /** SEPA scheme: the SDK names CORE and B2B; older docs also show COR1. */
    type: { type: 'string', enum: ['CORE', 'B2B', 'COR1'] },
    status: text,
    identification: text,
    creditor_id: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentContainerMandate = FromSchema<typeof paymentContainerMandate, SharedSchemaOptions>;

/** PaymentContractsProductModel as embedded in a container: object + id + the flags the mock knows. */
const paymentContractsEmbedded = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    demo: { type: 'boolean' },
    approved: { type: 'boolean' },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export const paymentContainersProductModel = {
  title: 'PaymentContainersProductModel',
  type: 'object',
  properties: {
    object: { type: 'string', const: 'payment.containers' },
    id: text,
    created: text,
    updated: text,
    merchant: generalMerchantsEmbedded,
    contract: paymentContractsEmbedded,
    customer: paymentCustomersEmbedded,
    type: paymentContainerType,
    public: { $ref: 'PaymentInstrumentDescriptor' },
    private: { $ref: 'PaymentInstrumentDescriptor' },
    mandate: paymentContainerMandate,
    token_status: paymentContainerTokenStatus,
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentContainer = FromSchema<typeof paymentContainersProductModel, SharedSchemaOptions>;

/** Fields shared by PaymentContainersDTO and the inline container of Smart Transactions. */
export const paymentContainersDTOProperties = {
  merchant_id: text,
  customer: { $ref: 'ProductInstanceID' },
  customer_id: text,
  type: paymentContainerType,
  request_token: { type: 'boolean' },
  notification_url: longText,
  private: { $ref: 'PaymentInstrumentDescriptor' },
} as const satisfies Record<string, JSONSchema>;

/** Body of POST and PUT. IBAN/BIC are plain strings here: the domain checks and resolves them. */
export const paymentContainersDTO = {
  title: 'PaymentContainersDTO',
  type: 'object',
  properties: paymentContainersDTOProperties,
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentContainersDTO = FromSchema<typeof paymentContainersDTO, SharedSchemaOptions>;

export const paymentContainersList = listOf(paymentContainersProductModel);
export type PaymentContainersList = FromSchema<typeof paymentContainersList, SharedSchemaOptions>;

/** DELETE answers an array holding the deleted container. */
export const paymentContainersDeleteResult = {
  type: 'array',
  items: paymentContainersProductModel,
} as const satisfies JSONSchema;
export type PaymentContainersDeleteResult = FromSchema<typeof paymentContainersDeleteResult, SharedSchemaOptions>;
