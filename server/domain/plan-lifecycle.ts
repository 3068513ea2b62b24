// Payment Plans (PLN_) start `created`; a body's `status` asks for a move, which this table allows
// or refuses like any other lifecycle step (a plan never goes back to `created`).
import type { PaymentPlanStatus } from '../schemas/payment-plans.js';
import type { Lifecycle } from './lifecycle.js';

export type PlanEvent = 'activate' | 'deactivate';

export const planLifecycle: Lifecycle<PaymentPlanStatus, PlanEvent> = {
  created: { activate: ['active'], deactivate: ['inactive'] },
  active: { deactivate: ['inactive'] },
  inactive: { activate: ['active'] },
};

/** The event that asks for `to`. */
export const planEventFor = (to: PaymentPlanStatus): PlanEvent => (to === 'inactive' ? 'deactivate' : 'activate');
