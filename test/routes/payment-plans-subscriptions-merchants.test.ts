// /api/v2/Payment/Plans (create, replace, patch, read), /Payment/Subscriptions (read-only, made by
// Smart Transactions) and /General/Merchants (the tenant's own merchant, also as `me`).
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';

const weekly = {
  description: 'Weekly box, 4.50 EUR',
  currency: 'EUR',
  payment_methods: ['debit'],
  billing_cycles: [
    { sequence: 0, interval: { unit: 'week', count: 1 }, tenure_type: 'setup', total_cycles: 1, price: 100 },
    { sequence: 1, interval: { unit: 'week', count: 1 }, tenure_type: 'regular', total_cycles: 52, price: 450 },
  ],
};

describe('Payment Plans', () => {
  it('lists the seeded plan', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/Payment/Plans');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.data[0]).toMatchObject({
      object: 'payment.plans',
      status: 'active',
      currency: 'EUR',
      billing_cycles: [{ sequence: 1, interval: { unit: 'month', count: 1 }, tenure_type: 'regular', total_cycles: 12, price: 990 }],
      merchant: { object: 'general.merchants' },
    });
    expect(res.body.data[0].id).toMatch(/^PLN_[A-Z0-9]{30}$/);
  });

  it('POST creates a plan in status created for the merchant of the token', async () => {
    const { call } = await demoApi();
    const me = (await call('GET', '/General/Merchants/me')).body;
    const res = await call('POST', '/Payment/Plans', weekly);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'payment.plans', status: 'created', ...weekly, merchant: { object: 'general.merchants', id: me.id } });
    expect(res.body.id).toMatch(/^PLN_/);
    const read = await call('GET', `/Payment/Plans/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect((await call('GET', '/Payment/Plans')).body.count).toBe(2);
  });

  it('POST takes a status and the own merchant id', async () => {
    const { call } = await demoApi();
    const me = (await call('GET', '/General/Merchants/me')).body;
    const res = await call('POST', '/Payment/Plans', { ...weekly, status: 'active', merchant_id: me.id });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('active');
  });

  it("POST answers 404 for another merchant's id and creates nothing", async () => {
    const app = await makeApp();
    const call = apiClient(app, await tokenFor(app));
    const otherMerchant = (await apiClient(app, await tokenFor(app, OTHER))('GET', '/General/Merchants/me')).body.id;
    expectEnvelope(await call('POST', '/Payment/Plans', { ...weekly, merchant: { id: otherMerchant } }), 404, 'ProductNotFoundException');
    expect((await call('GET', '/Payment/Plans')).body.count).toBe(1);
  });

  it('POST answers 400 ProductFormatException for an unknown interval unit or status', async () => {
    const { call } = await demoApi();
    const bad = { ...weekly, billing_cycles: [{ sequence: 1, interval: { unit: 'fortnight', count: 1 }, price: 1 }] };
    const res = await call('POST', '/Payment/Plans', bad);
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toMatch(/billing_cycles\.0\.interval\.unit/);
    expectEnvelope(await call('POST', '/Payment/Plans', { ...weekly, status: 'paused' }), 400, 'ProductFormatException');
    expect((await call('GET', '/Payment/Plans')).body.count).toBe(1);
  });

  it('PUT replaces the plan: fields not sent are gone', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Plans', weekly)).body;
    const res = await call('PUT', `/Payment/Plans/${created.id}`, { description: 'Renamed', currency: 'EUR' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, created: created.created, description: 'Renamed', currency: 'EUR', status: 'created' });
    expect(res.body.billing_cycles).toBeUndefined();
    expect(res.body.payment_methods).toBeUndefined();
    const read = (await call('GET', `/Payment/Plans/${created.id}`)).body;
    expect(read).toEqual(res.body);
  });

  it('PATCH merges: only the fields sent change', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Plans', weekly)).body;
    const res = await call('PATCH', `/Payment/Plans/${created.id}`, { status: 'active', description: 'Weekly box (new)' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...weekly, id: created.id, status: 'active', description: 'Weekly box (new)' });
    const read = (await call('GET', `/Payment/Plans/${created.id}`)).body;
    expect(read).toEqual(res.body);
    expect(read.billing_cycles).toEqual(weekly.billing_cycles);
  });

  it('PUT and PATCH answer 404 for an unknown plan', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('PUT', '/Payment/Plans/PLN_DOESNOTEXIST00000000000000000', weekly), 404, 'ProductNotFoundException');
    expectEnvelope(await call('PATCH', '/Payment/Plans/PLN_DOESNOTEXIST00000000000000000', { status: 'active' }), 404, 'ProductNotFoundException');
  });

  it('PATCH answers 400 for a bad field and leaves the plan unchanged', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Plans', weekly)).body;
    expectEnvelope(await call('PATCH', `/Payment/Plans/${created.id}`, { payment_methods: ['cash'] }), 400, 'ProductFormatException');
    expect((await call('GET', `/Payment/Plans/${created.id}`)).body).toEqual(created);
  });

  it("is invisible to another tenant", async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app));
    const other = apiClient(app, await tokenFor(app, OTHER));
    const plan = (await demo('GET', '/Payment/Plans')).body.data[0];
    expectEnvelope(await other('GET', `/Payment/Plans/${plan.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await other('PATCH', `/Payment/Plans/${plan.id}`, { status: 'inactive' }), 404, 'ProductNotFoundException');
    expect((await demo('GET', `/Payment/Plans/${plan.id}`)).body.status).toBe('active');
  });
});

