// Renewals keep their state in the stored objects only (plain JSON), so a mock restarted on its
// --data-dir goes on where it stopped: the failed attempts of a refused renewal, the counts, the
// next billing time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, makeApp, tokenFor } from '../helpers.js';
import { guideSubscriptionBody, tenantRefs } from '../routes/smart-transaction-helpers.js';
import { clock, START } from './support.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function open(dir: string) {
  const app = await makeApp({ dataDir: dir });
  return { app, call: apiClient(app, await tokenFor(app)) };
}

describe('renewals across a restart (--data-dir)', () => {
  it('a refused renewal retried before the restart is suspended after it, at its third attempt; the counts of another survive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-renewals-'));
    dirs.push(dir);
    let { app, call } = await open(dir);
    app.store.tenant('demo-client')!.clock.frozenAt = Date.parse(START);
    const ids: Record<string, string> = {};
    for (const [name, iban] of [['paying', 'DE89370400440532013000'], ['refused', 'DE78370400440532013004']]) {
      const body = guideSubscriptionBody(await tenantRefs(call));
      delete (body.basket.products[0] as { start_at?: string }).start_at;
      const stx = (await call('POST', '/Smart/Transactions', body)).body;
      ids[name] = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Raina Mustermann', iban } } })).body.subscription.id;
      await call('POST', `/Smart/Transactions/${stx.id}/start`);
    }
    const first = await clock(app, { to: '2026-02-17T00:00:00+01:00' });
    expect(first.body.events.filter((e: { event: string }) => e.event === 'subscription.renewal_failed')).toHaveLength(2);
    await app.close();

    ({ app, call } = await open(dir));
    const after = await clock(app, { to: '2026-02-19T00:00:00+01:00' });
    expect(after.status).toBe(200);
    const ofRefused = after.body.events.filter((e: { object_id: string }) => e.object_id === ids.refused);
    expect(ofRefused.map((e: { event: string; attempt?: number }) => [e.event, e.attempt ?? null])).toEqual([
      ['subscription.renewal_failed', 3],
      ['subscription.suspended', null],
    ]);
    call = apiClient(app, await tokenFor(app));
    expect((await call('GET', `/Payment/Subscriptions/${ids.refused}`)).body.status).toBe('suspended');
    expect((await call('GET', `/Payment/Subscriptions/${ids.paying}`)).body.billing_cycles).toMatchObject({
      cycle_executions: [{ cycles_completed: 2, cycles_remaining: 10 }],
      next_billing_time: '2026-03-15T10:00:00+01:00',
    });
    await app.close();
  });
});
