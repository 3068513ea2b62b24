// Payment Transactions (PCI_) move through named states; the wire shows each as the detailed
// integer `status` with a German `status_text` and the simple `details.status_simple`. Ids 6, 9,
// 25 and 115 and all simple statuses are the documented ones; 7, 12 and 13 are our choice (the
// public reference names no detailed id for denied, void and refund) — see docs/behaviour.md.
import type { Lifecycle } from './lifecycle.js';

export const paymentTransactionStates = {
  authorized: { status: 9, status_text: 'vorautorisiert', status_simple: 2, status_simple_text: 'authorized' },
  subscription_approved: { status: 115, status_text: 'Abo genehmigt', status_simple: 11, status_simple_text: 'subscription approved' },
  pending: { status: 25, status_text: 'Vorkasse wartend', status_simple: 2, status_simple_text: 'authorized' },
  captured: { status: 6, status_text: 'abgeschlossen', status_simple: 1, status_simple_text: 'accepted' },
  denied: { status: 7, status_text: 'abgelehnt', status_simple: 3, status_simple_text: 'denied' },
  void: { status: 12, status_text: 'storniert', status_simple: 5, status_simple_text: 'void' },
  refund: { status: 13, status_text: 'Erstattung', status_simple: 7, status_simple_text: 'refund' },
} as const;

export type PaymentTransactionState = keyof typeof paymentTransactionStates;
export type PaymentTransactionEvent = 'capture' | 'reduce' | 'void' | 'refund';

export const paymentTransactionLifecycle: Lifecycle<PaymentTransactionState, PaymentTransactionEvent> = {
  authorized: { capture: ['captured'], reduce: ['authorized'], void: ['void'] },
  subscription_approved: { capture: ['captured'], reduce: ['subscription_approved'], void: ['void'] },
  pending: { capture: ['captured'], reduce: ['pending'], void: ['void'] },
  // A captured payment stays captured; each refund is a transaction of its own.
  captured: { refund: ['captured'] },
  denied: {},
  void: {},
  refund: {},
};
