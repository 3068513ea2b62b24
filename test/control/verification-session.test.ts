// The verification session: while a Pact verifier changes provider states, a bearer token the mock
// never issued stands for the tenant of the interaction's states; outside it, such a token is refused.
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';

let app: FastifyInstance;

beforeEach(async () => {
  app = await buildApp({ logLevel: 'silent', checkResponses: true });
});

const STX = `STX_${'SESSION'.padEnd(30, '0')}`;

async function change(state: string, params: Record<string, unknown> = {}, action: 'setup' | 'teardown' = 'setup') {
  const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state, params, action } });
  return { status: res.statusCode, body: res.json() };
}

async function read(authorization: string | undefined, path = `/Smart/Transactions/${STX}`) {
  const res = await app.inject({ url: `/api/v2${path}`, headers: authorization ? { authorization } : {} });
  return { status: res.statusCode, body: res.json() };
}

const session = async () => (await app.inject({ url: '/__mock/verification' })).json();

describe('the verification session', () => {
  it('refuses a token the mock did not issue before any state change', async () => {
    const res = await read('Bearer recorded-elsewhere', '/General/Merchants/me');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'ProductNotAllowedException', code: 2003 });
    expect(await session()).toMatchObject({ active: false, interactions: 0 });
  });

  it('lets a recorded token stand for the tenant the interaction’s states went to', async () => {
    await change('a client with credentials', { client_id: 'shop-a', client_secret: 'shop-a-secret' });
    await change('a smart transaction', { client_id: 'shop-a', id: STX, status: 'approved' });
    const res = await read('Bearer recorded-elsewhere');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: STX, status: 'approved' });
    expect((await read('Bearer recorded-elsewhere', '/General/Merchants/me')).body.id).toBe(app.store.tenant('shop-a')!.merchant.id);
    expect(await session()).toMatchObject({ active: true, client_id: 'shop-a', interactions: 1 });
  });

  it('keeps tokens the mock issued to their own tenant', async () => {
    const demo = await change('a payment customer');
    await change('a client with credentials', { client_id: 'shop-a', client_secret: 'x' });
    await change('a smart transaction', { client_id: 'shop-a', id: STX, status: 'approved' });
    expect((await read(`Bearer ${demo.body.token}`)).status).toBe(404);
    expect((await read('Bearer recorded')).status).toBe(200);
  });

  it('still answers 403 without a token, and for a token a state declares invalid or expired', async () => {
    await change('a smart transaction', { id: STX, status: 'approved' });
    await change('an invalid token', { token: 'Bearer revoked-token' });
    await change('an expired token', { token: 'old-token' });
    expect((await read(undefined)).status).toBe(403);
    expect((await read('Basic ZGVtbzpkZW1v')).status).toBe(403);
    expect((await read('Bearer revoked-token')).status).toBe(403);
    expect((await read('Bearer old-token')).body).toMatchObject({ error: 'ProductNotAllowedException', code: 2003 });
    expect((await read('Bearer another-recorded-token')).status).toBe(200);
  });

  it('forgets declared tokens with the teardown, and goes back to the default tenant', async () => {
    await change('a client with credentials', { client_id: 'shop-a', client_secret: 'x' });
    await change('an invalid token', { token: 'revoked' });
    await change('an invalid token', {}, 'teardown');
    await change('a smart transaction', { id: STX, status: 'created' });
    expect((await read('Bearer revoked')).status).toBe(200);
    expect((await read('Bearer revoked', '/General/Merchants/me')).body.id).toBe(app.store.tenant('demo-client')!.merchant.id);
  });

  it('refuses the token states without a token, and takes no client_id', async () => {
    expect((await change('an invalid token')).body.error_details).toContain('parameter token is required');
    expect((await change('an expired token', { token: 'x', client_id: 'demo-client' })).body.error_details).toContain('unknown parameter client_id');
  });

  it('ends with DELETE /__mock/verification and with a full reset: unknown tokens are refused again', async () => {
    await change('a smart transaction', { id: STX, status: 'approved' });
    expect((await read('Bearer recorded')).status).toBe(200);
    const ended = await app.inject({ method: 'DELETE', url: '/__mock/verification' });
    expect(ended.json()).toMatchObject({ active: false, interactions: 1 });
    expect((await read('Bearer recorded')).status).toBe(403);
    await change('a smart transaction', { id: STX, status: 'approved' });
    expect((await read('Bearer recorded')).status).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
    expect((await read('Bearer recorded')).status).toBe(403);
    expect(await session()).toMatchObject({ active: false, interactions: 0, errors: [] });
  });

  it('a reset of one tenant does not end it', async () => {
    await change('a smart transaction', { id: STX, status: 'approved' });
    await app.inject({ method: 'POST', url: '/__mock/reset', payload: { client_id: 'other-client' } });
    expect((await read('Bearer recorded')).status).toBe(200);
  });

  it('records the error envelopes it answers, by interaction, with the interaction’s states', async () => {
    await change('a smart transaction', { id: STX, status: 'ok' });
    await app.inject({ method: 'POST', url: `/api/v2/Smart/Transactions/${STX}/prepare/debit`, headers: { authorization: 'Bearer recorded' } });
    await change('a smart transaction', {}, 'teardown');
    await change('');
    await read(undefined);
    const { errors } = await session();
    expect(errors).toEqual([
      expect.objectContaining({ interaction: 1, states: ['a smart transaction'], method: 'POST', status: 400, error: 'ProductNotAllowedException' }),
      expect.objectContaining({ interaction: 2, states: [], method: 'GET', status: 403, error_details: expect.any(String) }),
    ]);
    expect(errors[0].error_details).toMatch(/status ok/);
  });

  it('takes the state change in the query string (--state-change-as-query)', async () => {
    const query = new URLSearchParams({ state: 'a smart transaction', action: 'setup', id: STX, status: 'approved', amount: '4200' });
    const res = await app.inject({ method: 'POST', url: `/__mock/provider-states?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    expect((await read('Bearer recorded')).body).toMatchObject({ status: 'approved', basket_info: { sum: 4200 } });
    expect((await app.inject({ method: 'POST', url: '/__mock/provider-states' })).statusCode).toBe(400);
  });

  it('a token of the mock’s that expired stays refused during the session', async () => {
    const { body } = await change('a smart transaction', { id: STX, status: 'approved' });
    await app.inject({ method: 'POST', url: '/__mock/clock', payload: { advance_seconds: 1201 } });
    expect((await read(`Bearer ${body.token}`)).status).toBe(403);
    expect((await read(`Bearer ${body.token}`)).status).toBe(403);
    expect((await read('Bearer recorded')).status).toBe(200);
  });
});

describe('the verification session off loopback', () => {
  it('begins only with the admin token', async () => {
    app = await buildApp({ logLevel: 'silent', host: '0.0.0.0', adminToken: 'admin-token-0123456789' });
    const payload = { state: 'a smart transaction', params: { id: STX, status: 'approved' } };
    expect((await app.inject({ method: 'POST', url: '/__mock/provider-states', payload })).statusCode).toBe(403);
    expect((await read('Bearer recorded')).status).toBe(403);
    const ok = await app.inject({ method: 'POST', url: '/__mock/provider-states?admin_token=admin-token-0123456789', payload });
    expect(ok.statusCode).toBe(200);
    expect((await read('Bearer recorded')).status).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/__mock/verification' })).statusCode).toBe(403);
  });
});
