// How a Payment Transaction (PCI_) moves between its states (server/schemas/payment-transaction-states.ts).
// The merchant captures an authorisation (`capture`); an advance payment is captured by the money
// arriving (`settle`), never by the merchant, so `pending` has no `capture`.
import { paymentTransactionStates, type PaymentTransactionState } from '../schemas/payment-transaction-states.js';
import type { Lifecycle } from './lifecycle.js';

export { paymentTransactionStates, type PaymentTransactionState };
export type PaymentTransactionEvent = 'capture' | 'settle' | 'reduce' | 'void' | 'refund' | 'return_debit';

export const paymentTransactionLifecycle: Lifecycle<PaymentTransactionState, PaymentTransactionEvent> = {
  authorized: { capture: ['captured', 'captured_invoice'], reduce: ['authorized'], void: ['void'] },
  subscription_approved: { capture: ['captured', 'captured_invoice'], reduce: ['subscription_approved'], void: ['void'] },
  pending: { settle: ['captured'], reduce: ['pending'], void: ['void'] },
  // A captured payment stays captured; each refund is a transaction of its own.
  // A debit the payer's bank sends back days after capture (a magic IBAN, on the tenant's clock).
  captured: { refund: ['captured'], return_debit: ['returned'] },
  captured_invoice: { refund: ['captured_invoice'] },
  returned: {},
  denied: {},
  void: {},
  refund: {},
};

/**
 * Whether a payment in this state still stands for its amount (less refunds): what checkStatus
 * answers, what a cancel may take back, and whether a first payment (CIT) can be referenced. A
 * voided or denied one stands for nothing; a returned debit keeps its amount (the return is its state).
 */
export const amountStands = {
  authorized: true,
  subscription_approved: true,
  pending: true,
  captured: true,
  captured_invoice: true,
  refund: true,
  returned: true,
  denied: false,
  void: false,
} as const satisfies Record<PaymentTransactionState, boolean>;
