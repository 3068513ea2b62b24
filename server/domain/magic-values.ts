// The magic-values table (fixtures/magic-values.json): bank data derived from German bank codes,
// basket sums that make an authorisation fail, the creditor id on SEPA mandates.
import magic from '../../fixtures/magic-values.json' with { type: 'json' };

type Bank = { bic: string; bankname: string };

export function bankFor(bankCode: string | undefined): Bank {
  return (bankCode && (magic.banks as Record<string, Bank>)[bankCode]) || magic.unknownBank;
}

export function isDeclinedAmount(amount: number | undefined): boolean {
  return amount !== undefined && magic.declinedAmounts.includes(amount);
}

export const CREDITOR_ID = magic.creditorId;
