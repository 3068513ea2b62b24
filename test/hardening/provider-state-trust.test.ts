// Provider states never leak or steal: `a client with credentials` for an existing client gives
// neither its secret nor a token unless the request names the right secret, and never overwrites
// it; no state makes an object under an id another tenant already uses.
import { describe, expect, it } from 'vitest';
import { demoApi, DEMO, OTHER } from '../helpers.js';

async function state(app: Awaited<ReturnType<typeof demoApi>>['app'], name: string, params: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state: name, params } });
  return { status: res.statusCode, body: res.json() };
}

describe('provider states and other clients', () => {
  it.each([{}, { client_id: 'demo-client' }, { client_id: 'demo-client', client_secret: 'guess' }])(
    'gives no secret and no token for an existing client without its secret (%j)',
    async (params) => {
      const { app } = await demoApi();
      const res = await state(app, 'a client with credentials', params);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain(DEMO.client_secret);
      expect(res.body.token).toBeUndefined();
      // The secret is as it was: the real one still gets a token, the guess does not.
      const grant = (secret: string) => app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: secret } });
      expect((await grant(DEMO.client_secret)).statusCode).toBe(200);
      expect((await grant('guess')).statusCode).toBe(400);
    },
  );

  it('answers an existing client that names its secret with a token', async () => {
    const { app } = await demoApi();
    const res = await state(app, 'a client with credentials', { ...DEMO });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ client_id: 'demo-client', client_secret: DEMO.client_secret });
    expect(res.body.token).toMatch(/^[a-z2-7]{26}$/);
  });

  it.each([
    ['a payment customer', 'customers', 'PCU'],
    ['a payment plan', 'plans', 'PLN'],
    ['a smart transaction', 'smartTransactions', 'STX'],
    ['a payment container', 'containers', 'PCT'],
  ] as const)('refuses "%s" under an id the other tenant uses, leaving both as they were', async (name, kind, prefix) => {
    const { app } = await demoApi();
    const other = app.store.tenant(OTHER.client_id)!;
    const taken = other[kind].values().next().value?.id ?? (await state(app, name, { client_id: OTHER.client_id })).body.id;
    expect(taken).toMatch(new RegExp(`^${prefix}_`));
    const otherBefore = other[kind].get(taken);
    const demoSize = app.store.tenant(DEMO.client_id)![kind].size;
    const res = await state(app, name, { id: taken });
    expect(res.status).toBe(400);
    expect(res.body.error_details).toContain(`id ${taken} is already used by another client`);
    expect(other[kind].get(taken)).toBe(otherBefore);
    expect(app.store.tenant(DEMO.client_id)![kind].size).toBe(demoSize);
  });
});
