// The magic-values table (fixtures/magic-values.json, docs/magic-values.md): card numbers, IBANs
// and basket sums with a fixed outcome, the bank data of German bank codes, the creditor id. A
// scenario client may carry its own entries (`magic_values`), merged over the defaults.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

export const CARD_OUTCOMES = ['approve', 'decline', 'challenge', 'insufficient_funds'] as const;
export const IBAN_OUTCOMES = ['approve', 'mandate_refused', 'debit_returned', 'renewal_declined'] as const;
export const AMOUNT_OUTCOMES = ['approve', 'decline', 'insufficient_funds', 'settles_in_3_days'] as const;

/** Entries a table may hold per kind: enough for any test suite, small enough to read at start. */
const MAX_ENTRIES = 1000;

const bank = {
  type: 'object',
  required: ['bic', 'bankname'],
  additionalProperties: false,
  properties: { bic: { type: 'string', pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' }, bankname: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** The kinds a tenant can add to or override. */
const entries = {
  cards: {
    type: 'object',
    maxProperties: MAX_ENTRIES,
    description: 'card number (digits only) -> outcome on the checkout page; any other number approves',
    propertyNames: { pattern: '^[0-9]{12,19}$' },
    additionalProperties: { enum: CARD_OUTCOMES },
  },
  ibans: {
    type: 'object',
    maxProperties: MAX_ENTRIES,
    description: 'IBAN (electronic format) -> outcome of a debit from it; any other IBAN approves',
    propertyNames: { pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' },
    additionalProperties: { enum: IBAN_OUTCOMES },
  },
  amounts: {
    type: 'object',
    maxProperties: MAX_ENTRIES,
    description: 'basket sum in cents -> outcome of every authorisation; any other sum approves',
    propertyNames: { pattern: '^(0|[1-9][0-9]{0,11})$' },
    additionalProperties: { enum: AMOUNT_OUTCOMES },
  },
  banks: {
    type: 'object',
    maxProperties: MAX_ENTRIES,
    description: 'German bank code (BLZ) -> bic and bankname of bank accounts',
    propertyNames: { pattern: '^[0-9]{8}$' },
    additionalProperties: bank,
  },
} as const;

/** What a scenario client may carry: entries of any kind, merged over the defaults. */
export const magicValuesOverrides = {
  type: 'object',
  additionalProperties: false,
  properties: entries,
} as const satisfies JSONSchema;

/** The whole table, as the fixture holds it. */
export const magicValuesSchema = {
  type: 'object',
  required: ['cards', 'ibans', 'amounts', 'banks', 'unknownBank', 'creditorId'],
  additionalProperties: false,
  properties: {
    description: { type: 'string' },
    ...entries,
    unknownBank: bank,
    creditorId: { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$' },
  },
} as const satisfies JSONSchema;

export type MagicValues = FromSchema<typeof magicValuesSchema>;
export type MagicValuesOverrides = FromSchema<typeof magicValuesOverrides>;
export type CardOutcome = (typeof CARD_OUTCOMES)[number];
export type IbanOutcome = (typeof IBAN_OUTCOMES)[number];
export type AmountOutcome = (typeof AMOUNT_OUTCOMES)[number];
