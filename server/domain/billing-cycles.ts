// A subscription's billing cycles over time, as plain arithmetic: which cycle bills next, the
// counts after a billing, and when the next one is due. Calendar steps (months, years) are taken
// on the Berlin wall clock, so a renewal keeps its local time across daylight saving.
import { berlinOffsetMinutes } from '../store/clock.js';
import type { PlanEntity, SubscriptionEntity } from '../store/entities.js';
import type { CycleExecutions } from '../schemas/payment-subscriptions.js';
import type { PaymentPlanInterval } from '../schemas/payment-plans.js';

type BillingCycles = NonNullable<SubscriptionEntity['billing_cycles']>;

/** A cycle without an interval bills monthly; a count below 1 counts as 1. */
const DEFAULT_INTERVAL = { unit: 'month', count: 1 } as const;
/** Renewals stop before the year 10000 (the clock's own limit). */
const LATEST_TIME = Date.UTC(9999, 11, 31);

const unlimited = (c: CycleExecutions) => c.total_cycles === 0;
const hasCyclesLeft = (c: CycleExecutions) => unlimited(c) || (c.cycles_remaining ?? 0) > 0;

/** The position of the execution that bills next (lowest sequence with cycles left), or -1 when all are done. */
export function currentCycle(executions: readonly CycleExecutions[]): number {
  let best = -1;
  executions.forEach((c, i) => {
    if (hasCyclesLeft(c) && (best < 0 || (c.sequence ?? 0) < (executions[best].sequence ?? 0))) best = i;
  });
  return best;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** `ms` plus `interval` on the Berlin wall clock; a month after 31 January is the last of February. */
export function addInterval(ms: number, interval: PaymentPlanInterval | undefined): number {
  const unit = interval?.unit ?? DEFAULT_INTERVAL.unit;
  const count = Math.max(1, interval?.count ?? DEFAULT_INTERVAL.count);
  const wall = new Date(ms + berlinOffsetMinutes(ms) * 60_000);
  if (unit === 'day' || unit === 'week') {
    wall.setUTCDate(wall.getUTCDate() + count * (unit === 'week' ? 7 : 1));
  } else {
    const day = wall.getUTCDate();
    wall.setUTCDate(1);
    wall.setUTCMonth(wall.getUTCMonth() + count * (unit === 'year' ? 12 : 1));
    wall.setUTCDate(Math.min(day, daysInMonth(wall.getUTCFullYear(), wall.getUTCMonth())));
  }
  const local = wall.getTime();
  // The offset in force at the result itself (it may differ from the start's).
  return local - berlinOffsetMinutes(local - berlinOffsetMinutes(local) * 60_000) * 60_000;
}

/** The plan's cycle an execution counts (same sequence), for its price and interval. */
export const planCycle = (plan: PlanEntity, execution: CycleExecutions) =>
  plan.billing_cycles?.find((c) => c.sequence === execution.sequence);

/**
 * One billing at `at` (epoch ms): the current execution counts one more cycle, and the next billing
 * is one of its intervals later. `undefined` when no cycle is left to bill. `nextAt` is undefined
 * when the next time would pass the clock's limit.
 */
export function billOnce(billing: BillingCycles, plan: PlanEntity, at: number): { cycles: BillingCycles; billed: CycleExecutions; nextAt?: number } | undefined {
  const executions = billing.cycle_executions ?? [];
  const i = currentCycle(executions);
  if (i < 0) return undefined;
  const billed = executions[i];
  const counted = {
    ...billed,
    cycles_completed: (billed.cycles_completed ?? 0) + 1,
    cycles_remaining: unlimited(billed) ? billed.cycles_remaining : Math.max(0, (billed.cycles_remaining ?? 0) - 1),
  };
  const next = addInterval(at, planCycle(plan, billed)?.interval);
  const nextAt = Number.isFinite(next) && next <= LATEST_TIME ? next : undefined;
  return { cycles: { ...billing, cycle_executions: executions.map((c, j) => (j === i ? counted : c)) }, billed, nextAt };
}

/** Whether every cycle of the subscription has been billed (never, with an unlimited cycle). */
export const allCyclesBilled = (billing: BillingCycles | undefined) => currentCycle(billing?.cycle_executions ?? []) < 0;
