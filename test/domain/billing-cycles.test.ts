// The billing-cycle arithmetic renewals use: calendar steps on the Berlin wall clock, the order of
// cycle executions, unlimited cycles.
import { describe, expect, it } from 'vitest';
import { addInterval, allCyclesBilled, billOnce, currentCycle } from '../../server/domain/billing-cycles.js';
import { formatTimestamp } from '../../server/store/clock.js';
import type { PlanEntity } from '../../server/store/entities.js';

const at = (text: string) => Date.parse(text);
const step = (from: string, unit: 'day' | 'week' | 'month' | 'year', count = 1) => formatTimestamp(addInterval(at(from), { unit, count }));

describe('addInterval', () => {
  it('steps months on the calendar: the last day of a shorter month, local time kept across daylight saving', () => {
    expect(step('2026-01-31T10:00:00+01:00', 'month')).toBe('2026-02-28T10:00:00+01:00');
    expect(step('2028-01-31T10:00:00+01:00', 'month')).toBe('2028-02-29T10:00:00+01:00');
    expect(step('2026-03-15T10:00:00+01:00', 'month')).toBe('2026-04-15T10:00:00+02:00');
    expect(step('2026-10-15T10:00:00+02:00', 'month')).toBe('2026-11-15T10:00:00+01:00');
    expect(step('2026-01-15T10:00:00+01:00', 'month', 3)).toBe('2026-04-15T10:00:00+02:00');
    expect(step('2028-02-29T10:00:00+01:00', 'year')).toBe('2029-02-28T10:00:00+01:00');
  });

  it('steps days and weeks on the wall clock; a count below 1 or none counts as 1, no interval is a month', () => {
    expect(step('2026-03-28T10:00:00+01:00', 'day')).toBe('2026-03-29T10:00:00+02:00');
    expect(step('2026-01-01T10:00:00+01:00', 'week', 2)).toBe('2026-01-15T10:00:00+01:00');
    expect(step('2026-01-01T10:00:00+01:00', 'day', 0)).toBe('2026-01-02T10:00:00+01:00');
    expect(step('2026-01-01T10:00:00+01:00', 'day', -5)).toBe('2026-01-02T10:00:00+01:00');
    expect(formatTimestamp(addInterval(at('2026-01-01T10:00:00+01:00'), undefined))).toBe('2026-02-01T10:00:00+01:00');
  });
});

describe('billOnce', () => {
  const plan = {
    billing_cycles: [
      { sequence: 2, interval: { unit: 'month', count: 1 }, tenure_type: 'regular', total_cycles: 0, price: 990 },
      { sequence: 1, interval: { unit: 'week', count: 1 }, tenure_type: 'trial', total_cycles: 2, price: 0 },
    ],
  } as unknown as PlanEntity;
  const executions = [
    { sequence: 2, tenure_type: 'regular', total_cycles: 0, cycles_completed: 0, cycles_remaining: 0 },
    { sequence: 1, tenure_type: 'trial', total_cycles: 2, cycles_completed: 0, cycles_remaining: 2 },
  ] as const;

  it('bills the lowest sequence with cycles left with its own interval, then the next; an unlimited cycle never runs out', () => {
    let billing = { cycle_executions: executions.map((e) => ({ ...e })), next_billing_time: undefined };
    const start = at('2026-01-01T10:00:00+01:00');
    const first = billOnce(billing, plan, start)!;
    expect(first.billed.sequence).toBe(1);
    expect(formatTimestamp(first.nextAt!)).toBe('2026-01-08T10:00:00+01:00');
    billing = first.cycles as typeof billing;
    const second = billOnce(billing, plan, first.nextAt!)!;
    expect(second.billed.sequence).toBe(1);
    expect(second.cycles.cycle_executions![1]).toMatchObject({ cycles_completed: 2, cycles_remaining: 0 });
    const third = billOnce(second.cycles, plan, second.nextAt!)!;
    expect(third.billed.sequence).toBe(2);
    expect(formatTimestamp(third.nextAt!)).toBe('2026-02-15T10:00:00+01:00');
    expect(third.cycles.cycle_executions![0]).toMatchObject({ cycles_completed: 1, cycles_remaining: 0 });
    expect(allCyclesBilled(third.cycles)).toBe(false);
  });

  it('nothing to bill once every finite cycle is done', () => {
    const done = [{ sequence: 1, tenure_type: 'regular', total_cycles: 3, cycles_completed: 3, cycles_remaining: 0 }] as const;
    expect(currentCycle(done)).toBe(-1);
    expect(billOnce({ cycle_executions: [...done] }, plan, 0)).toBeUndefined();
    expect(allCyclesBilled({ cycle_executions: [] })).toBe(true);
  });
});
