// The tenant clock's control call (POST /__mock/clock) and the domain events a clock move fires:
// renewals of subscriptions, their failures, suspension and completion, advance payments that
// arrive and debits that come back (docs/behaviour.md, "The clock").
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text } from './bounds.js';

/** Forward only, at most a century a call. */
export const MAX_ADVANCE_SECONDS = 100 * 366 * 86_400;

export const clockBodySchema = {
  type: 'object',
  properties: {
    client_id: { type: 'string', maxLength: 128 },
    advance_seconds: { type: 'integer', minimum: 0, maximum: MAX_ADVANCE_SECONDS },
    /** An ISO 8601 time with offset the clock moves to (never backwards). */
    to: { type: 'string', maxLength: 64 },
  },
  oneOf: [{ required: ['advance_seconds'] }, { required: ['to'] }],
  additionalProperties: false,
} as const satisfies JSONSchema;

export const DOMAIN_EVENTS = [
  'subscription.renewed',
  'subscription.renewal_failed',
  'subscription.suspended',
  'subscription.completed',
  'payment.settled',
  'payment.debit_returned',
  'clock.step_failed',
] as const;

/** One thing the clock made happen. */
export const domainEventSchema = {
  type: 'object',
  properties: {
    event: { enum: DOMAIN_EVENTS },
    at: text,
    client_id: text,
    /** The object the event is about: the subscription, or the payment transaction. */
    object_id: text,
    /** A renewal's new payment transaction. */
    payment_transaction: text,
    amount: { type: 'integer' },
    /** A failed renewal: the attempt (1, 2, …) and what refused it. */
    attempt: { type: 'integer' },
    reason: text,
  },
  required: ['event', 'at', 'client_id', 'object_id'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export type DomainEvent = FromSchema<typeof domainEventSchema>;
