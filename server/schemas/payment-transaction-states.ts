// The named states a Payment Transaction (PCI_) is stored in, and how the wire shows each: the
// detailed integer `status` with its German `status_text`, and the simple `details.status_simple`.
// Ids 6, 9, 25, 86 and 115 and all simple statuses are the documented ones; 7, 11 and 12 are our
// choice (the public reference names no detailed id for denied, returned and void). A refund
// transaction shows 6 "abgeschlossen"/accepted, as the guides' refund example does — see
// docs/behaviour.md. The moves between them are the domain's table (payment-transaction-lifecycle.ts).
export const paymentTransactionStates = {
  authorized: { status: 9, status_text: 'vorautorisiert', status_simple: 2, status_simple_text: 'authorized' },
  subscription_approved: { status: 115, status_text: 'Abo genehmigt', status_simple: 11, status_simple_text: 'subscription approved' },
  pending: { status: 25, status_text: 'Vorkasse wartend', status_simple: 2, status_simple_text: 'authorized' },
  captured: { status: 6, status_text: 'abgeschlossen', status_simple: 1, status_simple_text: 'accepted' },
  /** A captured invoice payment: accepted, the invoice still to be paid by the payer. */
  captured_invoice: { status: 86, status_text: 'abgeschlossen (Rechnung offen)', status_simple: 1, status_simple_text: 'accepted' },
  denied: { status: 7, status_text: 'abgelehnt', status_simple: 3, status_simple_text: 'denied' },
  void: { status: 12, status_text: 'storniert', status_simple: 5, status_simple_text: 'void' },
  refund: { status: 6, status_text: 'abgeschlossen', status_simple: 1, status_simple_text: 'accepted' },
  /** A captured debit the payer's bank sent back (Rücklastschrift). */
  returned: { status: 11, status_text: 'Rücklastschrift', status_simple: 4, status_simple_text: 'issue' },
} as const;

export type PaymentTransactionState = keyof typeof paymentTransactionStates;
