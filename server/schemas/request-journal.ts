// The request journal of the control plane (GET/DELETE /__mock/requests): each request the mock
// answered, newest first, with its bodies cut at the journal's body size.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export const JOURNAL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const journalEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'the request\'s id; a status change names it as its cause' },
    seq: { type: 'integer', description: 'order of recording, over all clients; `after` polls from one' },
    client_id: { type: ['string', 'null'], description: 'the tenant the request acted for; null: none (a failed token request, an unknown token)' },
    method: { type: 'string' },
    path: { type: 'string', description: 'the URL path with its query string' },
    status: { type: 'integer' },
    time: { type: 'string', description: 'wall-clock time of the answer, ISO 8601 UTC with milliseconds' },
    clock: { type: ['string', 'null'], description: 'the tenant\'s clock at the answer (as the API writes timestamps); null without a tenant' },
    duration_ms: { type: 'number' },
    request_body: { type: ['string', 'null'], description: 'the body as received (JSON re-serialized), cut at the journal body size' },
    request_bytes: { type: 'integer', description: 'the whole body\'s length' },
    response_body: { type: ['string', 'null'], description: 'cut at the journal body size' },
    response_bytes: { type: 'integer', description: 'the whole body\'s length' },
  },
  required: ['id', 'seq', 'client_id', 'method', 'path', 'status', 'time', 'clock', 'duration_ms', 'request_body', 'request_bytes', 'response_body', 'response_bytes'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export const journalQuerySchema = {
  type: 'object',
  properties: {
    client_id: { type: 'string', maxLength: 128 },
    method: { enum: JOURNAL_METHODS },
    path: { type: 'string', maxLength: 1000, description: 'entries whose path (with query) contains this text' },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    since: { type: 'string', maxLength: 64, description: 'entries answered at or after this ISO 8601 time (wall clock)' },
    after: { type: 'integer', minimum: 0, description: 'entries recorded after this seq' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const journalListSchema = {
  type: 'object',
  properties: {
    count: { type: 'integer' },
    size: { type: 'integer', description: 'entries kept per client (0: the journal is off)' },
    body_bytes: { type: 'integer', description: 'characters of each body kept' },
    data: { type: 'array', items: journalEntrySchema },
  },
  required: ['count', 'size', 'body_bytes', 'data'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export const journalClearQuerySchema = {
  type: 'object',
  properties: { client_id: { type: 'string', maxLength: 128 } },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const journalClearedSchema = {
  type: 'object',
  properties: { deleted: { type: 'integer' } },
  required: ['deleted'],
  additionalProperties: false,
} as const satisfies JSONSchema;

export type JournalEntryView = FromSchema<typeof journalEntrySchema>;
export type JournalQuery = FromSchema<typeof journalQuerySchema>;
