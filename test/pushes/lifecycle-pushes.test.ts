// Pushes come from the lifecycle moves themselves: every subscription move secuconnect pushes
// (suspend, re-activate, complete, cancel) records one, whoever makes the move; the others none.
import { describe, expect, it } from 'vitest';
import { moveSubscription } from '../../server/domain/subscriptions.js';
import { apiClient, makeApp, tokenFor } from '../helpers.js';
import { guideSubscriptionBody, INLINE_ACCOUNT, tenantRefs } from '../routes/smart-transaction-helpers.js';

async function activeSubscription() {
  const app = await makeApp();
  const call = apiClient(app, await tokenFor(app));
  const body = guideSubscriptionBody(await tenantRefs(call));
  body.application_context.return_urls.url_push = 'http://127.0.0.1:9/push';
  const stx = (await call('POST', '/Smart/Transactions', body)).body;
  const prepared = (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body;
  await call('POST', `/Smart/Transactions/${stx.id}/start`);
  const tenant = app.store.tenant('demo-client')!;
  return { app, tenant, ctx: { tenant, baseUrl: 'http://localhost' }, subId: prepared.subscription.id as string };
}

const subscriptionPushes = (tenant: { outbox: { all(): readonly { body: { target: string; type: string; data: { id: string }[] } }[] } }) =>
  tenant.outbox.all().filter((p) => p.body.target === 'payment.subscriptions').map((p) => [p.body.type, p.body.data[0].id]);

describe('subscription moves and their pushes', () => {
  it('suspend, re-activate and complete each push the subscription (changed); activation pushes nothing of its own', async () => {
    const { app, tenant, ctx, subId } = await activeSubscription();
    expect(subscriptionPushes(tenant)).toEqual([]);
    moveSubscription(ctx, tenant.subscriptions.get(subId)!, 'suspend', 'suspended');
    tenant.transact(() => moveSubscription(ctx, tenant.subscriptions.get(subId)!, 'reactivate', 'active'));
    moveSubscription(ctx, tenant.subscriptions.get(subId)!, 'complete', 'completed');
    expect(subscriptionPushes(tenant)).toEqual([
      ['changed', subId],
      ['changed', subId],
      ['changed', subId],
    ]);
    await app.close();
  });

  it('a move the table refuses records no push', async () => {
    const { app, tenant, ctx, subId } = await activeSubscription();
    const before = tenant.outbox.size;
    expect(() => tenant.transact(() => moveSubscription(ctx, tenant.subscriptions.get(subId)!, 'reactivate', 'active'))).toThrow();
    expect(tenant.outbox.size).toBe(before);
    await app.close();
  });
});
