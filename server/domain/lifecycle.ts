// Lifecycles are data: each resource exports a table `status -> event -> allowed next statuses`.
// Handlers never assign a status themselves; they ask `move`, which refuses any step not in the
// table with the catalogued illegal-transition error naming the current status.
import { fail } from './errors.js';

export type Lifecycle<S extends string, E extends string> = Readonly<
  Record<S, Readonly<Partial<Record<E, readonly S[]>>>>
>;

export interface Stateful<S> {
  readonly id: string;
  readonly status: S;
}

export function can<S extends string, E extends string>(table: Lifecycle<S, E>, from: S, event: E): boolean {
  return (table[from]?.[event]?.length ?? 0) > 0;
}

/** The status after `event`, checked against the table; throws when the step is not allowed. */
export function move<S extends string, E extends string>(
  table: Lifecycle<S, E>,
  objectName: string,
  entity: Stateful<S>,
  event: E,
  to: S,
): S {
  if (!table[entity.status]?.[event]?.includes(to)) {
    fail('illegalTransition', { action: event, object: objectName, id: entity.id, status: String(entity.status) });
  }
  return to;
}

/** Every status reachable from `start` (used by tests and the provider-state catalogue). */
export function reachable<S extends string, E extends string>(table: Lifecycle<S, E>, start: S): Set<S> {
  const seen = new Set<S>([start]);
  const queue = [start];
  while (queue.length) {
    const from = queue.shift()!;
    for (const targets of Object.values(table[from] ?? {}) as S[][]) {
      for (const to of targets) if (!seen.has(to)) (seen.add(to), queue.push(to));
    }
  }
  return seen;
}
