// Shared wire pieces of secuconnect's /api/v2 and /oauth/token.
// Mirrors the SDK models ProductInstanceUID, ProductInstanceID, Address, Contact, BankAccountDescriptor,
// CreditCardDescriptor, PayPalDescriptor, ProductExceptionPayload, ResultBoolean and the `…List` envelope.
// Left out: GooglePayDescriptor/ApplePayDescriptor (the mock does not take wallet tokens), and the list
// extras scroll_id/result/meta/type/sum/lookup (the mock does no scrolling, validation or aggregation).
// The shapes with an `$id` are shared: registered once (server/schemas/shared.ts) and referenced by
// `$ref` from the resource schemas, so OpenAPI publishes each once under components.schemas.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** Reference to another object as the API sends it: `{object, id}`. */
export const productInstanceUid = {
  $id: 'ProductInstanceUID',
  type: 'object',
  properties: {
    object: { type: 'string' },
    id: { type: 'string' },
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
    object: { type: 'string' },
    id: { type: 'string' },
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
    id: { type: 'string' },
  },
  required: ['id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ProductInstanceId = FromSchema<typeof productInstanceId>;

export const address = {
  $id: 'Address',
  type: 'object',
  properties: {
    type: { type: 'string' },
    street: { type: 'string' },
    street_number: { type: 'string' },
    city: { type: 'string' },
    postal_code: { type: 'string' },
    country: { type: 'string' },
    additional_address_data: { type: 'string' },
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
    name: { type: 'string' },
    forename: { type: 'string' },
    surname: { type: 'string' },
    companyname: { type: 'string' },
    salutation: { type: 'string' },
    gender: { type: 'string' },
    title: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    mobile: { type: 'string' },
    fax: { type: 'string' },
    dob: {
      type: 'string',
      anyOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$' },
      ],
    },
    picture: { type: 'string' },
    url_website: { type: 'string' },
    birthplace: { type: 'string' },
    nationality: { type: 'string' },
    address: { $ref: 'Address' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type Contact = FromSchema<typeof contact, { references: [typeof address] }>;

export const bankAccountDescriptor = {
  $id: 'BankAccountDescriptor',
  type: 'object',
  properties: {
    iban: { type: 'string' },
    bic: { type: 'string' },
    owner: { type: 'string' },
    bankname: { type: 'string' },
    purpose: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type BankAccountDescriptor = FromSchema<typeof bankAccountDescriptor>;

export const creditCardDescriptor = {
  $id: 'CreditCardDescriptor',
  type: 'object',
  properties: {
    owner: { type: 'string' },
    pan: { type: 'string' },
    expiration_date: { type: 'string' },
    issuer: { type: 'string' },
    transact_container: { type: 'string' },
    transact_skey_pubkey: { type: 'string' },
    transact_skey_keyname: { type: 'string' },
    transact_hash: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type CreditCardDescriptor = FromSchema<typeof creditCardDescriptor>;

export const payPalDescriptor = {
  $id: 'PayPalDescriptor',
  type: 'object',
  properties: {
    email: { type: 'string' },
    payer_id: { type: 'string' },
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
    error: { type: 'string' },
    error_details: { type: 'string' },
    error_user: { type: 'string' },
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
    grant_type: { type: 'string' },
    client_id: { type: 'string' },
    client_secret: { type: 'string' },
    refresh_token: { type: 'string' },
    uuid: { type: 'string' },
    code: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    device: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type OauthTokenRequest = FromSchema<typeof oauthTokenRequest>;

export const oauthTokenResponse = {
  type: 'object',
  properties: {
    access_token: { type: 'string' },
    expires_in: { type: 'integer' },
    token_type: { type: 'string', const: 'bearer' },
    scope: { type: 'string' },
    refresh_token: { type: 'string' },
  },
  required: ['access_token', 'expires_in', 'token_type', 'scope'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type OauthTokenResponse = FromSchema<typeof oauthTokenResponse>;

/** RFC 6749 error shape used by /oauth/token only (e.g. `invalid_client`, `unsupported_grant_type`). */
export const oauthError = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    error_description: { type: 'string' },
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
    fields: { type: 'string' },
    expand: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type ListQuery = FromSchema<typeof listQuery>;

/** Query of a single-object GET: only `expand`. */
export const getOneQuery = {
  type: 'object',
  properties: {
    expand: { type: 'string' },
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
