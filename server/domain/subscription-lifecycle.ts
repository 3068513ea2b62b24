// Subscriptions are read-only over the API; they move with their Smart Transaction (`approved`
// while it is approved, `active` once it is captured, `cancelled` with it), with the tenant clock
// (suspended after refused renewals, completed after the last cycle), and with a new payment
// container (updatePaymentContainer: kept `active`, or a suspended one re-activated).
import type { PaymentSubscriptionStatus } from '../schemas/payment-subscriptions.js';
import type { Lifecycle } from './lifecycle.js';

export type SubscriptionEvent = 'activate' | 'suspend' | 'reactivate' | 'complete' | 'cancel' | 'update_container';

export const subscriptionLifecycle: Lifecycle<PaymentSubscriptionStatus, SubscriptionEvent> = {
  approved: { activate: ['active'], cancel: ['cancelled'] },
  active: { suspend: ['suspended'], complete: ['completed'], cancel: ['cancelled'], update_container: ['active'] },
  suspended: { reactivate: ['active'], cancel: ['cancelled'] },
  cancelled: {},
  completed: {},
};
