// The Smart Transaction lifecycle table, entry by entry: every status × event × target in the table
// is reached through the domain functions the routes call, and every status × event not in the
// table is refused with the illegal-transition error, leaving the store exactly as it was.
import { describe, expect, it } from 'vitest';
import type { DomainContext } from '../../server/domain/context.js';
import { reachable } from '../../server/domain/lifecycle.js';
import {
  answerCheckout,
  prepareSmartTransaction,
  settleSmartTransaction,
  startSmartTransaction,
} from '../../server/domain/smart-transaction-payments.js';
import {
  smartTransactionLifecycle as table,
  type SmartTransactionEvent,
  type SmartTransactionStatus,
} from '../../server/domain/smart-transaction-lifecycle.js';
import { cancelSmartTransaction, setDelivery, updateSmartTransaction } from '../../server/domain/smart-transactions.js';
import { SMART_TRANSACTION_STATUSES } from '../../server/schemas/smart-transactions.js';
import type { SmartTransactionEntity } from '../../server/store/entities.js';
import { DECLINED_SUM, demo, driveTo, expectMockError, expectUnchanged, newStx, shapeFor, type StxShape } from './support.js';

const EVENTS: readonly SmartTransactionEvent[] = ['update', 'prepare', 'authorize', 'decline', 'start', 'settle', 'setDelivery', 'cancel', 'abort'];
const STATUSES = Object.keys(table) as SmartTransactionStatus[];
const CAPTURED: readonly SmartTransactionStatus[] = ['ok', 'received', 'collection'];
const DELIVERED: readonly SmartTransactionStatus[] = ['shipped', 'collected'];
/** Statuses the mock never produces (loyalty partial payments are not emulated). */
const UNREACHABLE: readonly SmartTransactionStatus[] = ['processing'];

interface Entry {
  from: SmartTransactionStatus;
  event: SmartTransactionEvent;
  to: SmartTransactionStatus;
}

const entries: Entry[] = STATUSES.flatMap((from) =>
  Object.entries(table[from]).flatMap(([event, targets]) =>
    (targets ?? []).map((to) => ({ from, event: event as SmartTransactionEvent, to })),
  ),
);

const refusals = STATUSES.filter((s) => !UNREACHABLE.includes(s)).flatMap((from) =>
  EVENTS.filter((event) => !(event in table[from])).map((event) => ({ from, event })),
);

/** The method whose prepare lands in `to`: card stays `created` (payer pending), prepaid is `pending`, debit authorises. */
function prepareMethod(to: SmartTransactionStatus): string {
  if (to === 'created') return 'creditcard';
  if (to === 'pending' || to === 'failed') return 'prepaid';
  return 'debit';
}

/** The inputs an entry needs: the order shape of its captured status, auto_capture to skip `approved`, a declined sum to fail. */
function inputsFor({ from, event, to }: Entry): StxShape {
  const shaped = CAPTURED.includes(to) || DELIVERED.includes(to) ? to : from;
  return {
    ...shapeFor(shaped),
    autoCapture: (event === 'prepare' || event === 'authorize') && CAPTURED.includes(to),
    sum: event === 'prepare' && to === 'failed' ? DECLINED_SUM : undefined,
  };
}

/** The domain call that performs `event` (as the route or the checkout page would). */
function perform(ctx: DomainContext, id: string, event: SmartTransactionEvent, to?: SmartTransactionStatus): SmartTransactionEntity {
  const from = ctx.tenant.smartTransactions.get(id)!.status;
  switch (event) {
    case 'update':
      return updateSmartTransaction(ctx, id, { transactionRef: 'Changed order' });
    case 'prepare':
      return prepareSmartTransaction(ctx, id, to ? prepareMethod(to) : 'prepaid', undefined);
    case 'authorize':
      return answerCheckout(ctx, id, true);
    case 'decline':
      return answerCheckout(ctx, id, false);
    case 'start':
      // The guide's start/prepaid on a new transaction; otherwise the capture of what was prepared.
      return startSmartTransaction(ctx, id, to && from === 'created' ? 'prepaid' : undefined);
    case 'settle':
      return settleSmartTransaction(ctx, id);
    case 'setDelivery':
      return setDelivery(ctx, id, { delivery_options: { tracking_code: 'TRACK-1' } });
    case 'cancel':
    case 'abort':
      return cancelSmartTransaction(ctx, id, event);
  }
}

