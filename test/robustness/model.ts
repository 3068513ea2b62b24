// A model of one tenant for the property-based test: what each call should do, written from
// docs/behaviour.md rather than from the server's answers. It predicts whether a call succeeds and
// the status every Smart Transaction, Payment Transaction and Subscription is in afterwards, and
// keeps each payment's amount from the calls that succeeded: authorised at the basket sum, lowered
// by cancellations before capture, set by a partial capture, refunded after capture. Only the ids
// of new objects are learned from answers (the model cannot guess them).
import magic from '../../fixtures/magic-values.json' with { type: 'json' };
import type { PaymentTransactionState } from '../../server/domain/payment-transaction-lifecycle.js';
import { paymentTransactionStates } from '../../server/domain/payment-transaction-lifecycle.js';
import type { SmartTransactionStatus } from '../../server/domain/smart-transaction-lifecycle.js';

export type TenantName = 'demo' | 'other';
export type SubStatus = 'approved' | 'active' | 'suspended' | 'cancelled' | 'completed';

export const IBAN = { A: 'DE35500105175418493188', B: 'DE02120300000000202051' } as const;
/** Methods the payer approves on the checkout page; the others are authorised by prepare itself. */
const PAYER_APPROVED = new Set(['creditcard', 'paypal', 'easycredit', 'sofort', 'giropay', 'eps']);
const SECUPAY = new Set(['debit', 'invoice', 'prepaid', ...PAYER_APPROVED]);
const CAPTURED = new Set<SmartTransactionStatus>(['ok', 'received', 'collection']);

export interface StxModel {
  id: string;
  status: SmartTransactionStatus;
  sum: number;
  /** Total of the basket's products, when it has any (PUT of another sum is refused). */
  productsTotal?: number;
  subscription: boolean;
  autoCapture: boolean;
  intent: 'sale' | 'order';
  delivery?: string;
  method?: string;
  /** Prepared for a method the payer approves on the checkout page (iframe_url set). */
  iframe: boolean;
  containerType?: string;
  customerId?: string;
  pcis: string[];
  subId?: string;
}

export interface PciModel {
  id: string;
  stxId: string;
  state: PaymentTransactionState;
  /** Authorised (or captured) amount in cents. */
  amount: number;
  refunded: number;
}

export type Action =
  | {
      kind: 'create';
      tenant: TenantName;
      basket: 'none' | 'articles' | 'subscription';
      sum: number;
      autoCapture?: boolean;
      intent?: 'sale' | 'order';
      delivery?: 'shipping' | 'collection';
      customer: boolean;
      container: boolean;
    }
  | { kind: 'prepare'; tenant: TenantName; target: number; method: string; container?: 'A' | 'B' }
  | { kind: 'start'; tenant: TenantName; target: number; method?: string }
  // The control plane takes no token; `tenant` only says whose objects `target` counts among.
  | { kind: 'approve'; tenant: TenantName; target: number; method?: string }
  | { kind: 'decline' | 'settle'; tenant: TenantName; target: number }
  | { kind: 'cancel' | 'abort' | 'setDelivery'; tenant: TenantName; target: number }
  | { kind: 'put'; tenant: TenantName; target: number; change: 'ref' | 'sum' | 'autoCapture' | 'intent'; sum: number; flag: boolean }
  | { kind: 'pciCancel'; tenant: TenantName; target: number; by?: number; field: 'reduce_amount_by' | 'amount' }
  | { kind: 'pciCapture'; tenant: TenantName; target: number; amount?: number }
  | { kind: 'read'; tenant: TenantName; target: number; what: 'stx' | 'pci' | 'checkStatus' | 'listByStatus' };

/** What a call should do: fail and change nothing, or succeed and change the model by `apply`. */
export type Expectation = { ok: false } | { ok: true; owner?: TenantModel; apply: (body: any) => void };

export const FAIL: Expectation = { ok: false };

export function capturedStatus(s: StxModel): SmartTransactionStatus {
  if (s.intent !== 'order') return 'ok';
  return s.delivery === 'collection' ? 'collection' : 'received';
}

const authorisedStatus = (s: StxModel) => (s.autoCapture ? capturedStatus(s) : 'approved');
const isDeclined = (sum: number) => ((magic.amounts as Record<string, string>)[String(sum)] ?? 'approve') !== 'approve';

