// Subscriptions are read-only over the API; they move only with their Smart Transaction:
// `approved` while it is approved, `active` once it is captured, `cancelled` with it.
import type { PaymentSubscriptionStatus } from '../schemas/payment-subscriptions.js';
import type { Lifecycle } from './lifecycle.js';

export type SubscriptionEvent = 'activate' | 'suspend' | 'reactivate' | 'complete' | 'cancel';

export const subscriptionLifecycle: Lifecycle<PaymentSubscriptionStatus, SubscriptionEvent> = {
  approved: { activate: ['active'], cancel: ['cancelled'] },
  active: { suspend: ['suspended'], complete: ['completed'], cancel: ['cancelled'] },
  suspended: { reactivate: ['active'], cancel: ['cancelled'] },
  cancelled: {},
  completed: {},
};