describe('Payment Subscriptions', () => {
  it('lists the subscription of the seeded approved Smart Transaction, in status approved', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/Payment/Subscriptions');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    const sub = res.body.data[0];
    const stx = (await call('GET', '/Smart/Transactions?q=status:approved')).body.data[0];
    const plan = (await call('GET', '/Payment/Plans')).body.data[0];
    const container = (await call('GET', '/Payment/Containers')).body.data[0];
    expect(sub).toMatchObject({
      object: 'payment.subscriptions',
      status: 'approved',
      smart_transaction: { object: 'smart.transactions', id: stx.id },
      plan: { object: 'payment.plans', id: plan.id },
      customer: { object: 'payment.customers', id: container.customer.id },
      container: { object: 'payment.containers', id: container.id },
      merchant: { object: 'general.merchants' },
      contract: { object: 'general.contracts' },
      billing_cycles: { cycle_executions: [{ sequence: 1, tenure_type: 'regular', total_cycles: 12, cycles_completed: 0, cycles_remaining: 12 }] },
    });
    expect(sub.id).toMatch(/^SUB_[A-Z0-9]{30}$/);
    expect(stx.subscription).toEqual({ object: 'payment.subscriptions', id: sub.id });
  });

  it('reads one subscription by id', async () => {
    const { call } = await demoApi();
    const listed = (await call('GET', '/Payment/Subscriptions')).body.data[0];
    const res = await call('GET', `/Payment/Subscriptions/${listed.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(listed);
  });

  it('answers 404 ProductNotFoundException for an unknown subscription', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('GET', '/Payment/Subscriptions/SUB_DOESNOTEXIST00000000000000000'), 404, 'ProductNotFoundException');
  });

  it('is read-only: POST, PUT, PATCH and DELETE are unknown routes (404 envelope) and change nothing', async () => {
    const { call } = await demoApi();
    const sub = (await call('GET', '/Payment/Subscriptions')).body.data[0];
    const plan = (await call('GET', '/Payment/Plans')).body.data[0];
    const post = await call('POST', '/Payment/Subscriptions', { plan: { id: plan.id } });
    expectEnvelope(post, 404, 'ProductNotFoundException');
    expect(post.body.error_details).toMatch(/POST \/api\/v2\/Payment\/Subscriptions/);
    expectEnvelope(await call('PUT', `/Payment/Subscriptions/${sub.id}`, { status: 'cancelled' }), 404, 'ProductNotFoundException');
    expectEnvelope(await call('PATCH', `/Payment/Subscriptions/${sub.id}`, { status: 'cancelled' }), 404, 'ProductNotFoundException');
    expectEnvelope(await call('DELETE', `/Payment/Subscriptions/${sub.id}`), 404, 'ProductNotFoundException');
    const after = await call('GET', '/Payment/Subscriptions');
    expect(after.body.count).toBe(1);
    expect(after.body.data[0]).toEqual(sub);
  });

  it("hides another tenant's subscription", async () => {
    const app = await makeApp();
    const sub = (await apiClient(app, await tokenFor(app))('GET', '/Payment/Subscriptions')).body.data[0];
    const other = apiClient(app, await tokenFor(app, OTHER));
    expect((await other('GET', '/Payment/Subscriptions')).body).toEqual({ count: 0, data: [] });
    expectEnvelope(await other('GET', `/Payment/Subscriptions/${sub.id}`), 404, 'ProductNotFoundException');
  });
});

describe('General Merchants', () => {
  it('GET /General/Merchants/me answers the merchant of the token', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/General/Merchants/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'general.merchants', user: { companyname: 'Demo Shop GmbH' }, store_name: 'Demo Shop' });
    expect(res.body.id).toMatch(/^MRC_[A-Z0-9]{30}$/);
    expect(res.body.id_old).toEqual(expect.any(Number));
    expect(res.body).not.toHaveProperty('generalContractId');
    expect(res.body).not.toHaveProperty('paymentContractId');
  });

  it('GET /General/Merchants/{id} answers the same merchant by its id', async () => {
    const { call } = await demoApi();
    const me = (await call('GET', '/General/Merchants/me')).body;
    const res = await call('GET', `/General/Merchants/${me.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(me);
  });

  it('GET /General/Merchants lists only the own merchant', async () => {
    const { call } = await demoApi();
    const me = (await call('GET', '/General/Merchants/me')).body;
    const res = await call('GET', '/General/Merchants');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1, data: [me] });
  });

  it("answers 404 ProductNotFoundException for another merchant's id", async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app));
    const other = apiClient(app, await tokenFor(app, OTHER));
    const otherMe = (await other('GET', '/General/Merchants/me')).body;
    expect(otherMe.user.companyname).toBe('Other Store AG');
    const res = await demo('GET', `/General/Merchants/${otherMe.id}`);
    expectEnvelope(res, 404, 'ProductNotFoundException');
    expect(res.body.error_details).toContain(otherMe.id);
    expectEnvelope(await demo('GET', '/General/Merchants/MRC_DOESNOTEXIST00000000000000000'), 404, 'ProductNotFoundException');
  });

  it('the merchant referenced by Smart Transactions, plans and containers is the own one', async () => {
    const { call } = await demoApi();
    const me = (await call('GET', '/General/Merchants/me')).body;
    expect((await call('GET', '/Payment/Plans')).body.data[0].merchant.id).toBe(me.id);
    expect((await call('GET', '/Payment/Containers')).body.data[0].merchant.id).toBe(me.id);
    const stx = (await call('GET', '/Smart/Transactions')).body.data[0];
    expect(stx.merchant).toMatchObject({ object: 'general.merchants', id: me.id, companyname: 'Demo Shop GmbH' });
  });
});
