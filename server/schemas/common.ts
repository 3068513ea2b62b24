// Shared wire pieces of secuconnect's /api/v2 and /oauth/token.
// Mirrors the SDK models ProductInstanceUID, ProductInstanceID, Address, Contact, BankAccountDescriptor,
// CreditCardDescriptor, PayPalDescriptor, ProductExceptionPayload, ResultBoolean and the `…List` envelope.
// Left out: GooglePayDescriptor/ApplePayDescriptor (the mock does not take wallet tokens), and the list
// extras scroll_id/result/meta/type/sum/lookup (the mock does no scrolling, validation or aggregation).
// The shapes with an `$id` are shared: registered once (server/schemas/shared.ts) and referenced by
// `$ref` from the resource schemas, so OpenAPI publishes each once under components.schemas.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';

/** Reference to another object as the API sends it: `{object, id}`. */
export const productInstanceUid = {
  $id: 'ProductInstanceUID',
  type: 'object',
  properties: {
    object: text,
    id: text,
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ProductInstanceUid = FromSchema<typeof productInstanceUid>;

/** The same reference in a request body: `object` may be left out, `id` is what counts. */
export const productInstanceUidInput = {
  $id: 'ProductInstanceUIDInput',
  type: 'object',
  properties: {
    object: text,
    id: text,
  },
  required: ['id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ProductInstanceUidInput = FromSchema<typeof productInstanceUidInput>;

/** Reference in a request body: `{id}` only. */
export const productInstanceId = {
  $id: 'ProductInstanceID',
  type: 'object',
  properties: {
    id: text,
  },
  required: ['id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ProductInstanceId = FromSchema<typeof productInstanceId>;

export const address = {
  $id: 'Address',
  type: 'object',
  properties: {
    type: text,
    street: text,
    street_number: text,
    city: text,
    postal_code: text,
    country: text,
    additional_address_data: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type Address = FromSchema<typeof address>;

/**
 * `name` is derived (forename + surname) in responses. `dob` is a real calendar date, `YYYY-MM-DD`
 * (answered as midnight Berlin time) or a date-time with offset; anything else is a 400 naming it.
 */
export const contact = {
  $id: 'Contact',
  type: 'object',
  properties: {
    name: longText,
    forename: text,
    surname: text,
    companyname: text,
    salutation: text,
    gender: text,
    title: text,
    email: text,
    phone: text,
    mobile: text,
    fax: text,
    dob: {
      type: 'string',
      maxLength: 32,
      anyOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$' },
      ],
    },
    picture: longText,
    url_website: longText,
    birthplace: text,
    nationality: text,
    address: { $ref: 'Address' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type Contact = FromSchema<typeof contact, { references: [typeof address] }>;

export const bankAccountDescriptor = {
  $id: 'BankAccountDescriptor',
  type: 'object',
  properties: {
    iban: text,
    bic: text,
    owner: text,
    bankname: text,
    purpose: longText,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type BankAccountDescriptor = FromSchema<typeof bankAccountDescriptor>;

export const creditCardDescriptor = {
  $id: 'CreditCardDescriptor',
  type: 'object',
  properties: {
    owner: text,
    pan: text,
    expiration_date: text,
    issuer: text,
    transact_container: longText,
    transact_skey_pubkey: longText,
    transact_skey_keyname: text,
    transact_hash: longText,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type CreditCardDescriptor = FromSchema<typeof creditCardDescriptor>;

export const payPalDescriptor = {
  $id: 'PayPalDescriptor',
  type: 'object',
  properties: {
    email: text,
    payer_id: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PayPalDescriptor = FromSchema<typeof payPalDescriptor>;

/**
 * `OneOfPaymentContainersDTOModelPrivate` (container `private`/`public`): one object holding the union of
 * the bank-account, credit-card and PayPal descriptor fields (`owner` is shared), since the variants
 * carry no discriminator on the wire; the container's `type` says which fields apply.
 */
export const paymentInstrumentDescriptor = {
  $id: 'PaymentInstrumentDescriptor',
  type: 'object',
  properties: {
    ...bankAccountDescriptor.properties,
    ...creditCardDescriptor.properties,
    ...payPalDescriptor.properties,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentInstrumentDescriptor = FromSchema<typeof paymentInstrumentDescriptor>;

/** The error envelope of every non-2xx answer under /api/v2. `code` is an integer as in the docs' example. */
export const productExceptionPayload = {
  $id: 'ProductExceptionPayload',
  title: 'ProductExceptionPayload',
  type: 'object',
  properties: {
    status: { type: 'string', const: 'error' },
    error: text,
    error_details: longText,
    error_user: longText,
    code: { type: 'integer' },
    supportId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
  },
  required: ['status', 'error', 'error_details', 'error_user', 'code', 'supportId'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ProductExceptionPayload = FromSchema<typeof productExceptionPayload>;
/** Alias used by the error handler. */
export type ErrorEnvelope = ProductExceptionPayload;

/**
 * Body of POST /oauth/token (JSON or form-urlencoded). Nothing is required here: a missing field is
 * answered by the handler in the OAuth error shape, not by schema validation in the product envelope.
 */
export const oauthTokenRequest = {
  type: 'object',
  properties: {
    grant_type: text,
    client_id: text,
    client_secret: text,
    refresh_token: text,
    uuid: text,
    code: text,
    username: text,
    password: text,
    device: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type OauthTokenRequest = FromSchema<typeof oauthTokenRequest>;

export const oauthTokenResponse = {
  type: 'object',
  properties: {
    access_token: text,
    expires_in: { type: 'integer' },
    token_type: { type: 'string', const: 'bearer' },
    scope: text,
    refresh_token: text,
  },
  required: ['access_token', 'expires_in', 'token_type', 'scope'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type OauthTokenResponse = FromSchema<typeof oauthTokenResponse>;

/** RFC 6749 error shape used by /oauth/token only (e.g. `invalid_client`, `unsupported_grant_type`). */
export const oauthError = {
  type: 'object',
  properties: {
    error: text,
    error_description: longText,
  },
  required: ['error', 'error_description'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type OauthError = FromSchema<typeof oauthError>;

export const resultBoolean = {
  title: 'ResultBoolean',
  type: 'object',
  properties: {
    result: { type: 'boolean' },
  },
  required: ['result'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ResultBoolean = FromSchema<typeof resultBoolean>;

/** `…List` envelope: `count` is the total of matching objects, `data` the page. */
export function listOf<const Item extends JSONSchema>(items: Item) {
  return {
    type: 'object',
    required: ['count', 'data'],
    properties: {
      count: { type: 'integer' },
      data: { type: 'array', items },
    },
    additionalProperties: false,
  } as const;
}

/**
 * Query of every collection GET. No upper bound on `count`: the real limit is undocumented, so capping
 * is left to the domain. Unknown parameters (aggregate, meta, scroll_id, …) are stripped, not refused.
 */
export const listQuery = {
  type: 'object',
  properties: {
    // Bounded so that one request cannot build a page of every stored object (docs/behaviour.md);
    // the numbers are MAX_PAGE_SIZE, MAX_OFFSET and MAX_Q_LENGTH of domain/list-query.ts.
    count: { type: 'integer', minimum: 0, maximum: 1000 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    sort: { type: 'string', maxLength: 1024 },
    q: { type: 'string', maxLength: 1024 },
    fields: longText,
    expand: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ListQuery = FromSchema<typeof listQuery>;

/** Query of a single-object GET: only `expand`. */
export const getOneQuery = {
  type: 'object',
  properties: {
    expand: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type GetOneQuery = FromSchema<typeof getOneQuery>;

/**
 * `{paymentMethod}` of /prepare and /start: the e-commerce methods (eps, giropay, sofort deprecated but
 * still in the SDK), then the POS-only start methods.
 */
export const PAYMENT_METHODS = [
  'creditcard',
  'debit',
  'invoice',
  'paypal',
  'prepaid',
  'easycredit',
  'eps',
  'giropay',
  'sofort',
  'cash',
  'cashless',
  'loyalty',
  'cashless_direct',
  'ccload',
] as const;

export const paymentMethodParam = {
  type: 'string',
  enum: PAYMENT_METHODS,
} as const satisfies JSONSchema;
export type PaymentMethodParam = FromSchema<typeof paymentMethodParam>;