describe('Smart Transaction lifecycle', () => {
  it('has a row for every status of the schema', () => {
    expect(new Set(STATUSES)).toEqual(new Set(SMART_TRANSACTION_STATUSES));
  });

  it('reaches every status from created except processing', () => {
    const reached = reachable(table, 'created');
    expect(reached.has('processing')).toBe(false);
    expect([...reached].sort()).toEqual(STATUSES.filter((s) => !UNREACHABLE.includes(s)).sort());
  });

  it('ends in cancelled, which allows nothing', () => {
    for (const event of EVENTS) {
      const { ctx, tenant } = demo();
      const id = newStx(ctx, shapeFor('cancelled'));
      driveTo(ctx, id, 'cancelled');
      const before = tenant.snapshot();
      expectMockError(() => perform(ctx, id, event), 'illegalTransition');
      expectUnchanged(tenant, before);
    }
  });

  describe('allowed steps', () => {
    it.each(entries)('moves $from to $to on $event', (entry) => {
      const { ctx, tenant } = demo();
      const id = newStx(ctx, inputsFor(entry));
      driveTo(ctx, id, entry.from);
      // The payer's answer needs a transaction waiting on the checkout page.
      if (entry.from === 'created' && (entry.event === 'authorize' || entry.event === 'decline')) {
        prepareSmartTransaction(ctx, id, 'creditcard', undefined);
      }
      const result = perform(ctx, id, entry.event, entry.to);
      expect(result.status).toBe(entry.to);
      expect(tenant.smartTransactions.get(id)).toBe(result);
    });
  });

  describe('refused steps', () => {
    it.each(refusals)('refuses $event in $from and leaves the store as it was', ({ from, event }) => {
      const { ctx, tenant } = demo();
      const id = newStx(ctx, shapeFor(from));
      driveTo(ctx, id, from);
      const before = tenant.snapshot();
      const entity = tenant.smartTransactions.get(id);
      const err = expectMockError(() => perform(ctx, id, event), 'illegalTransition');
      expect(err.message).toContain(`has status ${from}`);
      expect(err.message).toContain(`Action ${event}`);
      expect(tenant.smartTransactions.get(id)).toBe(entity);
      expectUnchanged(tenant, before);
    });

    it('refuses start on a created transaction for any method but prepaid', () => {
      const { ctx, tenant } = demo();
      const id = newStx(ctx);
      const before = tenant.snapshot();
      expectMockError(() => startSmartTransaction(ctx, id, 'debit'), 'illegalTransition');
      expectMockError(() => startSmartTransaction(ctx, id, undefined), 'illegalTransition');
      expectUnchanged(tenant, before);
    });

    it.each([true, false])('refuses the payer answer (approved: %s) on a created transaction no payer is asked for', (approved) => {
      const { ctx, tenant } = demo();
      const id = newStx(ctx);
      const before = tenant.snapshot();
      expectMockError(() => answerCheckout(ctx, id, approved), 'notAllowed');
      expectUnchanged(tenant, before);
    });

    it.each(EVENTS)('refuses %s on a transaction in processing (forged: the API never gets there)', (event) => {
      const { ctx, tenant } = demo();
      const id = newStx(ctx);
      tenant.smartTransactions.put({ ...tenant.smartTransactions.get(id)!, status: 'processing' });
      const before = tenant.snapshot();
      expectMockError(() => perform(ctx, id, event), 'illegalTransition');
      expectUnchanged(tenant, before);
    });
  });
});