export class TenantModel {
  readonly stx = new Map<string, StxModel>();
  readonly pci = new Map<string, PciModel>();
  readonly subs = new Map<string, SubStatus>();
  /** IBANs stored per customer (a second container with the same IBAN is a 409). */
  readonly ibans = new Map<string, Set<string>>();
  refunds = 0;

  constructor(
    readonly name: TenantName,
    readonly planId: string | undefined,
  ) {}

  effective(p: PciModel): number {
    return p.state === 'void' ? 0 : p.amount - p.refunded;
  }

  private addIban(customerId: string | undefined, iban: string) {
    if (!customerId) return;
    if (!this.ibans.has(customerId)) this.ibans.set(customerId, new Set());
    this.ibans.get(customerId)!.add(iban);
  }

  /** The payment is authorised: one new Payment Transaction (and Subscription), ids from the answer. */
  private authorise(s: StxModel, status: SmartTransactionStatus, body: any) {
    const captured = CAPTURED.has(status);
    const fresh = (body.transactions as { id: string }[]).map((t) => t.id).filter((id) => !s.pcis.includes(id));
    if (fresh.length !== 1) throw new Error(`expected one new payment transaction on ${s.id}, got ${JSON.stringify(body.transactions)}`);
    const state: PaymentTransactionState =
      status === 'pending' ? 'pending' : captured ? 'captured' : s.subscription ? 'subscription_approved' : 'authorized';
    this.pci.set(fresh[0], { id: fresh[0], stxId: s.id, state, amount: s.sum, refunded: 0 });
    s.pcis.push(fresh[0]);
    if (s.subscription) {
      if (!body.subscription?.id) throw new Error(`expected a subscription on ${s.id}`);
      s.subId = body.subscription.id;
      this.subs.set(body.subscription.id, captured ? 'active' : 'approved');
    }
    s.status = status;
  }

  /** start, settle, PCI capture: everything authorised is captured, the subscription activated. */
  private captureAll(s: StxModel, amount?: number) {
    for (const id of s.pcis) {
      const p = this.pci.get(id)!;
      if (p.state === 'authorized' || p.state === 'subscription_approved' || p.state === 'pending') {
        p.state = 'captured';
        if (amount !== undefined) p.amount = amount;
      }
    }
    if (s.subId && this.subs.get(s.subId) === 'approved') this.subs.set(s.subId, 'active');
    s.status = capturedStatus(s);
  }

  /** cancel/abort: authorisations voided, captured money refunded, the subscription cancelled. */
  private cancelAll(s: StxModel) {
    for (const id of s.pcis) {
      const p = this.pci.get(id)!;
      const left = this.effective(p);
      if (p.state === 'void' || left <= 0) continue;
      if (p.state === 'captured') {
        p.refunded += left;
        this.refunds++;
      } else p.state = 'void';
    }
    const sub = s.subId ? this.subs.get(s.subId) : undefined;
    if (sub === 'approved' || sub === 'active' || sub === 'suspended') this.subs.set(s.subId!, 'cancelled');
    s.status = 'cancelled';
  }

  create(a: Extract<Action, { kind: 'create' }>): Expectation {
    if (a.basket === 'subscription' && !this.planId) return FAIL; // the plan id named is another tenant's
    return {
      ok: true,
      owner: this,
      apply: (body) => {
        const customerId = body.customer?.id as string | undefined;
        if (a.customer !== Boolean(customerId)) throw new Error(`customer ${customerId} unexpected`);
        if (a.container) this.addIban(customerId, IBAN.A);
        this.stx.set(body.id, {
          id: body.id,
          status: 'created',
          sum: a.sum,
          productsTotal: a.basket === 'none' ? undefined : a.sum,
          subscription: a.basket === 'subscription',
          autoCapture: a.autoCapture === true,
          intent: a.intent ?? 'sale',
          delivery: a.delivery,
          iframe: false,
          containerType: a.container ? 'bank_account' : undefined,
          customerId,
          pcis: [],
        });
      },
    };
  }

