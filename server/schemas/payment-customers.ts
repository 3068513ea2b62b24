// Payment Customers (`payment.customers`, PCU_…): mirrors PaymentCustomersProductModel,
// PaymentCustomersDTO and PaymentCustomersList (Contact/Address live in common.ts).
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them).
// Added: the `merchant` reference the real answers carry (not on the SDK model).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';

/** The customer as embedded in Smart Transactions (`customer`, `shipping_address`) and Containers. */
export const paymentCustomersEmbedded = {
  type: 'object',
  properties: {
    object: { type: 'string', const: 'payment.customers' },
    id: text,
    created: text,
    updated: text,
    merchant: { $ref: 'ProductInstanceUID' },
    contract: { $ref: 'ProductInstanceUID' },
    contact: { $ref: 'Contact' },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentCustomerEmbedded = FromSchema<typeof paymentCustomersEmbedded, SharedSchemaOptions>;

export const paymentCustomersProductModel = {
  title: 'PaymentCustomersProductModel',
  ...paymentCustomersEmbedded,
} as const satisfies JSONSchema;
export type PaymentCustomer = FromSchema<typeof paymentCustomersProductModel, SharedSchemaOptions>;

/** Body of POST and PUT (PUT replaces the whole contact: omitted fields are blanked). */
export const paymentCustomersDTO = {
  title: 'PaymentCustomersDTO',
  type: 'object',
  properties: {
    contact: { $ref: 'Contact' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentCustomersDTO = FromSchema<typeof paymentCustomersDTO, SharedSchemaOptions>;

export const paymentCustomersList = listOf(paymentCustomersProductModel);
export type PaymentCustomersList = FromSchema<typeof paymentCustomersList, SharedSchemaOptions>;

/** DELETE answers an array holding the deleted customer. */
export const paymentCustomersDeleteResult = {
  type: 'array',
  items: paymentCustomersProductModel,
} as const satisfies JSONSchema;
export type PaymentCustomersDeleteResult = FromSchema<typeof paymentCustomersDeleteResult, SharedSchemaOptions>;
