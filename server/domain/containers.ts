// Payment Containers (PCT_): bank accounts are created over the API (IBAN checked, bank derived
// from the magic-values table, masked `public` copy, SEPA mandate); card and PayPal containers
// only come from the checkout page, as in the real API where those types are read-only.
import { extractIBAN, isValidIBAN } from 'ibantools';
import type { PaymentInstrumentDescriptor } from '../schemas/common.js';
import type { PaymentContainersDTO } from '../schemas/payment-containers.js';
import type { ContainerEntity } from '../store/entities.js';
import { mustGet, touched, type DomainContext } from './context.js';
import { CUSTOMER } from './customers.js';
import { fail } from './errors.js';
import { bankFor, cardOutcome, CREDITOR_ID } from './magic-values.js';

export const CONTAINER = 'payment.containers';

type ContainerInput = Pick<PaymentContainersDTO, 'type' | 'private' | 'customer' | 'customer_id'>;

function bankAccount(ctx: DomainContext, id: string, given: PaymentInstrumentDescriptor | undefined) {
  const iban = given?.iban?.replace(/\s+/g, '').toUpperCase();
  if (!iban) return fail('format', { reason: 'private.iban is required for a bank_account container' });
  if (!isValidIBAN(iban)) return fail('invalidIban', { iban });
  const bank = bankFor(extractIBAN(iban).bankIdentifier, ctx.tenant);
  const bic = given?.bic?.toUpperCase() || bank.bic;
  const owner = given?.owner;
  const priv = { iban, bic, owner, bankname: bank.bankname, purpose: given?.purpose };
  const masked = iban.slice(0, 12) + 'X'.repeat(iban.length - 16) + iban.slice(-4);
  return {
    private: priv,
    public: { iban: masked, bic, owner, bankname: bank.bankname },
    mandate: {
      sepa_mandate_id: String(ctx.tenant.ids.digits(8)),
      iban,
      bic,
      type: 'CORE' as const,
      status: 'active',
      identification: `${id.slice(4, 16)}`,
      creditor_id: CREDITOR_ID,
    },
  };
}

function customerIdOf(ctx: DomainContext, input: ContainerInput): string | undefined {
  const id = input.customer?.id ?? input.customer_id;
  if (id !== undefined) mustGet(ctx.tenant.customers, id, CUSTOMER);
  return id;
}

function refuseDuplicate(ctx: DomainContext, customerId: string | undefined, iban: string, self?: string) {
  if (!customerId) return;
  for (const c of ctx.tenant.containers.values()) {
    if (c.id !== self && c.customerId === customerId && c.private?.iban === iban) {
      fail('duplicate', { reason: `customer ${customerId} already has container ${c.id} for this IBAN` });
    }
  }
}

/** Makes a bank-account container inside the caller's transaction (API create and inline STX containers). */
export function newBankAccountContainer(ctx: DomainContext, input: ContainerInput, id?: string): ContainerEntity {
  if (input.type === undefined) fail('format', { reason: 'type is required' });
  if (input.type !== 'bank_account') {
    fail('notAllowed', { reason: `containers of type ${input.type} are created by the checkout, not over the API` });
  }
  const { tenant } = ctx;
  const customerId = customerIdOf(ctx, input);
  const containerId = id ?? tenant.ids.id('PCT');
  const data = bankAccount(ctx, containerId, input.private);
  refuseDuplicate(ctx, customerId, data.private.iban);
  const now = tenant.clock.timestamp();
  return tenant.containers.put({ id: containerId, created: now, updated: now, type: 'bank_account', customerId, ...data });
}

const maskPan = (pan: string | undefined) => pan && (/^\d{12,19}$/.test(pan) ? `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}` : pan);

/**
 * Card and PayPal containers the checkout page leaves behind when a payer approves, and the card
 * container a custom checkout sends inline to prepare/creditcard (the card iframe's data in `given`).
 */
export function newCheckoutContainer(
  ctx: DomainContext,
  type: 'credit_card' | 'paypal',
  customerId: string | undefined,
  given?: PaymentInstrumentDescriptor,
  id?: string,
): ContainerEntity {
  const { tenant } = ctx;
  const now = tenant.clock.timestamp();
  const descriptor: PaymentInstrumentDescriptor =
    type === 'credit_card'
      ? { owner: 'Demo Payer', pan: '411111******1111', expiration_date: '2030-12-01T00:00:00+01:00', issuer: 'VISA' }
      : { email: 'payer@example.com', payer_id: tenant.ids.hash(13).toUpperCase() };
  const card = given && { owner: given.owner, pan: maskPan(given.pan), expiration_date: given.expiration_date, issuer: given.issuer };
  return tenant.containers.put({
    id: id ?? tenant.ids.id('PCT'),
    created: now,
    updated: now,
    type,
    customerId,
    public: card ? { ...descriptor, ...withoutUnset(card) } : descriptor,
    private: card ? { ...descriptor, ...withoutUnset({ ...given, ...card }) } : descriptor,
    // The number itself is stored masked; what it does is kept for the payer's page.
    ...(type === 'credit_card' && given?.pan && { cardOutcome: cardOutcome(tenant, given.pan) }),
  });
}

function withoutUnset<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function createContainer(ctx: DomainContext, dto: PaymentContainersDTO | undefined): ContainerEntity {
  if (!dto) return fail('noPayload');
  return ctx.tenant.transact(() => newBankAccountContainer(ctx, dto));
}

export function replaceContainer(ctx: DomainContext, id: string, dto: PaymentContainersDTO | undefined): ContainerEntity {
  const current = mustGet(ctx.tenant.containers, id, CONTAINER);
  if (!dto) return fail('noPayload');
  if (current.type !== 'bank_account' || (dto.type && dto.type !== current.type)) {
    fail('notAllowed', { reason: `container ${id} of type ${current.type} cannot be changed to ${dto.type ?? current.type}` });
  }
  return ctx.tenant.transact(() => {
    const customerId = dto.customer || dto.customer_id ? customerIdOf(ctx, dto) : current.customerId;
    // A new IBAN means another bank: the old account's bic does not carry over.
    const { bic: oldBic, ...kept } = current.private ?? {};
    const ibanChanged = dto.private?.iban !== undefined && dto.private.iban.replace(/\s+/g, '').toUpperCase() !== current.private?.iban;
    const data = bankAccount(ctx, id, { ...kept, ...(ibanChanged ? {} : { bic: oldBic }), ...dto.private });
    refuseDuplicate(ctx, customerId, data.private.iban, id);
    // The same account keeps its SEPA mandate; only a new IBAN needs a new one.
    const mandate = ibanChanged || !current.mandate ? data.mandate : { ...current.mandate, bic: data.private.bic };
    return ctx.tenant.containers.put(touched(ctx, current, { customerId, ...data, mandate }));
  });
}

export function deleteContainer(ctx: DomainContext, id: string): ContainerEntity {
  const { tenant } = ctx;
  const current = mustGet(tenant.containers, id, CONTAINER);
  const inUse =
    [...tenant.smartTransactions.values()].some((s) => s.containerId === id) ||
    [...tenant.subscriptions.values()].some((s) => s.containerId === id);
  if (inUse) fail('notAllowed', { reason: `payment.containers ${id} is still used by other objects` });
  tenant.containers.delete(id);
  return current;
}
