// One table of the payment methods a Smart Transaction can be prepared for, and what each needs.
// Point-of-sale methods (cash, terminal cards, loyalty) are not in it: prepare and start refuse them.
export interface PaymentMethodRules {
  /** Product name of its Payment Transactions, as the API shows it, and its `product_id`. */
  readonly product: string;
  readonly productId: number;
  /** Product name and id of its refund transactions (default: `Erstattung`, REFUND_PRODUCT_ID). */
  readonly refundProduct?: string;
  readonly refundProductId?: number;
  /** The Payment Transaction state a capture leads to (default `captured`). */
  readonly capturedState?: 'captured_invoice';
  /** The payer approves on a page of their provider (3-D Secure, PayPal login, …) behind iframe_url. */
  readonly payerApproves: boolean;
  /** Smart Checkout offers it as a payment link. */
  readonly paymentLink: boolean;
  /** The container type prepare needs ('bank_account'), or the one the checkout page leaves behind. */
  readonly container?: 'bank_account' | 'credit_card' | 'paypal';
  /** Prepare asks for an advance payment and answers bank details (payment_instructions). */
  readonly paymentInstructions: boolean;
  /**
   * Merchant-initiated payments (recurring payments guide) reuse a stored token: prepare with the
   * container authorises at once, no payer on a page. Only cards; debit simply reuses its container.
   */
  readonly merchantInitiated?: true;
}

/** 440 (PayPal) and 478 (PayPal refund) are the guides'; the other product ids are ours. */
export const REFUND_PRODUCT_ID = 20;

export const paymentMethods = {
  prepaid: { product: 'Vorkasse', productId: 13, payerApproves: false, paymentLink: true, paymentInstructions: true },
  debit: { product: 'Lastschrift', productId: 10, payerApproves: false, paymentLink: true, container: 'bank_account', paymentInstructions: false },
  creditcard: { product: 'Kreditkarte', productId: 11, payerApproves: true, paymentLink: true, container: 'credit_card', paymentInstructions: false, merchantInitiated: true },
  invoice: { product: 'Rechnungskauf', productId: 12, payerApproves: false, paymentLink: true, paymentInstructions: false, capturedState: 'captured_invoice' },
  paypal: { product: 'PayPal', productId: 440, refundProduct: 'PayPal Erstattung', refundProductId: 478, payerApproves: true, paymentLink: true, container: 'paypal', paymentInstructions: false },
  sofort: { product: 'Sofort', productId: 14, payerApproves: true, paymentLink: true, paymentInstructions: false },
  easycredit: { product: 'Ratenkauf by easyCredit', productId: 15, payerApproves: true, paymentLink: false, paymentInstructions: false },
  giropay: { product: 'giropay', productId: 16, payerApproves: true, paymentLink: false, paymentInstructions: false },
  eps: { product: 'eps', productId: 17, payerApproves: true, paymentLink: false, paymentInstructions: false },
} as const satisfies Record<string, PaymentMethodRules>;

export type PaymentMethod = keyof typeof paymentMethods;

export const isPaymentMethod = (method: string | undefined): method is PaymentMethod =>
  method !== undefined && Object.hasOwn(paymentMethods, method);

/** The rules of a method the mock emulates, or undefined (point of sale, unknown). */
export const methodRules = (method: string | undefined): PaymentMethodRules | undefined =>
  isPaymentMethod(method) ? paymentMethods[method] : undefined;

/** Methods with a Smart Checkout payment link, in the order the links are listed. */
export const LINK_METHODS = (Object.keys(paymentMethods) as PaymentMethod[]).filter((m) => paymentMethods[m].paymentLink);

/** What the `general` payment link offers the payer: the link methods, limited to payment_context.payment_methods. */
export const offeredMethods = (allowed: readonly string[] | undefined): PaymentMethod[] =>
  allowed ? LINK_METHODS.filter((m) => allowed.includes(m)) : LINK_METHODS;
