// A plan's status moves through its lifecycle table: created -> active | inactive, active <-> inactive,
// never back to created; a refused move answers the illegal-transition envelope and changes nothing.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope } from '../helpers.js';

const plan = {
  description: 'Monthly box',
  currency: 'EUR',
  billing_cycles: [{ sequence: 1, interval: { unit: 'month', count: 1 }, tenure_type: 'regular', total_cycles: 12, price: 990 }],
};

describe('Payment Plan status', () => {
  it('starts a new plan created, or in the status the body asks for', async () => {
    const { call } = await demoApi();
    expect((await call('POST', '/Payment/Plans', plan)).body.status).toBe('created');
    expect((await call('POST', '/Payment/Plans', { ...plan, status: 'inactive' })).body.status).toBe('inactive');
  });

  it('deactivates and reactivates an active plan with PATCH and PUT', async () => {
    const { call } = await demoApi();
    const { body: created } = await call('POST', '/Payment/Plans', { ...plan, status: 'active' });
    const off = await call('PATCH', `/Payment/Plans/${created.id}`, { status: 'inactive' });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('inactive');
    const on = await call('PUT', `/Payment/Plans/${created.id}`, { ...plan, status: 'active' });
    expect(on.body.status).toBe('active');
    expect((await call('GET', `/Payment/Plans/${created.id}`)).body.status).toBe('active');
  });

  it('refuses to move a plan back to created, naming its status, and keeps it as it was', async () => {
    const { call } = await demoApi();
    const { body: active } = await call('POST', '/Payment/Plans', { ...plan, status: 'active' });
    const res = await call('PATCH', `/Payment/Plans/${active.id}`, { status: 'created', description: 'renamed' });
    expectEnvelope(res, 400, 'ProductNotAllowedException');
    expect(res.body.error_details).toContain('has status active');
    expect((await call('GET', `/Payment/Plans/${active.id}`)).body).toMatchObject({ status: 'active', description: 'Monthly box' });
  });

  it('keeps the status when a PUT sends none', async () => {
    const { call } = await demoApi();
    const { body: inactive } = await call('POST', '/Payment/Plans', { ...plan, status: 'inactive' });
    expect((await call('PUT', `/Payment/Plans/${inactive.id}`, plan)).body.status).toBe('inactive');
  });
});
