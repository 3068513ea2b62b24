// The tenant clock takes bounded, finite, forward moves only: a huge or backward advance is a 400
// envelope that leaves every clock and token as it was (before, +1e13 s gave `NaN-NaN…` timestamps
// with a 200, and 1e308 expired every new token until a reset).
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, expectEnvelope, tokenFor } from '../helpers.js';

describe('clock bounds', () => {
  it.each([1e13, 1e308, -60, 1.5, '60'])('refuses advance_seconds %s and keeps the clock', async (advance) => {
    const { app, call } = await demoApi();
    const before = app.store.tenant('demo-client')!.clock.state;
    const res = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: advance } });
    expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, 400, 'ProductFormatException');
    expect(app.store.tenant('demo-client')!.clock.state.offsetMs).toBe(before.offsetMs);
    const created = await call('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: 'M' } });
    expect(created.status).toBe(200);
    expect(created.body.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect((await apiClient(app, await tokenFor(app))('GET', '/General/Merchants/me')).status).toBe(200);
  });

  it('moves a century forward and still writes real timestamps', async () => {
    const { app, call } = await demoApi();
    const res = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: 100 * 366 * 86_400 } });
    expect(res.statusCode).toBe(200);
    const token = await tokenFor(app);
    const created = await apiClient(app, token)('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: 'M' } });
    expect(created.body.created).toMatch(/^21\d\d-/);
    expect((await call('GET', '/General/Merchants/me')).status).toBe(403);
  });

  it('refuses a move past the year 9999', async () => {
    const { app } = await demoApi();
    const century = { advance_seconds: 100 * 366 * 86_400 };
    let last = 200;
    for (let i = 0; i < 80 && last === 200; i++) last = (await app.inject({ method: 'POST', url: '/__mock/clock', payload: century })).statusCode;
    expect(last).toBe(400);
    expect(new Date(app.store.tenant('demo-client')!.clock.now()).getUTCFullYear()).toBeLessThan(10000);
  });
});
