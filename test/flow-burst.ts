// A burst of sale flows (create → prepare/debit → start) against servers about to be killed, and
// the check after the restart or on a survivor: every Smart Transaction a server acknowledged is
// there, at least as far as it was answered, and points to no missing object.
import { expect } from 'vitest';
import type { Call } from './real-http.js';

export const BURST_DEBIT = { container: { type: 'bank_account', private: { owner: 'Max Burst', iban: 'DE89370400440532013000' } } };
const SALE = { intent: 'sale', basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'Max', surname: 'Burst' } } };
const ORDER = ['created', 'approved', 'ok'];

/**
 * `workers` loops of flows until `stop()`; step `s` of worker `n` goes to `on(n, s)`. A loop ends
 * when its connection dies. `acknowledged` maps each Smart Transaction to the last status answered.
 */
export function flowBurst(on: (worker: number, step: number) => Call, workers: number) {
  const acknowledged = new Map<string, string>();
  let stopped = false;
  const loop = async (n: number) => {
    while (!stopped) {
      try {
        const made = await on(n, 0)('POST', '/Smart/Transactions', SALE);
        if (made.status !== 200) continue;
        acknowledged.set(made.body.id, made.body.status);
        const prepared = await on(n, 1)('POST', `/Smart/Transactions/${made.body.id}/prepare/debit`, BURST_DEBIT);
        if (prepared.status === 200) acknowledged.set(made.body.id, prepared.body.status);
        const done = await on(n, 2)('POST', `/Smart/Transactions/${made.body.id}/start`);
        if (done.status === 200) acknowledged.set(made.body.id, done.body.status);
      } catch {
        return; // the connection died with the process
      }
    }
  };
  const loops = Array.from({ length: workers }, (_, n) => loop(n));
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Every acknowledged Smart Transaction read through `call`: there, as far as answered, consistent. */
export async function expectAcknowledged(call: Call, acknowledged: ReadonlyMap<string, string>): Promise<void> {
  for (const [id, status] of acknowledged) {
    const now = await call('GET', `/Smart/Transactions/${id}`);
    expect(now.status, id).toBe(200);
    // At least as far as acknowledged (a step may have been written but not answered).
    expect(ORDER.indexOf(now.body.status), `${id}: ${now.body.status}, acknowledged ${status}`).toBeGreaterThanOrEqual(ORDER.indexOf(status));
    for (const t of now.body.transactions) expect((await call('GET', `/Payment/Transactions/${t.id}`)).status, t.id).toBe(200);
    if (now.body.customer) expect((await call('GET', `/Payment/Customers/${now.body.customer.id}`)).status).toBe(200);
  }
}
