// The outbox in the store: pushes recorded inside a transaction leave only with its commit, and a
// tenant's outbox stays within its cap, dropping the oldest finished push first.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEFAULT_FIXTURES } from '../../server/paths.js';
import { MAX_PUSHES_PER_TENANT, newPush, Outbox } from '../../server/store/outbox.js';
import { apiClient, makeApp, tokenFor } from '../helpers.js';

const push = (id: string) => newPush('http://127.0.0.1:9/push', 'payment.transactions', 'changed', id, 0, '2026-01-01T00:00:00+01:00');

describe('the outbox', () => {
  it('holds staged pushes back until commit and forgets them on rollback', () => {
    const outbox = new Outbox();
    let told = 0;
    outbox.onAdded = () => told++;
    outbox.begin();
    outbox.record(push('PCI_A'));
    expect(outbox.size).toBe(0);
    outbox.rollback();
    outbox.begin();
    outbox.record(push('PCI_B'));
    outbox.commit();
    expect(outbox.all().map((p) => p.body.data[0].id)).toEqual(['PCI_B']);
    expect(told).toBe(1);
  });

  it('past the cap drops the oldest delivered or expired push first, then the oldest pending', () => {
    const outbox = new Outbox();
    for (let i = 0; i < MAX_PUSHES_PER_TENANT; i++) outbox.record(push(`PCI_${i}`));
    outbox.all()[10].status = 'delivered';
    outbox.all()[20].status = 'expired';
    outbox.record(push('PCI_new1'));
    outbox.record(push('PCI_new2'));
    const ids = outbox.all().map((p) => p.body.data[0].id);
    expect(ids).toHaveLength(MAX_PUSHES_PER_TENANT);
    expect(ids).not.toContain('PCI_10');
    expect(ids).not.toContain('PCI_20');
    expect(ids[0]).toBe('PCI_0');
    outbox.record(push('PCI_new3'));
    expect(outbox.all()[0].body.data[0].id).toBe('PCI_1');
    expect(outbox.size).toBe(MAX_PUSHES_PER_TENANT);
    expect(outbox.dropped).toBe(3);
  });

  it('a request refused after its push was recorded (limit reached on commit) leaves no push', async () => {
    const probe = await makeApp();
    const seeded = probe.store.tenant('demo-client')!.objectCount;
    await probe.close();
    // Room for the Smart Transaction, not for the container and payment transaction its prepare makes.
    const app = await makeApp({ maxTenantObjects: seeded + 2 });
    const call = apiClient(app, await tokenFor(app));
    const stx = await call('POST', '/Smart/Transactions', {
      basket_info: { sum: 500, currency: 'EUR' },
      application_context: { return_urls: { url_push: 'http://127.0.0.1:9/push' } },
    });
    expect(stx.status).toBe(200);
    const prepared = await call('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, {
      container: { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE35500105175418493188' } },
    });
    expect(prepared.status).toBe(400);
    expect(prepared.body).toMatchObject({ status: 'error' });
    expect(app.store.tenant('demo-client')!.outbox.size).toBe(0);
    const list = (await app.inject({ method: 'GET', url: '/__mock/pushes' })).json();
    expect(list.count).toBe(0);
    await app.close();
  });

  it('objects a scenario seeds push nothing, even with url_push; later changes to them do', async () => {
    const scenario = JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8'));
    const client = scenario.clients[0];
    const paid = client.smart_transactions.find((s: { status: string }) => s.status === 'ok');
    paid.request.application_context = { return_urls: { url_push: 'http://127.0.0.1:9/push' } };
    const app = await makeApp({ scenario });
    expect(app.store.tenant(client.client_id)!.outbox.size).toBe(0);
    const call = apiClient(app, await tokenFor(app, client));
    const stx = (await call('GET', '/Smart/Transactions?q=status:ok')).body.data[0];
    const refund = await call('POST', `/Payment/Transactions/${stx.transactions[0].id}/cancel`, { reduce_amount_by: 100 });
    expect(refund.status).toBe(200);
    expect(app.store.tenant(client.client_id)!.outbox.all().map((p) => p.body.data[0].id)).toEqual([stx.transactions[0].id]);
    await app.close();
  });
});
