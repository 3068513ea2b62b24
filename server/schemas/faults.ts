// Fault rules of the control plane (POST /__mock/faults): which requests a rule matches and what
// happens to them instead of (or before) their execution. Every number and string is bounded, so a
// rule can neither hold a request for long nor make matching expensive. docs/faults.md lists them.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export const FAULT_LIMITS = {
  /** Rules held at once (over all tenants). */
  rules: 100,
  /** Characters of a path pattern, and its `*` wildcards. */
  patternLength: 256,
  patternWildcards: 16,
  /** Longest latency a rule or `Prefer: delay=` may add, ms. */
  delayMs: 60_000,
  /** Largest `times` of a one-shot rule. */
  times: 1_000_000,
  /** Longest `Retry-After` of a 429/503, seconds. */
  retryAfter: 86_400,
} as const;

const ms = { type: 'integer', minimum: 0, maximum: FAULT_LIMITS.delayMs } as const;

/** What a distribution needs: `if distribution is X then these are required`. */
const needs = (key: string, value: string, required: readonly string[]) =>
  ({ if: { type: 'object', properties: { [key]: { const: value } }, required: [key] }, then: { type: 'object', required } }) as const;

// Flat objects with `if/then` rather than `oneOf` branches: bodies are validated with
// removeAdditional, which would strip the fields of a later branch while trying an earlier one.
export const latencySchema = {
  type: 'object',
  required: ['distribution'],
  additionalProperties: false,
  description: 'fixed `ms`; uniform between `min_ms` and `max_ms`; lognormal `median_ms` · e^(`sigma` · N(0,1)), cut at the bound',
  properties: {
    distribution: { enum: ['fixed', 'uniform', 'lognormal'] },
    ms,
    min_ms: ms,
    max_ms: ms,
    median_ms: ms,
    sigma: { type: 'number', minimum: 0, maximum: 4 },
  },
  allOf: [needs('distribution', 'fixed', ['ms']), needs('distribution', 'uniform', ['min_ms', 'max_ms']), needs('distribution', 'lognormal', ['median_ms', 'sigma'])],
} as const satisfies JSONSchema;

export const FAULT_EFFECTS = ['status', 'latency', 'drop', 'empty', 'no_reply'] as const;

export const faultEffectSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  description:
    'status: the error envelope with `status` (429 or 5xx, default 503; 429 with Retry-After); latency: executed after the delay; ' +
    'drop: the connection is closed without an answer; empty: an answer with `status` (default 200) and no body; ' +
    'no_reply: nothing until the request timeout, then the connection is closed. `latency` on any but no_reply is waited first.',
  properties: {
    type: { enum: FAULT_EFFECTS },
    status: { type: 'integer', minimum: 200, maximum: 599 },
    retry_after: { type: 'integer', minimum: 0, maximum: FAULT_LIMITS.retryAfter, description: 'seconds; default 1 for 429' },
    latency: latencySchema,
  },
  allOf: [needs('type', 'latency', ['latency'])],
} as const satisfies JSONSchema;

export const FAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const faultRuleDTO = {
  type: 'object',
  required: ['effect'],
  additionalProperties: false,
  properties: {
    method: { enum: FAULT_METHODS, description: 'any method when left out' },
    path: {
      type: 'string',
      minLength: 1,
      maxLength: FAULT_LIMITS.patternLength,
      pattern: '^/',
      description: 'the URL path (no query), `*` for any run of characters, case-insensitive; any /api/v2 or /oauth/token path when left out',
    },
    client_id: { type: 'string', minLength: 1, maxLength: 128, description: 'only requests of this tenant (its bearer token, or client_id of a token request)' },
    times: { type: 'integer', minimum: 1, maximum: FAULT_LIMITS.times, description: 'fires this often, then the rule is spent' },
    probability: { type: 'number', minimum: 0, maximum: 1, default: 1, description: 'chance a matching request is hit' },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: 1, description: 'seed of the rule\'s random numbers (probability, latency)' },
    effect: faultEffectSchema,
  },
} as const satisfies JSONSchema;

export type FaultRuleDTO = FromSchema<typeof faultRuleDTO>;
export type FaultEffect = FromSchema<typeof faultEffectSchema>;
export type Latency = FromSchema<typeof latencySchema>;
export type FaultEffectType = (typeof FAULT_EFFECTS)[number];

export const faultQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { client_id: { type: 'string', minLength: 1, maxLength: 128 } },
} as const satisfies JSONSchema;

/** A rule as GET /__mock/faults lists it: what was asked, with its id and how often it fired. */
export const faultRuleView = {
  type: 'object',
  required: ['id', 'hits', 'probability', 'seed', 'effect'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    ...faultRuleDTO.properties,
    hits: { type: 'integer', description: 'requests the rule fired on' },
    remaining: { type: 'integer', description: 'how often it still fires (rules with `times`); 0: spent' },
  },
} as const satisfies JSONSchema;
export type FaultRuleView = FromSchema<typeof faultRuleView>;

export const faultRuleList = {
  type: 'object',
  required: ['count', 'data'],
  additionalProperties: false,
  properties: { count: { type: 'integer' }, data: { type: 'array', items: faultRuleView } },
} as const satisfies JSONSchema;