  /** prepare/{method}; `auto` is the checkout page's own bank account for debit. */
  prepare(s: StxModel, method: string, inline: string | undefined, auto = false): { status: SmartTransactionStatus; apply: (body: any) => void } | undefined {
    if (!SECUPAY.has(method)) return undefined;
    if (s.status !== 'created' && s.status !== 'failed') return undefined;
    if (inline && s.customerId && this.ibans.get(s.customerId)?.has(inline)) return undefined;
    const containerType = inline || auto ? 'bank_account' : s.containerType;
    if (method === 'debit' && containerType !== 'bank_account') return undefined;
    const status: SmartTransactionStatus = isDeclined(s.sum)
      ? 'failed'
      : PAYER_APPROVED.has(method)
        ? 'created'
        : method === 'prepaid'
          ? 'pending'
          : authorisedStatus(s);
    return {
      status,
      apply: (body) => {
        if (inline) this.addIban(s.customerId, inline);
        s.containerType = containerType;
        s.method = method;
        if (status === 'failed' || status === 'created') {
          s.status = status;
          if (status === 'created') s.iframe = true;
        } else this.authorise(s, status, body);
      },
    };
  }

  /** The payer's Approve on the page of a transaction waiting for them. */
  private approveWaiting(s: StxModel, body: any) {
    if (s.method === 'creditcard') s.containerType = 'credit_card';
    if (s.method === 'paypal') s.containerType = 'paypal';
    this.authorise(s, authorisedStatus(s), body);
  }

  approve(s: StxModel, method: string | undefined): Expectation {
    if (s.iframe && s.status === 'created') return { ok: true, owner: this, apply: (body) => this.approveWaiting(s, body) };
    // From a payment link the page prepares the chosen method first (debit with a bank account it finds or makes).
    const chosen = method ?? s.method ?? 'debit';
    const prepared = this.prepare(s, chosen, undefined, chosen === 'debit' && !s.containerType);
    if (!prepared) return FAIL;
    return {
      ok: true,
      owner: this,
      apply: (body) => {
        prepared.apply(body);
        // A method the payer approves: the page approves it right away, in the same answer.
        if (PAYER_APPROVED.has(chosen) && prepared.status === 'created') this.approveWaiting(s, body);
      },
    };
  }

  decline(s: StxModel): Expectation {
    if (s.status === 'created' && s.iframe) {
      if (!s.method || !PAYER_APPROVED.has(s.method)) return FAIL;
      return { ok: true, owner: this, apply: () => void (s.status = 'failed') };
    }
    // From a payment link nothing was asked yet: the payer leaves, nothing changes.
    if (s.status === 'created' || s.status === 'failed') return { ok: true, owner: this, apply: () => undefined };
    return FAIL;
  }

  start(s: StxModel, method: string | undefined): Expectation {
    if (s.status === 'created' && method === 'prepaid') {
      // The guide's start/prepaid: the advance payment is requested at once (no magic-amount check).
      return {
        ok: true,
        owner: this,
        apply: (body) => {
          s.method = 'prepaid';
          this.authorise(s, 'pending', body);
        },
      };
    }
    if (method && !SECUPAY.has(method)) return FAIL;
    if (method && s.method && method !== s.method) return FAIL;
    if (s.status !== 'approved') return FAIL;
    return { ok: true, owner: this, apply: () => this.captureAll(s) };
  }

  settle(s: StxModel): Expectation {
    if (s.status !== 'pending') return FAIL;
    return { ok: true, owner: this, apply: () => this.captureAll(s) };
  }

  cancel(s: StxModel, event: 'cancel' | 'abort'): Expectation {
    const allowed = event === 'abort' ? ['created', 'approved'] : ['created', 'approved', 'pending', 'ok', 'received', 'collection', 'shipped', 'collected'];
    if (!allowed.includes(s.status)) return FAIL;
    return { ok: true, owner: this, apply: () => this.cancelAll(s) };
  }

  setDelivery(s: StxModel): Expectation {
    if (s.status !== 'received' && s.status !== 'collection') return FAIL;
    return { ok: true, owner: this, apply: () => void (s.status = s.status === 'collection' ? 'collected' : 'shipped') };
  }

