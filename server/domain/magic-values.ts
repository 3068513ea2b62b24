// The magic-values table (fixtures/magic-values.json, docs/magic-values.md): card numbers, IBANs
// and basket sums with a fixed outcome, bank data derived from German bank codes, the creditor id
// on SEPA mandates. A tenant may carry its own entries (a scenario's `magic_values`), merged over
// the defaults entry by entry; the rest of the mock asks here, never the file.
import magic from '../../fixtures/magic-values.json' with { type: 'json' };
import type { AmountOutcome, CardOutcome, IbanOutcome, MagicValues, MagicValuesOverrides } from '../schemas/magic-values.js';
import type { Tenant } from '../store/tenant.js';
import type { DomainContext } from './context.js';

type Bank = { bic: string; bankname: string };

/** The shipped table; test/magic-values checks the file against its schema. */
const DEFAULTS = magic as MagicValues;
const own = new WeakMap<Tenant, MagicValues>();

/** Gives `tenant` its own entries over the defaults (a scenario client's `magic_values`). */
export function useMagicValues(tenant: Tenant, overrides: MagicValuesOverrides | undefined): void {
  if (!overrides) return;
  const merged = { ...DEFAULTS };
  for (const kind of ['cards', 'ibans', 'amounts', 'banks'] as const) {
    if (overrides[kind]) (merged as Record<string, unknown>)[kind] = { ...DEFAULTS[kind], ...overrides[kind] };
  }
  own.set(tenant, merged);
}

/** The table `tenant` sees: its own merge, or the defaults. */
export const magicValuesOf = (tenant?: Tenant): MagicValues => (tenant && own.get(tenant)) || DEFAULTS;

const lookup = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export function bankFor(bankCode: string | undefined, tenant?: Tenant): Bank {
  const table = magicValuesOf(tenant);
  return (bankCode && lookup(table.banks, bankCode)) || table.unknownBank;
}

/** What the card number a payer enters does: spaces and dashes ignored; a number not in the table approves. */
export function cardOutcome(tenant: Tenant, cardNumber: string): CardOutcome {
  return lookup(magicValuesOf(tenant).cards, cardNumber.replace(/[\s-]/g, '')) ?? 'approve';
}

export function ibanOutcome(tenant: Tenant, iban: string | undefined): IbanOutcome {
  return (iban && lookup(magicValuesOf(tenant).ibans, iban)) || 'approve';
}

export function amountOutcome(tenant: Tenant | undefined, amount: number | undefined): AmountOutcome {
  return (amount !== undefined && lookup(magicValuesOf(tenant).amounts, String(amount))) || 'approve';
}

/** Outcomes of an amount that refuse the authorisation (others approve it and act later). */
const REFUSING_AMOUNTS: ReadonlySet<AmountOutcome> = new Set(['decline', 'insufficient_funds']);

export function isDeclinedAmount(amount: number | undefined, tenant?: Tenant): boolean {
  return REFUSING_AMOUNTS.has(amountOutcome(tenant, amount));
}

/** Days after which an advance payment of `amount` arrives by itself (docs/magic-values.md), or undefined. */
export function settlesAfterDays(tenant: Tenant, amount: number): number | undefined {
  return amountOutcome(tenant, amount) === 'settles_in_3_days' ? 3 : undefined;
}

/**
 * Why an authorisation of `amount` (a debit from `iban`, when given) is refused, or undefined:
 * the amount's outcome first, then the mandate.
 */
export function authorisationRefusal(tenant: Tenant, amount: number | undefined, iban?: string): string | undefined {
  const byAmount = amountOutcome(tenant, amount);
  if (REFUSING_AMOUNTS.has(byAmount)) return byAmount;
  return ibanOutcome(tenant, iban) === 'mandate_refused' ? 'mandate_refused' : undefined;
}

/**
 * Marks the Payment Transaction of a debit from an IBAN whose debits come back: the marker says the
 * return is due; the tenant's clock makes it (domain/later-payments.ts) some days after capture.
 */
export function markDebitReturn(ctx: DomainContext, pciId: string | undefined, iban: string | undefined): void {
  const pci = pciId ? ctx.tenant.paymentTransactions.get(pciId) : undefined;
  if (pci && ibanOutcome(ctx.tenant, iban) === 'debit_returned') ctx.tenant.paymentTransactions.put({ ...pci, debitReturn: 'due' });
}

export const CREDITOR_ID = DEFAULTS.creditorId;
