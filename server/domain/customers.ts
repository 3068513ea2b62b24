// Payment Customers (PCU_): create, replace (PUT blanks omitted contact fields, as documented),
// delete (refused while a container, Smart Transaction or subscription still refers to it).
import type { Contact } from '../schemas/common.js';
import type { PaymentCustomersDTO } from '../schemas/payment-customers.js';
import type { CustomerEntity } from '../store/entities.js';
import { formatDateAtMidnight } from '../store/clock.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { fail } from './errors.js';

export const CUSTOMER = 'payment.customers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Normalizes a contact; `name` is derived on output, never stored. That `dob` is a real date or
 * date-time is a schema rule (the Contact schema), checked before the domain sees it.
 */
export function normalizeContact(contact: Contact | undefined): Contact {
  if (!contact) return fail('noPayload');
  const { name: _derived, ...rest } = contact;
  if (rest.dob !== undefined && DATE.test(rest.dob)) rest.dob = formatDateAtMidnight(rest.dob);
  return rest;
}

/** Makes a customer inside the caller's transaction. */
export function newCustomer(ctx: DomainContext, contact: Contact | undefined, id?: string): CustomerEntity {
  const { tenant } = ctx;
  const now = tenant.clock.timestamp();
  const entity = { id: id ?? tenant.ids.id('PCU'), created: now, updated: now, contact: normalizeContact(contact) };
  return tenant.customers.put(entity);
}

export function createCustomer(ctx: DomainContext, dto: PaymentCustomersDTO | undefined): CustomerEntity {
  if (!dto?.contact) fail('noPayload');
  return ctx.tenant.transact(() => newCustomer(ctx, dto!.contact));
}

export function replaceCustomer(ctx: DomainContext, id: string, dto: PaymentCustomersDTO | undefined): CustomerEntity {
  const current = mustGet(ctx.tenant.customers, id, CUSTOMER);
  if (!dto?.contact) fail('noPayload');
  return ctx.tenant.transact(() =>
    ctx.tenant.customers.put(touched(ctx, current, { contact: normalizeContact(dto!.contact) })),
  );
}

export function deleteCustomer(ctx: DomainContext, id: string): CustomerEntity {
  const { tenant } = ctx;
  const current = mustGet(tenant.customers, id, CUSTOMER);
  const inUse =
    [...tenant.containers.values()].some((c) => c.customerId === id) ||
    [...tenant.smartTransactions.values()].some((s) => s.customerId === id || s.shippingAddressId === id) ||
    [...tenant.subscriptions.values()].some((s) => s.customerId === id);
  if (inUse) fail('notAllowed', { reason: `payment.customers ${id} is still used by other objects` });
  tenant.customers.delete(id);
  return current;
}
