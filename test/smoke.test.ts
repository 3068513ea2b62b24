import { describe, expect, it } from 'vitest';
import { demoApi } from './helpers.js';

describe('the guide flow', () => {
  it('creates, prepares for debit with a container, and starts a subscription transaction', async () => {
    const { call } = await demoApi();
    const plans = await call('GET', '/Payment/Plans');
    const containers = await call('GET', '/Payment/Containers');
    const created = await call('POST', '/Smart/Transactions', {
      customer: { contact: { forename: 'Max', surname: 'Mustermann', email: 'max@example.com' } },
      basket: { products: [{ item_type: 'subscription', plan_id: plans.body.data[0].id, desc: 'Abo', quantity: 1, priceOne: 990, sum: 990 }] },
      basket_info: { sum: 990, currency: 'EUR' },
    });
    expect(created.status).toBe(200);
    expect(created.body.status).toBe('created');
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: { id: containers.body.data[0].id } });
    expect(prepared.status).toBe(200);
    expect(prepared.body.status).toBe('approved');
    expect(prepared.body.subscription.object).toBe('payment.subscriptions');
    const sub = await call('GET', `/Payment/Subscriptions/${prepared.body.subscription.id}`);
    expect(sub.body.status).toBe('approved');
    const started = await call('POST', `/Smart/Transactions/${created.body.id}/start/debit`);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('ok');
    expect((await call('GET', `/Payment/Subscriptions/${prepared.body.subscription.id}`)).body.status).toBe('active');
  });
});
