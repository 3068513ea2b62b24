// Subscriptions move with their Smart Transaction: prepare opens them, start activates them,
// cancel ends them; every lifecycle entry the domain reaches.
import { describe, expect, it } from 'vitest';
import type { DomainContext } from '../../server/domain/context.js';
import { formatSubscription } from '../../server/domain/formatters.js';
import { effectiveAmount } from '../../server/domain/payment-transactions.js';
import { answerCheckout, prepareSmartTransaction, settleSmartTransaction, startSmartTransaction } from '../../server/domain/smart-transaction-payments.js';
import { cancelSmartTransaction } from '../../server/domain/smart-transactions.js';
import { updateSubscriptionContainer } from '../../server/domain/subscription-containers.js';
import { subscriptionLifecycle, type SubscriptionEvent } from '../../server/domain/subscription-lifecycle.js';
import { moveSubscription } from '../../server/domain/subscriptions.js';
import type { PaymentSubscriptionStatus } from '../../server/schemas/payment-subscriptions.js';
import { demo, newStx } from './support.js';
import { SUM, planOf, pci, subscriptionOf, prepared, captured } from './payment-setup.js';

describe('Subscriptions follow their Smart Transaction', () => {
  it('opens an approved subscription at prepare and links it to the Smart Transaction and its payment', () => {
    const { ctx } = demo();
    const plan = planOf(ctx);
    const { stxId, pciId } = prepared(ctx, 'debit', { planId: plan });
    const stx = ctx.tenant.smartTransactions.get(stxId)!;
    const sub = subscriptionOf(ctx, stxId)!;
    expect(stx.status).toBe('approved');
    expect(sub).toMatchObject({ status: 'approved', smartTransactionId: stxId, planId: plan, customerId: stx.customerId, containerId: stx.containerId });
    expect(pci(ctx, pciId)).toMatchObject({ state: 'subscription_approved', subscriptionId: sub.id });
    expect(formatSubscription(ctx, sub).smart_transaction).toEqual({ object: 'smart.transactions', id: stxId });
  });

  it('makes the subscription active at start', () => {
    const { ctx } = demo();
    const { stxId, pciId } = captured(ctx, { planId: planOf(ctx) });
    expect(ctx.tenant.smartTransactions.get(stxId)!.status).toBe('ok');
    expect(subscriptionOf(ctx, stxId)!.status).toBe('active');
    expect(pci(ctx, pciId).state).toBe('captured');
  });

  it('cancels the subscription with its Smart Transaction before start, voiding the payment', () => {
    const { ctx } = demo();
    const { stxId, pciId } = prepared(ctx, 'debit', { planId: planOf(ctx) });
    cancelSmartTransaction(ctx, stxId, 'cancel');
    expect(subscriptionOf(ctx, stxId)!.status).toBe('cancelled');
    expect(pci(ctx, pciId).state).toBe('void');
  });

  it('cancels the subscription on abort', () => {
    const { ctx } = demo();
    const { stxId } = prepared(ctx, 'debit', { planId: planOf(ctx) });
    cancelSmartTransaction(ctx, stxId, 'abort');
    expect(subscriptionOf(ctx, stxId)!.status).toBe('cancelled');
  });

  it('cancels an active subscription with its Smart Transaction after start, refunding the payment', () => {
    const { ctx } = demo();
    const { stxId, pciId } = captured(ctx, { planId: planOf(ctx) });
    cancelSmartTransaction(ctx, stxId, 'cancel');
    expect(subscriptionOf(ctx, stxId)!.status).toBe('cancelled');
    const original = pci(ctx, pciId);
    expect(original.state).toBe('captured');
    expect(original.refundIds).toHaveLength(1);
    expect(pci(ctx, original.refundIds[0])).toMatchObject({ state: 'refund', amount: -SUM, parentId: pciId });
    expect(effectiveAmount(ctx, original)).toBe(0);
  });

  it('opens the subscription already active when the payment is captured at prepare (auto_capture)', () => {
    const { ctx } = demo();
    const { stxId, pciId } = prepared(ctx, 'debit', { planId: planOf(ctx), autoCapture: true });
    expect(ctx.tenant.smartTransactions.get(stxId)!.status).toBe('ok');
    expect(subscriptionOf(ctx, stxId)!.status).toBe('active');
    expect(pci(ctx, pciId).state).toBe('captured');
  });

  it('opens no subscription until the card payer approves, then follows start', () => {
    const { ctx } = demo();
    const stxId = newStx(ctx, { planId: planOf(ctx), sum: SUM });
    prepareSmartTransaction(ctx, stxId, 'creditcard', undefined);
    expect(subscriptionOf(ctx, stxId)).toBeUndefined();
    answerCheckout(ctx, stxId, true);
    expect(subscriptionOf(ctx, stxId)!.status).toBe('approved');
    startSmartTransaction(ctx, stxId, 'creditcard');
    expect(subscriptionOf(ctx, stxId)!.status).toBe('active');
  });

  it('keeps a prepaid subscription approved while the advance payment is pending and activates it on arrival', () => {
    const { ctx } = demo();
    const { stxId, pciId } = prepared(ctx, 'prepaid', { planId: planOf(ctx) });
    expect(subscriptionOf(ctx, stxId)!.status).toBe('approved');
    expect(pci(ctx, pciId).state).toBe('pending');
    settleSmartTransaction(ctx, stxId);
    expect(subscriptionOf(ctx, stxId)!.status).toBe('active');
    expect(pci(ctx, pciId).state).toBe('captured');
  });

  describe('every subscription lifecycle entry the domain reaches', () => {
    const exercised: Record<string, (ctx: DomainContext) => string> = {
      'approved activate active': (ctx) => captured(ctx, { planId: planOf(ctx) }).stxId,
      'approved cancel cancelled': (ctx) => {
        const { stxId } = prepared(ctx, 'debit', { planId: planOf(ctx) });
        cancelSmartTransaction(ctx, stxId, 'cancel');
        return stxId;
      },
      'active cancel cancelled': (ctx) => {
        const { stxId } = captured(ctx, { planId: planOf(ctx) });
        cancelSmartTransaction(ctx, stxId, 'cancel');
        return stxId;
      },
      // A new payment container (updatePaymentContainer): an active one stays active, a suspended one is re-activated.
      'active update_container active': (ctx) => {
        const { stxId } = captured(ctx, { planId: planOf(ctx) });
        updateSubscriptionContainer(ctx, subscriptionOf(ctx, stxId)!.id, { id: ctx.tenant.smartTransactions.get(stxId)!.containerId! });
        return stxId;
      },
      'suspended reactivate active': (ctx) => {
        const { stxId } = captured(ctx, { planId: planOf(ctx) });
        moveSubscription(ctx, subscriptionOf(ctx, stxId)!, 'suspend', 'suspended');
        updateSubscriptionContainer(ctx, subscriptionOf(ctx, stxId)!.id, { id: ctx.tenant.smartTransactions.get(stxId)!.containerId! });
        return stxId;
      },
    };
    // Renewals on the tenant clock suspend and complete (test/clock/renewals.test.ts); a suspended
    // subscription is cancelled with its Smart Transaction like any other.
    const notEmulated = ['active suspend suspended', 'active complete completed', 'suspended cancel cancelled'];

    it('accounts for every entry of the table', () => {
      const table = Object.entries(subscriptionLifecycle).flatMap(([from, events]) =>
        Object.entries(events).flatMap(([event, targets]) => (targets ?? []).map((to) => `${from} ${event} ${to}`)),
      );
      expect([...Object.keys(exercised), ...notEmulated].sort()).toEqual(table.sort());
    });

    it.each(Object.keys(exercised))('reaches %s', (entry) => {
      const [from, event, to] = entry.split(' ') as [PaymentSubscriptionStatus, SubscriptionEvent, PaymentSubscriptionStatus];
      expect(subscriptionLifecycle[from][event]).toContain(to);
      const { ctx } = demo();
      const stxId = exercised[entry](ctx);
      expect(subscriptionOf(ctx, stxId)!.status).toBe(to);
    });
  });
});
