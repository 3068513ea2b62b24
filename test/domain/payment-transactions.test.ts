// Payment Transactions move with their Smart Transaction: prepare authorises, start captures, cancel
// voids or refunds. Their states, the wire numbers they show, and the rule that refunds never
// exceed what was captured.
import { describe, expect, it } from 'vitest';
import type { DomainContext } from '../../server/domain/context.js';
import { formatPaymentTransaction } from '../../server/domain/formatters.js';
import { paymentTransactionLifecycle, paymentTransactionStates, type PaymentTransactionEvent, type PaymentTransactionState } from '../../server/domain/payment-transaction-lifecycle.js';
import { checkStatus, effectiveAmount, refundedAmount, returnDebit } from '../../server/domain/payment-transactions.js';
import { cancelPaymentTransaction, capturePaymentTransaction, prepareSmartTransaction, settleSmartTransaction, startSmartTransaction } from '../../server/domain/smart-transaction-payments.js';
import { cancelSmartTransaction } from '../../server/domain/smart-transactions.js';
import { DECLINED_SUM, demo, expectMockError, expectUnchanged, newStx } from './support.js';
import { SUM, planOf, pci, prepared, captured, wireStatus } from './payment-setup.js';

describe('Payment Transactions', () => {
  describe('states and their wire numbers', () => {
    const cases: [PaymentTransactionState, number, number, (ctx: DomainContext) => string][] = [
      ['authorized', 9, 2, (ctx) => prepared(ctx, 'debit').pciId],
      ['subscription_approved', 115, 11, (ctx) => prepared(ctx, 'debit', { planId: planOf(ctx) }).pciId],
      ['pending', 25, 2, (ctx) => prepared(ctx, 'prepaid').pciId],
      ['captured', 6, 1, (ctx) => captured(ctx).pciId],
      [
        'void',
        12,
        5,
        (ctx) => {
          const { stxId, pciId } = prepared(ctx, 'debit');
          cancelSmartTransaction(ctx, stxId, 'cancel');
          return pciId;
        },
      ],
      ['captured_invoice', 86, 1, (ctx) => captured(ctx, {}, 'invoice').pciId],
      [
        'refund',
        6,
        1,
        (ctx) => {
          const { pciId } = captured(ctx);
          return cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 500 })[1].id;
        },
      ],
    ];

    it.each(cases)('shows %s as status %i, status_simple %i', (state, status, simple, make) => {
      const { ctx } = demo();
      const id = make(ctx);
      expect(pci(ctx, id).state).toBe(state);
      expect(wireStatus(ctx, id)).toMatchObject({ status, status_simple: simple });
      expect(checkStatus(ctx, id)).toMatchObject({ status, status_simple: simple, currency: 'EUR' });
    });

    it('never produces denied: a declined amount fails the Smart Transaction without a payment transaction', () => {
      expect(paymentTransactionStates.denied).toMatchObject({ status: 7, status_simple: 3 });
      const { ctx } = demo();
      const stxId = newStx(ctx, { sum: DECLINED_SUM });
      const stx = prepareSmartTransaction(ctx, stxId, 'debit', undefined);
      expect(stx.status).toBe('failed');
      expect(stx.transactionIds).toEqual([]);
    });
  });

  describe('cancelOrRefund before capture', () => {
    it('lowers the authorised amount for a partial cancellation and keeps the state', () => {
      const { ctx } = demo();
      const { pciId } = prepared(ctx, 'debit');
      const [after] = cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 400 });
      expect(after).toMatchObject({ state: 'authorized', amount: SUM - 400 });
      expect(effectiveAmount(ctx, after)).toBe(SUM - 400);
      expect(wireStatus(ctx, pciId)).toMatchObject({ status: 9, amount: SUM - 400, effective: SUM - 400 });
    });

    it('voids the payment when the whole remaining amount is cancelled (deprecated `amount` too)', () => {
      const { ctx } = demo();
      const { pciId } = prepared(ctx, 'debit');
      cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 500 });
      const [after] = cancelPaymentTransaction(ctx, pciId, { amount: SUM - 500 });
      expect(after.state).toBe('void');
      expect(effectiveAmount(ctx, after)).toBe(0);
      expect(wireStatus(ctx, pciId)).toMatchObject({ status: 12, effective: 0 });
    });

    it('voids everything when no amount is given, and refuses any later cancellation', () => {
      const { ctx, tenant } = demo();
      const { pciId } = prepared(ctx, 'debit');
      expect(cancelPaymentTransaction(ctx, pciId, undefined)[0].state).toBe('void');
      const before = tenant.snapshot();
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, undefined), 'illegalTransition');
      expectUnchanged(tenant, before);
    });

    it('cancels the Smart Transaction and its subscription when the whole authorisation is voided', () => {
      const { ctx, tenant } = demo();
      const { stxId, pciId } = prepared(ctx, 'debit', { planId: planOf(ctx) });
      cancelPaymentTransaction(ctx, pciId, undefined);
      const stx = tenant.smartTransactions.get(stxId)!;
      expect(stx.status).toBe('cancelled');
      expect(tenant.subscriptions.get(stx.subscriptionId!)!.status).toBe('cancelled');
      expectMockError(() => startSmartTransaction(ctx, stxId, undefined), 'illegalTransition');
    });

    it('keeps the Smart Transaction approved after a partial cancellation', () => {
      const { ctx, tenant } = demo();
      const { stxId, pciId } = prepared(ctx, 'debit');
      cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 100 });
      expect(tenant.smartTransactions.get(stxId)!.status).toBe('approved');
    });

    it('refuses to cancel more than is authorised, leaving everything as it was', () => {
      const { ctx, tenant } = demo();
      const { pciId } = prepared(ctx, 'debit');
      const before = tenant.snapshot();
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: SUM + 1 }), 'notAllowed');
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 0 }), 'notAllowed');
      expectUnchanged(tenant, before);
    });
  });

  describe('cancelOrRefund after capture', () => {
    it('creates a refund transaction with a negative amount and keeps the original captured', () => {
      const { ctx } = demo();
      const { pciId } = captured(ctx);
      const [original, refund] = cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 500 });
      expect(original).toMatchObject({ state: 'captured', amount: SUM, refundIds: [refund.id] });
      expect(refund).toMatchObject({ state: 'refund', amount: -500, parentId: pciId, product: 'Erstattung', refundIds: [] });
      expect(refundedAmount(ctx, original)).toBe(500);
      expect(effectiveAmount(ctx, original)).toBe(SUM - 500);
      const wire = formatPaymentTransaction(ctx, original);
      expect(wire.related_transactions).toEqual([{ object: 'payment.transactions', id: refund.id, trans_id: refund.trans_id, ref_type_id: 19, hierarchy: 'child' }]);
      expect(formatPaymentTransaction(ctx, refund).parents).toEqual([
        { object: 'payment.transactions', id: pciId, trans_id: original.trans_id, ref_type_id: 19 },
      ]);
    });

    it('never refunds more than was captured', () => {
      const { ctx, tenant } = demo();
      const { pciId } = captured(ctx);
      cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 600 });
      let before = tenant.snapshot();
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: SUM - 600 + 1 }), 'notAllowed');
      expectUnchanged(tenant, before);
      cancelPaymentTransaction(ctx, pciId, undefined);
      expect(effectiveAmount(ctx, pci(ctx, pciId))).toBe(0);
      expect(refundedAmount(ctx, pci(ctx, pciId))).toBe(SUM);
      before = tenant.snapshot();
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 1 }), 'notAllowed');
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, undefined), 'notAllowed');
      expectUnchanged(tenant, before);
    });

    it('refunds only what is left when the Smart Transaction is cancelled after a partial refund', () => {
      const { ctx } = demo();
      const { stxId, pciId } = captured(ctx);
      cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 400 });
      cancelSmartTransaction(ctx, stxId, 'cancel');
      const original = pci(ctx, pciId);
      expect(original.refundIds.map((id) => pci(ctx, id).amount)).toEqual([-400, -(SUM - 400)]);
      expect(effectiveAmount(ctx, original)).toBe(0);
    });

    it('adds no refund when a fully refunded Smart Transaction is cancelled', () => {
      const { ctx } = demo();
      const { stxId, pciId } = captured(ctx);
      cancelPaymentTransaction(ctx, pciId, undefined);
      cancelSmartTransaction(ctx, stxId, 'cancel');
      expect(pci(ctx, pciId).refundIds).toHaveLength(1);
    });

    it('refuses to cancel a refund transaction', () => {
      const { ctx, tenant } = demo();
      const { pciId } = captured(ctx);
      const [, refund] = cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 100 });
      const before = tenant.snapshot();
      expectMockError(() => cancelPaymentTransaction(ctx, refund.id, undefined), 'illegalTransition');
      expectUnchanged(tenant, before);
    });

    it('limits refunds to a partially captured amount', () => {
      const { ctx } = demo();
      const { stxId, pciId } = prepared(ctx, 'debit');
      const after = capturePaymentTransaction(ctx, pciId, { amount: 900 });
      expect(after).toMatchObject({ state: 'captured', amount: 900 });
      expect(ctx.tenant.smartTransactions.get(stxId)!.status).toBe('ok');
      expectMockError(() => cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 901 }), 'notAllowed');
      cancelPaymentTransaction(ctx, pciId, { reduce_amount_by: 900 });
      expect(effectiveAmount(ctx, pci(ctx, pciId))).toBe(0);
    });
  });

  describe('capture', () => {
    it('refuses a capture amount above the authorised one or not positive, leaving everything as it was', () => {
      const { ctx, tenant } = demo();
      const { pciId } = prepared(ctx, 'debit');
      const before = tenant.snapshot();
      expectMockError(() => capturePaymentTransaction(ctx, pciId, { amount: SUM + 1 }), 'notAllowed');
      expectMockError(() => capturePaymentTransaction(ctx, pciId, { amount: 0 }), 'notAllowed');
      expectUnchanged(tenant, before);
    });

    it.each([
      ['pending', (ctx: DomainContext) => prepared(ctx, 'prepaid').pciId],
      ['captured', (ctx: DomainContext) => captured(ctx).pciId],
      [
        'void',
        (ctx: DomainContext) => {
          const { pciId } = prepared(ctx, 'debit');
          cancelPaymentTransaction(ctx, pciId, undefined);
          return pciId;
        },
      ],
      ['refund', (ctx: DomainContext) => cancelPaymentTransaction(ctx, captured(ctx).pciId, { reduce_amount_by: 1 })[1].id],
    ] as const)('refuses to capture a %s payment transaction over the API', (state, make) => {
      const { ctx, tenant } = demo();
      const id = make(ctx);
      expect(pci(ctx, id).state).toBe(state);
      const before = tenant.snapshot();
      const err = expectMockError(() => capturePaymentTransaction(ctx, id, undefined), 'illegalTransition');
      expect(err.message).toContain(`has status ${state}`);
      expectUnchanged(tenant, before);
    });
  });

  describe('every payment transaction lifecycle entry', () => {
    const setups: Partial<Record<PaymentTransactionState, (ctx: DomainContext) => { stxId: string; pciId: string }>> = {
      authorized: (ctx) => prepared(ctx, 'debit'),
      subscription_approved: (ctx) => prepared(ctx, 'debit', { planId: planOf(ctx) }),
      pending: (ctx) => prepared(ctx, 'prepaid'),
      captured: (ctx) => captured(ctx),
      captured_invoice: (ctx) => captured(ctx, {}, 'invoice'),
    };
    // An authorisation is captured into `captured_invoice` when it is an invoice payment.
    const setupFor = (from: PaymentTransactionState, to: PaymentTransactionState) =>
      to !== 'captured_invoice' || from === 'captured_invoice'
        ? setups[from]!
        : from === 'authorized'
          ? (ctx: DomainContext) => prepared(ctx, 'invoice')
          : (ctx: DomainContext) => prepared(ctx, 'invoice', { planId: planOf(ctx) });
    const actions: Record<PaymentTransactionEvent, (ctx: DomainContext, p: { stxId: string; pciId: string }) => void> = {
      // Capture is the Smart Transaction's start; a pending advance payment is captured when it arrives.
      capture: (ctx, p) => capturePaymentTransaction(ctx, p.pciId, undefined),
      settle: (ctx, p) => settleSmartTransaction(ctx, p.stxId),
      reduce: (ctx, p) => cancelPaymentTransaction(ctx, p.pciId, { reduce_amount_by: 100 }),
      void: (ctx, p) => cancelSmartTransaction(ctx, p.stxId, 'cancel'),
      refund: (ctx, p) => cancelPaymentTransaction(ctx, p.pciId, { reduce_amount_by: 100 }),
      // What the clock does to a debit from a magic IBAN (test/domain/later-payments.test.ts).
      return_debit: (ctx, p) => returnDebit(ctx, pci(ctx, p.pciId)),
    };
    const entries = Object.entries(paymentTransactionLifecycle).flatMap(([from, events]) =>
      Object.entries(events).flatMap(([event, targets]) =>
        (targets ?? []).map((to) => ({ from: from as PaymentTransactionState, event: event as PaymentTransactionEvent, to })),
      ),
    );

    it('starts every entry in a state the domain produces', () => {
      expect(new Set(entries.map((e) => e.from))).toEqual(new Set(Object.keys(setups)));
    });

    it('refuses capture, reduction and refund of a voided or refunded payment, leaving the store as it was', () => {
      const ends: Record<'void' | 'refund', (ctx: DomainContext) => string> = {
        void: (ctx) => {
          const p = prepared(ctx, 'debit');
          cancelSmartTransaction(ctx, p.stxId, 'cancel');
          return p.pciId;
        },
        refund: (ctx) => {
          const p = captured(ctx);
          cancelPaymentTransaction(ctx, p.pciId, { reduce_amount_by: 100 });
          return pci(ctx, p.pciId).refundIds[0];
        },
      };
      for (const [state, setup] of Object.entries(ends)) {
        const { ctx, tenant } = demo();
        const id = setup(ctx);
        expect(pci(ctx, id).state).toBe(state);
        const before = tenant.snapshot();
        expect(() => capturePaymentTransaction(ctx, id, undefined), state).toThrow();
        expect(() => cancelPaymentTransaction(ctx, id, { reduce_amount_by: 100 }), state).toThrow();
        expectUnchanged(tenant, before);
      }
    });

    it.each(entries)('moves $from to $to on $event', ({ from, event, to }) => {
      const { ctx } = demo();
      const p = setupFor(from, to)(ctx);
      expect(pci(ctx, p.pciId).state).toBe(from);
      const updated = pci(ctx, p.pciId).updated;
      actions[event](ctx, p);
      const after = pci(ctx, p.pciId);
      expect(after.state).toBe(to);
      expect(after.updated >= updated).toBe(true);
      if (event === 'reduce') expect(after.amount).toBe(SUM - 100);
      if (event === 'refund') expect(after.refundIds).toHaveLength(1);
    });
  });
});
