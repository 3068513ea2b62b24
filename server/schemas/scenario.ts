// The scenario file format (fixtures/*.json): per OAuth client its merchant and the objects to
// seed. Objects are named by a `key` that later entries refer to; ids are generated
// deterministically unless given. Smart Transactions name the status to reach, and the loader
// drives them there through the real lifecycle.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { bankAccountDescriptor } from './common.js';
import { magicValuesOverrides } from './magic-values.js';
import { paymentPlansDTO } from './payment-plans.js';
import { smartTransactionsDTO } from './smart-transactions.js';

const key = { type: 'string', minLength: 1, maxLength: 128, description: 'name other entries use to refer to this one' } as const;
const id = { type: 'string', maxLength: 34, pattern: '^[A-Z]{3}_[A-Z0-9]{30}$' } as const;
const keyOrId = { type: 'string', minLength: 1, maxLength: 128, description: 'a key of this scenario or an id' } as const;

/** The statuses a seeded Smart Transaction can be driven to, and the steps that get it there. */
export const SEEDABLE_STATUSES = ['created', 'approved', 'pending', 'ok', 'received', 'shipped', 'failed', 'cancelled'] as const;

export const scenarioSchema = {
  type: 'object',
  required: ['clients'],
  additionalProperties: false,
  properties: {
    $schema: text,
    name: text,
    description: longText,
    clients: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['client_id', 'client_secret', 'merchant'],
        additionalProperties: false,
        properties: {
          client_id: { type: 'string', minLength: 1, maxLength: 128 },
          client_secret: { type: 'string', minLength: 1, maxLength: 255 },
          refresh_tokens: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 255 } },
          magic_values: { ...magicValuesOverrides, description: 'this client\'s own magic values, merged over fixtures/magic-values.json (docs/magic-values.md)' },
          merchant: {
            type: 'object',
            required: ['companyname'],
            additionalProperties: false,
            properties: {
              id,
              id_old: { type: 'integer' },
              companyname: text,
              store_name: text,
            },
          },
          plans: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key'],
              additionalProperties: false,
              properties: { key, id, ...paymentPlansDTO.properties },
            },
          },
          customers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'contact'],
              additionalProperties: false,
              properties: { key, id, contact: { $ref: 'Contact' } },
            },
          },
          containers: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'type', 'private'],
              additionalProperties: false,
              properties: {
                key,
                id,
                customer: keyOrId,
                type: { const: 'bank_account' },
                private: {
                  type: 'object',
                  properties: bankAccountDescriptor.properties,
                  required: ['iban'],
                  additionalProperties: false,
                },
              },
            },
          },
          smart_transactions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'status', 'request'],
              additionalProperties: false,
              properties: {
                key,
                id,
                status: { enum: SEEDABLE_STATUSES },
                payment_method: { enum: ['debit', 'prepaid', 'invoice', 'creditcard', 'paypal'] },
                customer: keyOrId,
                container: keyOrId,
                plan: { ...keyOrId, description: 'makes the basket a subscription of this plan' },
                request: smartTransactionsDTO,
              },
            },
          },
        },
      },
    },
  },
} as const satisfies JSONSchema;

export type Scenario = FromSchema<typeof scenarioSchema, SharedSchemaOptions>;
export type ScenarioClient = Scenario['clients'][number];
