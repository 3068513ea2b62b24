// Objects the provider states make or reuse by id, and the removal and renaming that let a state
// replace an existing object or give a generated one the id a consumer asked for.
import { newBankAccountContainer } from '../../domain/containers.js';
import type { DomainContext } from '../../domain/context.js';
import { newCustomer } from '../../domain/customers.js';
import { newPlan } from '../../domain/plans.js';
import type { Store } from '../../store/store.js';
import type { Tenant } from '../../store/tenant.js';

export const DEMO_CONTACT = { salutation: 'Mr.', forename: 'Max', surname: 'Mustermann', email: 'max@example.com' };
export const DEMO_IBAN = 'DE89370400440532013000';

export function ensureCustomer(ctx: DomainContext, id: string | undefined): string {
  if (id && ctx.tenant.customers.get(id)) return id;
  return newCustomer(ctx, DEMO_CONTACT, id).id;
}

export function ensureContainer(ctx: DomainContext, id: string | undefined, customerId: string | undefined): string {
  const { containers } = ctx.tenant;
  if (id && containers.get(id)) return id;
  // The customer's own account is reused: a second container for the same IBAN would be a duplicate.
  const own = id ? undefined : [...containers.values()].find((c) => c.customerId === customerId && c.private?.iban === DEMO_IBAN);
  return own?.id ?? newBankAccountContainer(ctx, { type: 'bank_account', private: { iban: DEMO_IBAN, owner: 'Max Mustermann' }, customer: customerId ? { id: customerId } : undefined }, id).id;
}

export function ensurePlan(ctx: DomainContext, id: string | undefined): string {
  const { plans } = ctx.tenant;
  if (id && plans.get(id)) return id;
  const first = id ? undefined : plans.values().next().value;
  return first?.id ?? newPlan(ctx, planDto('Subscription, 9.90 EUR a month', 990, 'EUR'), id).id;
}

export function planDto(description: string, price: number, currency: string) {
  return {
    description,
    currency,
    status: 'active' as const,
    payment_methods: ['debit' as const, 'creditcard' as const, 'paypal' as const],
    billing_cycles: [{ sequence: 1, interval: { unit: 'month' as const, count: 1 }, tenure_type: 'regular' as const, total_cycles: 12, price }],
  };
}

/** A Smart Transaction and everything made for it (payment transactions, refunds, subscription). */
export function removeSmartTransaction(tenant: Tenant, id: string): boolean {
  const stx = tenant.smartTransactions.get(id);
  if (!stx) return false;
  for (const pciId of stx.transactionIds) {
    for (const refundId of tenant.paymentTransactions.get(pciId)?.refundIds ?? []) tenant.paymentTransactions.delete(refundId);
    tenant.paymentTransactions.delete(pciId);
  }
  if (stx.subscriptionId) tenant.subscriptions.delete(stx.subscriptionId);
  tenant.smartTransactions.delete(id);
  return true;
}

/** The pushes about an object that got another id name it by the new one (they were made before the renaming). */
function renameInPushes(tenant: Tenant, from: string, to: string): void {
  for (const push of tenant.outbox.all()) {
    const [item] = push.body.data;
    if (item.id === from) Object.assign(push, { body: { ...push.body, data: [{ ...item, id: to }] } });
  }
}

/** Gives a payment transaction the id a consumer asked for, keeping every reference to it (its pushes too). */
export function renamePaymentTransaction(tenant: Tenant, from: string, to: string): void {
  if (from === to) return;
  const other = tenant.paymentTransactions.get(to);
  if (other?.smartTransactionId) removeSmartTransaction(tenant, other.smartTransactionId);
  tenant.paymentTransactions.delete(to);
  const pci = tenant.paymentTransactions.get(from)!;
  tenant.paymentTransactions.delete(from);
  tenant.paymentTransactions.put({ ...pci, id: to });
  for (const refundId of pci.refundIds) {
    const refund = tenant.paymentTransactions.get(refundId);
    if (refund) tenant.paymentTransactions.put({ ...refund, parentId: to });
  }
  const stx = tenant.smartTransactions.get(pci.smartTransactionId!)!;
  tenant.smartTransactions.put({ ...stx, transactionIds: stx.transactionIds.map((t) => (t === from ? to : t)) });
  renameInPushes(tenant, from, to);
}

export function renameSubscription(tenant: Tenant, from: string, to: string): void {
  if (from === to) return;
  const other = tenant.subscriptions.get(to);
  if (other) removeSmartTransaction(tenant, other.smartTransactionId);
  const sub = tenant.subscriptions.get(from)!;
  tenant.subscriptions.delete(from);
  tenant.subscriptions.put({ ...sub, id: to });
  const stx = tenant.smartTransactions.get(sub.smartTransactionId)!;
  tenant.smartTransactions.put({ ...stx, subscriptionId: to });
  for (const pci of tenant.paymentTransactions.values()) {
    if (pci.subscriptionId === from) tenant.paymentTransactions.put({ ...pci, subscriptionId: to });
  }
  renameInPushes(tenant, from, to);
}

type Kind = 'smartTransactions' | 'paymentTransactions' | 'customers' | 'containers' | 'plans' | 'subscriptions';

/** A state never makes an object under an id another tenant uses: ids name one object across the mock (its pages find them by id). */
export function refuseForeignIds(store: Store, own: Tenant, ids: Partial<Record<Kind, string | undefined>>): void {
  for (const [kind, id] of Object.entries(ids) as [Kind, string | undefined][]) {
    if (id === undefined) continue;
    for (const tenant of store.allTenants()) {
      if (tenant !== own && tenant[kind].get(id)) throw new Error(`id ${id} is already used by another client`);
    }
  }
}
