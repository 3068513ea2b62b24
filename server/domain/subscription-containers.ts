// POST /Smart/Transactions/{subscriptionId}/updatePaymentContainer: the subscription pays from
// another payment container from now on (docs/behaviour.md, "A new payment container"). A suspended
// subscription is re-activated by it (pushed `changed`): the billing it could not pay is due again
// at once and runs at the next clock move, with fresh attempts.
import type { SmartTransactionPaymentContainerDTO } from '../schemas/smart-transactions.js';
import type { SmartTransactionEntity } from '../store/entities.js';
import { CONTAINER } from './containers.js';
import { mustGet, type DomainContext } from './context.js';
import { fail } from './errors.js';
import { SMART_TRANSACTION, resolveContainer } from './smart-transactions.js';
import { moveSubscription, SUBSCRIPTION } from './subscriptions.js';

export function updateSubscriptionContainer(ctx: DomainContext, id: string, ref: SmartTransactionPaymentContainerDTO | undefined): SmartTransactionEntity {
  const { tenant } = ctx;
  const sub = mustGet(tenant.subscriptions, id, SUBSCRIPTION);
  if (!ref) fail('format', { reason: 'container is required: the payment container the subscription pays from now on (no payer page is emulated)' });
  return tenant.transact(() => {
    const event = sub.status === 'suspended' ? 'reactivate' : 'update_container';
    const containerId = resolveContainer(ctx, ref, sub.customerId)!;
    const container = mustGet(tenant.containers, containerId, CONTAINER);
    if (container.customerId && sub.customerId && container.customerId !== sub.customerId) {
      fail('format', { reason: `container ${container.id} belongs to another customer than ${SUBSCRIPTION} ${sub.id}` });
    }
    // The failed attempts were the old container's; the unpaid billing (next_billing_time) is due again.
    const { failedRenewals: _, ...fresh } = sub;
    moveSubscription(ctx, fresh, event, 'active', { containerId });
    return mustGet(tenant.smartTransactions, sub.smartTransactionId, SMART_TRANSACTION);
  });
}
