// What a payer types on the hosted checkout, checked before any step: a card (number with the Luhn
// check, expiry not past on the tenant's clock, CVC, holder) or a bank account for a SEPA direct
// debit (owner, IBAN, the accepted mandate). Fields a script leaves out are not asked for: the
// page's forms always send all of them, so only what was sent is checked.
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { PaymentInstrumentDescriptor } from '../schemas/common.js';
import type { Tenant } from '../store/tenant.js';
import { magicValuesOf } from './magic-values.js';

export type InputProblem = 'required' | 'format' | 'luhn' | 'expired' | 'iban' | 'mandate';
/** Field name (as the form posts it) -> what is wrong with it. */
export type InputProblems = Partial<Record<string, InputProblem>>;

export interface CardInput {
  readonly card_number?: string;
  readonly card_expiry?: string;
  readonly card_cvc?: string;
  readonly card_holder?: string;
}

export interface BankAccountInput {
  readonly owner?: string;
  readonly iban?: string;
  readonly mandate?: string;
}

const digitsOf = (number: string) => number.replace(/[\s-]/g, '');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** `MM/YY`, `MM/YYYY` (spaces allowed) -> year and month, or undefined. */
function parseExpiry(expiry: string): { year: number; month: number } | undefined {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!m) return undefined;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : undefined;
}

/** The card fields that are wrong. A number in the tenant's magic table needs no Luhn check (a scenario's own). */
export function cardProblems(tenant: Tenant, input: CardInput): InputProblems {
  const problems: InputProblems = {};
  const given = (v: string | undefined) => v !== undefined;
  if (given(input.card_number)) {
    const raw = input.card_number!.trim();
    const digits = digitsOf(raw);
    if (!raw) problems.card_number = 'required';
    else if (!/^[0-9][0-9 -]*[0-9]$/.test(raw) || digits.length < 12 || digits.length > 19) problems.card_number = 'format';
    else if (!luhnValid(digits) && !Object.hasOwn(magicValuesOf(tenant).cards, digits)) problems.card_number = 'luhn';
  }
  if (given(input.card_expiry)) {
    const expiry = parseExpiry(input.card_expiry!);
    const now = new Date(tenant.clock.now());
    if (!input.card_expiry!.trim()) problems.card_expiry = 'required';
    else if (!expiry) problems.card_expiry = 'format';
    // A card is valid to the end of its month.
    else if (expiry.year * 12 + expiry.month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) problems.card_expiry = 'expired';
  }
  if (given(input.card_cvc)) {
    if (!input.card_cvc!.trim()) problems.card_cvc = 'required';
    else if (!/^\d{3,4}$/.test(input.card_cvc!.trim())) problems.card_cvc = 'format';
  }
  if (given(input.card_holder) && !input.card_holder!.trim()) problems.card_holder = 'required';
  return problems;
}

const ISSUERS: ReadonlyArray<[RegExp, string]> = [
  [/^4/, 'VISA'],
  [/^(5[1-5]|2[2-7])/, 'MASTERCARD'],
  [/^3[47]/, 'AMEX'],
];

/** The card as the container stores it (the number is masked there); undefined when no number was typed. */
export function cardDescriptor(input: CardInput): PaymentInstrumentDescriptor | undefined {
  if (!input.card_number) return undefined;
  const pan = digitsOf(input.card_number);
  const expiry = input.card_expiry ? parseExpiry(input.card_expiry) : undefined;
  return {
    pan,
    owner: input.card_holder?.trim() || undefined,
    issuer: ISSUERS.find(([re]) => re.test(pan))?.[1],
    expiration_date: expiry && `${expiry.year}-${String(expiry.month).padStart(2, '0')}-01T00:00:00+00:00`,
  };
}

/** The bank-account fields that are wrong; the mandate must be accepted when an IBAN is given. */
export function bankAccountProblems(input: BankAccountInput): InputProblems {
  const problems: InputProblems = {};
  if (input.iban !== undefined) {
    const iban = electronicFormatIBAN(input.iban) ?? '';
    if (!iban) problems.iban = 'required';
    else if (!isValidIBAN(iban)) problems.iban = 'iban';
    if (!input.owner?.trim()) problems.owner = 'required';
    if (input.mandate === undefined || input.mandate === '') problems.mandate = 'mandate';
  } else if (input.owner !== undefined && !input.owner.trim()) problems.owner = 'required';
  return problems;
}

/** The account a payer typed, normalised, or undefined when no IBAN was sent. */
export function bankAccountOf(input: BankAccountInput): { owner: string; iban: string } | undefined {
  return input.iban === undefined ? undefined : { owner: input.owner!.trim(), iban: electronicFormatIBAN(input.iban)! };
}
