// Payment Subscriptions (`payment.subscriptions`, SUB_…), read-only: mirrors
// PaymentSubscriptionsProductModel, PaymentSubscriptionsProductModelBillingCycles, CycleExecutions and
// PaymentSubscriptionsList.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them), and
// the `billing_info` key of one doc sample (SDK clients read `billing_cycles`). References the SDK
// types as BaseProductModel are `{object, id}`.
// `status`: the SDK lists active/suspended/cancelled/completed; the integration guide adds `approved`
// (while the Smart Transaction is only approved).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text } from './bounds.js';
import { paymentContainerType } from './payment-containers.js';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';
import { tenureType } from './payment-plans.js';
import { smartTransactionPaymentContainerDTO } from './smart-transactions.js';

export const paymentSubscriptionStatus = {
  type: 'string',
  enum: ['approved', 'active', 'suspended', 'cancelled', 'completed'],
} as const satisfies JSONSchema;
export type PaymentSubscriptionStatus = FromSchema<typeof paymentSubscriptionStatus, SharedSchemaOptions>;

export const cycleExecutions = {
  type: 'object',
  properties: {
    sequence: { type: 'integer' },
    tenure_type: tenureType,
    total_cycles: { type: 'integer' },
    cycles_completed: { type: 'integer' },
    cycles_remaining: { type: 'integer' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type CycleExecutions = FromSchema<typeof cycleExecutions, SharedSchemaOptions>;

export const paymentSubscriptionsBillingCycles = {
  type: 'object',
  properties: {
    cycle_executions: { type: 'array', items: cycleExecutions },
    next_billing_time: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentSubscriptionsBillingCycles = FromSchema<typeof paymentSubscriptionsBillingCycles, SharedSchemaOptions>;

export const paymentSubscriptionsProductModel = {
  title: 'PaymentSubscriptionsProductModel',
  type: 'object',
  properties: {
    object: { type: 'string', const: 'payment.subscriptions' },
    id: text,
    created: text,
    updated: text,
    smart_transaction: { $ref: 'ProductInstanceUID' },
    merchant: { $ref: 'ProductInstanceUID' },
    contract: { $ref: 'ProductInstanceUID' },
    customer: { $ref: 'ProductInstanceUID' },
    container: {
      type: 'object',
      properties: { object: text, id: text, type: paymentContainerType },
      required: ['object', 'id'],
      additionalProperties: false,
    },
    plan: { $ref: 'ProductInstanceUID' },
    start_at: text,
    status: paymentSubscriptionStatus,
    paypal_subscription_id: text,
    billing_cycles: paymentSubscriptionsBillingCycles,
    demo: { type: 'boolean' },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentSubscription = FromSchema<typeof paymentSubscriptionsProductModel, SharedSchemaOptions>;

export const paymentSubscriptionsList = listOf(paymentSubscriptionsProductModel);
export type PaymentSubscriptionsList = FromSchema<typeof paymentSubscriptionsList, SharedSchemaOptions>;

/**
 * Body of POST /Smart/Transactions/{subscriptionId}/updatePaymentContainer: the container the
 * subscription pays from now on, an id or an inline bank account (as prepare takes it). The SDK
 * sends no body (the real call hands the payer a page); the mock has no such page for it and asks
 * for `container` once the subscription is found (an unknown id is a 404 whatever the body).
 */
export const subscriptionContainerUpdate = {
  title: 'SubscriptionContainerUpdate',
  type: 'object',
  properties: { container: smartTransactionPaymentContainerDTO },
  additionalProperties: false,
} as const satisfies JSONSchema;
