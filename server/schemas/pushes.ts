// Push notifications (event.pushes) as secuconnect sends them to a Smart Transaction's url_push,
// and the mock's view of its outbox (GET /__mock/pushes): each push with its delivery attempts.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export const PUSH_TARGETS = ['payment.transactions', 'payment.subscriptions'] as const;
export const PUSH_STATUSES = ['pending', 'delivered', 'expired'] as const;

/** The body POSTed to url_push: one object per push, no state (the receiver re-reads the object). */
export const pushBodySchema = {
  type: 'object',
  properties: {
    object: { const: 'event.pushes' },
    id: { type: 'string', pattern: '^evt_[0-9a-f]{24}$' },
    created: { type: 'string' },
    target: { enum: PUSH_TARGETS },
    type: { enum: ['added', 'changed'] },
    data: {
      type: 'array',
      minItems: 1,
      maxItems: 1,
      items: {
        type: 'object',
        properties: { object: { enum: PUSH_TARGETS }, id: { type: 'string' } },
        required: ['object', 'id'],
        additionalProperties: false,
      },
    },
  },
  required: ['object', 'id', 'created', 'target', 'type', 'data'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export type PushBody = FromSchema<typeof pushBodySchema>;
export type PushTarget = PushBody['target'];
export type PushType = PushBody['type'];
export type PushStatus = (typeof PUSH_STATUSES)[number];

/** One try to hand a push over: when (tenant clock), the receiver's HTTP status or why none came, how long it took. */
export const pushAttemptSchema = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    status: { type: 'integer' },
    error: { type: 'string' },
    duration_ms: { type: 'integer', minimum: 0 },
  },
  required: ['at', 'duration_ms'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export type PushAttempt = FromSchema<typeof pushAttemptSchema>;

export const pushViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    client_id: { type: 'string' },
    url: { type: 'string' },
    status: { enum: PUSH_STATUSES },
    object_id: { type: 'string' },
    created: { type: 'string' },
    expires: { type: 'string' },
    next_attempt: { type: 'string' },
    body: pushBodySchema,
    attempts: { type: 'array', items: pushAttemptSchema },
  },
  required: ['id', 'client_id', 'url', 'status', 'object_id', 'created', 'expires', 'body', 'attempts'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export type PushView = FromSchema<typeof pushViewSchema>;

export const pushListQuerySchema = {
  type: 'object',
  properties: {
    client_id: { type: 'string', maxLength: 128 },
    status: { enum: PUSH_STATUSES },
    object_id: { type: 'string', maxLength: 255 },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const pushDeliverBodySchema = {
  type: 'object',
  properties: {
    client_id: { type: 'string', maxLength: 128 },
    /** Every pending push now, whether its next attempt is due or not. */
    all: { type: 'boolean' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

/** What one delivery attempt (or expiry) did: the answer of deliver and the events of the clock. */
export const pushEventSchema = {
  type: 'object',
  properties: {
    event: { enum: ['push.attempted', 'push.delivered', 'push.expired'] },
    at: { type: 'string' },
    client_id: { type: 'string' },
    push: { type: 'string' },
    object_id: { type: 'string' },
    status: { enum: PUSH_STATUSES },
    attempt: pushAttemptSchema,
  },
  required: ['event', 'at', 'client_id', 'push', 'object_id', 'status'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export type PushEvent = FromSchema<typeof pushEventSchema>;
