// Payment Plans (`payment.plans`, PLN_…): mirrors PaymentPlansProductModel, PaymentPlansDTO,
// BillingCyclesItem, PaymentPlanInterval and PaymentPlansList.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them).
// `merchant` (GeneralMerchantsProductModel in the SDK) is the embedded object + id + fillable fields.
// Enums from the SDK setter docs (tenure_type, interval unit) and the integration guide (status,
// payment_methods, product_type).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';
import { generalMerchantsEmbedded } from './general-merchants.js';

export const tenureType = {
  type: 'string',
  enum: ['setup', 'trial', 'regular'],
} as const satisfies JSONSchema;
export type TenureType = FromSchema<typeof tenureType, SharedSchemaOptions>;

export const paymentPlanStatus = {
  type: 'string',
  enum: ['created', 'active', 'inactive'],
} as const satisfies JSONSchema;
export type PaymentPlanStatus = FromSchema<typeof paymentPlanStatus, SharedSchemaOptions>;

export const paymentPlanPaymentMethods = {
  type: 'array',
  maxItems: 10,
  items: { type: 'string', enum: ['creditcard', 'debit', 'paypal'] },
} as const satisfies JSONSchema;

export const paymentPlanInterval = {
  type: 'object',
  properties: {
    unit: { type: 'string', enum: ['day', 'week', 'month', 'year'] },
    count: { type: 'integer' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentPlanInterval = FromSchema<typeof paymentPlanInterval, SharedSchemaOptions>;

/** One billing cycle; a setup fee has sequence 0, the rest count from 1. `price` in minor units. */
export const billingCyclesItem = {
  type: 'object',
  properties: {
    sequence: { type: 'integer' },
    interval: paymentPlanInterval,
    tenure_type: tenureType,
    total_cycles: { type: 'integer' },
    price: { type: 'integer' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type BillingCyclesItem = FromSchema<typeof billingCyclesItem, SharedSchemaOptions>;

export const paymentPlansProductModel = {
  title: 'PaymentPlansProductModel',
  type: 'object',
  properties: {
    object: { type: 'string', const: 'payment.plans' },
    id: text,
    created: text,
    updated: text,
    description: longText,
    currency: text,
    paypal_plan_id: text,
    status: paymentPlanStatus,
    payment_methods: paymentPlanPaymentMethods,
    merchant: generalMerchantsEmbedded,
    billing_cycles: { type: 'array', maxItems: 100, items: billingCyclesItem },
    product_type: { type: 'string', enum: ['physical', 'digital', 'service'] },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentPlan = FromSchema<typeof paymentPlansProductModel, SharedSchemaOptions>;

/**
 * Body of POST, PUT and PATCH. The SDK types `merchant` as a whole GeneralMerchantsProductModel; only
 * its `id` means anything in a request, so it is taken as a reference.
 */
export const paymentPlansDTO = {
  title: 'PaymentPlansDTO',
  type: 'object',
  properties: {
    description: longText,
    currency: text,
    paypal_plan_id: text,
    status: paymentPlanStatus,
    payment_methods: paymentPlanPaymentMethods,
    merchant: { $ref: 'ProductInstanceUIDInput' },
    merchant_id: text,
    billing_cycles: { type: 'array', maxItems: 100, items: billingCyclesItem },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentPlansDTO = FromSchema<typeof paymentPlansDTO, SharedSchemaOptions>;

export const paymentPlansList = listOf(paymentPlansProductModel);
export type PaymentPlansList = FromSchema<typeof paymentPlansList, SharedSchemaOptions>;