  put(s: StxModel, a: Extract<Action, { kind: 'put' }>): Expectation {
    if (s.status !== 'created') return FAIL;
    if (a.change === 'sum' && s.productsTotal !== undefined && a.sum !== s.productsTotal) return FAIL;
    return {
      ok: true,
      owner: this,
      apply: () => {
        if (a.change === 'sum') s.sum = a.sum;
        if (a.change === 'autoCapture') s.autoCapture = a.flag;
        if (a.change === 'intent') s.intent = a.flag ? 'order' : 'sale';
      },
    };
  }

  pciCancel(p: PciModel, by: number | undefined): Expectation {
    if (p.state === 'void') return FAIL;
    const left = this.effective(p);
    const amount = by ?? left;
    if (left <= 0 || amount <= 0 || amount > left) return FAIL;
    return {
      ok: true,
      owner: this,
      apply: (body) => {
        if (p.state === 'captured') {
          if (body.length !== 2) throw new Error(`a refund answers [original, refund], got ${body.length}`);
          p.refunded += amount;
          this.refunds++;
        } else if (amount === left) {
          p.state = 'void';
          // Nothing is left to capture: the Smart Transaction (and its subscription) is cancelled too.
          const s = this.stx.get(p.stxId)!;
          if (s.status !== 'cancelled' && s.status !== 'failed') this.cancelAll(s);
        } else p.amount -= amount;
      },
    };
  }

  pciCapture(p: PciModel, amount: number | undefined): Expectation {
    if (p.state !== 'authorized' && p.state !== 'subscription_approved') return FAIL;
    const s = this.stx.get(p.stxId)!;
    if (s.status !== 'approved') return FAIL;
    if (amount !== undefined && (amount <= 0 || amount > p.amount)) return FAIL;
    return { ok: true, owner: this, apply: () => this.captureAll(s, amount) };
  }
}

const byStatusNumber = new Map(Object.entries(paymentTransactionStates).map(([state, s]) => [s.status, state as PaymentTransactionState]));

function productsTotal(products: any[] | undefined): number | undefined {
  if (!products?.length) return undefined;
  return products.reduce((sum, item) => {
    const total = item.sum ?? (item.priceOne ?? 0) * (item.quantity ?? 1);
    return sum + (item.item_type === 'coupon' ? -Math.abs(total) : item.item_type === 'stakeholder_payment' ? 0 : total);
  }, 0);
}

/** The model of a tenant's seeded state (the scenario), read once before any call is made. */
export function seedModel(
  name: TenantName,
  planId: string | undefined,
  lists: { stx: any[]; pci: any[]; subs: any[]; containers: any[] },
): TenantModel {
  const m = new TenantModel(name, planId);
  for (const s of lists.stx) {
    const products = s.basket?.products;
    m.stx.set(s.id, {
      id: s.id,
      status: s.status,
      sum: s.basket_info?.sum ?? 0,
      productsTotal: productsTotal(products),
      subscription: products?.length === 1 && products[0].item_type === 'subscription' && Boolean(products[0].plan_id),
      autoCapture: s.payment_context?.auto_capture === true,
      intent: s.intent ?? 'sale',
      delivery: s.delivery_options?.type,
      method: s.payment_method,
      iframe: Boolean(s.iframe_url),
      containerType: s.container?.type,
      customerId: s.customer?.id,
      pcis: s.transactions.map((t: { id: string }) => t.id),
      subId: s.subscription?.id,
    });
  }
  for (const p of lists.pci) {
    const state = byStatusNumber.get(p.status)!;
    if (state === 'refund') {
      m.refunds++;
      continue;
    }
    m.pci.set(p.id, { id: p.id, stxId: lists.stx.find((s) => s.transactions.some((t: any) => t.id === p.id))!.id, state, amount: p.amount, refunded: 0 });
  }
  for (const p of lists.pci) if (p.parents?.length) m.pci.get(p.parents[0].id)!.refunded -= p.amount;
  for (const s of lists.subs) m.subs.set(s.id, s.status);
  for (const c of lists.containers) if (c.customer?.id && c.private?.iban) {
    if (!m.ibans.has(c.customer.id)) m.ibans.set(c.customer.id, new Set());
    m.ibans.get(c.customer.id)!.add(c.private.iban);
  }
  return m;
}
