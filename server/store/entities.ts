// What the store holds: normalized entities. References to other objects are ids; everything the
// wire shows that can be derived (embedded objects, `name`, `object`, statuses as numbers) is left to
// the formatters in domain/format.ts. Shapes come from the resource schemas wherever they agree.
import type { Contact } from '../schemas/common.js';
import type { CardOutcome } from '../schemas/magic-values.js';
import type { GeneralMerchant } from '../schemas/general-merchants.js';
import type { PaymentContainer } from '../schemas/payment-containers.js';
import type { PaymentPlan } from '../schemas/payment-plans.js';
import type { PaymentSubscription } from '../schemas/payment-subscriptions.js';
import type { PaymentTransaction } from '../schemas/payment-transactions.js';
import type { SmartTransaction } from '../schemas/smart-transactions.js';
import type { PaymentTransactionState } from '../schemas/payment-transaction-states.js';

interface Timestamps {
  readonly created: string;
  readonly updated: string;
}

export type MerchantEntity = Readonly<Omit<GeneralMerchant, 'object'>> & {
  /** general.contracts (GCR_) and payment.contracts (PCR_) the tenant's objects refer to. */
  readonly generalContractId: string;
  readonly paymentContractId: string;
};

export interface CustomerEntity extends Timestamps {
  readonly id: string;
  /** Without the derived `name`. */
  readonly contact: Contact;
}

export type ContainerEntity = Timestamps &
  Readonly<Pick<PaymentContainer, 'id' | 'type' | 'public' | 'private' | 'mandate' | 'token_status'>> & {
    readonly type: NonNullable<PaymentContainer['type']>;
    readonly customerId?: string;
    /** A card sent inline by a custom checkout: what its number does on the checkout page (magic values); stored, never answered. */
    readonly cardOutcome?: CardOutcome;
  };

export type PlanEntity = Timestamps & Readonly<Omit<PaymentPlan, 'object' | 'merchant' | 'created' | 'updated'>>;

export type SubscriptionEntity = Timestamps &
  Readonly<
    Omit<
      PaymentSubscription,
      'object' | 'created' | 'updated' | 'smart_transaction' | 'merchant' | 'contract' | 'customer' | 'container' | 'plan'
    >
  > & {
    readonly status: NonNullable<PaymentSubscription['status']>;
    readonly smartTransactionId: string;
    readonly planId: string;
    readonly customerId?: string;
    readonly containerId?: string;
    /** Failed attempts at the renewal due at `next_billing_time` (docs/behaviour.md, Renewals). */
    readonly failedRenewals?: number;
  };

export type PaymentTransactionEntity = Timestamps &
  Readonly<
    Pick<
      PaymentTransaction,
      | 'id'
      | 'trans_id'
      | 'transaction_hash'
      | 'product'
      | 'product_id'
      | 'currency'
      | 'description'
      | 'order_id'
      | 'basket'
      | 'incoming_payment_date'
      | 'invoice_number'
      | 'completion_date'
    >
  > & {
    /** The payment method it was made with (payment-methods.ts). */
    readonly method?: string;
    /** `details.description` and `details.description_raw`: the text secupay generates. */
    readonly descriptionRaw?: string;
    readonly state: PaymentTransactionState;
    /** Current amount in cents: the authorised amount, lowered by cancellations before capture; negative for refunds. */
    readonly amount: number;
    readonly smartTransactionId?: string;
    readonly subscriptionId?: string;
    readonly customerId?: string;
    readonly containerId?: string;
    /** Refund transactions: the transaction they refund. */
    readonly parentId?: string;
    readonly refundIds: readonly string[];
    readonly accrual?: boolean;
    /** A debit from an IBAN the magic-values table returns: the return is due, or was made (docs/magic-values.md). */
    readonly debitReturn?: 'due' | 'returned';
    /** When it was captured, if that was after its making (a debit comes back some days after capture). */
    readonly capturedAt?: string;
  };

/**
 * Fields of the Smart Transaction the store keeps as the wire shows them; `iframe_url` and
 * `payment_instructions.girocode_url` hold paths of the mock, completed with the request's base URL.
 */
type StoredSmartTransactionFields = Omit<
  SmartTransaction,
  | 'object'
  | 'merchant'
  | 'contract'
  | 'customer'
  | 'shipping_address'
  | 'container'
  | 'transactions'
  | 'subscription'
  | 'updated_at'
  | 'payment_links'
  | 'checkout_links'
>;

export type SmartTransactionEntity = Timestamps &
  Readonly<StoredSmartTransactionFields> & {
    readonly status: NonNullable<SmartTransaction['status']>;
    readonly customerId?: string;
    readonly shippingAddressId?: string;
    readonly containerId?: string;
    readonly transactionIds: readonly string[];
    readonly subscriptionId?: string;
    /** Carried only by the links to its pages (iframe_url, payment_links): ids are predictable, this is not. */
    readonly pageSecret: string;
    /** Where the checkout page sends the payer back after approving or declining. */
    readonly callbackUrls?: { readonly success_url?: string; readonly failure_url?: string };
  };
