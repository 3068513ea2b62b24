// The shared wire shapes, each under its `$id`: registered once with every Ajv instance, with
// fast-json-stringify (as external schemas), with Fastify (addSchema) and with the OpenAPI
// generator, which publishes them as components.schemas named by their `$id`. Resource schemas
// point at them with `{ $ref: '<$id>' }`; FromSchema follows those through `SharedReferences`.
import {
  address,
  bankAccountDescriptor,
  contact,
  creditCardDescriptor,
  payPalDescriptor,
  paymentInstrumentDescriptor,
  productExceptionPayload,
  productInstanceId,
  productInstanceUid,
  productInstanceUidInput,
} from './common.js';
import {
  smartTransactionsBasket,
  smartTransactionsBasketInfo,
  smartTransactionsBasketProduct,
  smartTransactionsSubBasketProduct,
} from './smart-transactions-parts.js';

export const sharedSchemas = [
  productInstanceUid,
  productInstanceUidInput,
  productInstanceId,
  address,
  contact,
  bankAccountDescriptor,
  creditCardDescriptor,
  payPalDescriptor,
  paymentInstrumentDescriptor,
  productExceptionPayload,
  smartTransactionsSubBasketProduct,
  smartTransactionsBasketProduct,
  smartTransactionsBasket,
  smartTransactionsBasketInfo,
] as const;

/** For `FromSchema<typeof x, { references: SharedReferences }>`: the types `$ref`s resolve to. */
export type SharedReferences = [
  typeof productInstanceUid,
  typeof productInstanceUidInput,
  typeof productInstanceId,
  typeof address,
  typeof contact,
  typeof bankAccountDescriptor,
  typeof creditCardDescriptor,
  typeof payPalDescriptor,
  typeof paymentInstrumentDescriptor,
  typeof productExceptionPayload,
  typeof smartTransactionsSubBasketProduct,
  typeof smartTransactionsBasketProduct,
  typeof smartTransactionsBasket,
  typeof smartTransactionsBasketInfo,
];

/** The FromSchema options of every schema that may hold a `$ref` (also the routes' type provider). */
export type SharedSchemaOptions = { references: SharedReferences };

/** The shared schemas by `$id`: fast-json-stringify's `schema` option. */
export const sharedSchemasById: Readonly<Record<string, object>> = Object.fromEntries(sharedSchemas.map((s) => [s.$id, s]));
