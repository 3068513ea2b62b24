// Off loopback, every /__mock route but health and the payer's pages needs the admin token (bearer
// header or ?admin_token= for Pact verifiers that cannot add headers); on loopback nothing changes.
import { describe, expect, it } from 'vitest';
import { apiClient, expectEnvelope, makeApp, pageUrl, tokenFor } from '../helpers.js';
import { CLI, cleanedUpAfterEach, sleep, startMock } from './cli-process.js';

const ADMIN = 'a-long-admin-token-for-tests';

describe('the admin token', () => {
  it('guards the control plane of a mock listening on all interfaces', async () => {
    const app = await makeApp({ host: '0.0.0.0', adminToken: ADMIN });
    const reset = (headers: Record<string, string> = {}, query = '') => app.inject({ method: 'POST', url: `/__mock/reset${query}`, headers });
    const refused = await reset();
    expectEnvelope({ status: refused.statusCode, body: refused.json(), headers: refused.headers }, 403, 'ProductNotAllowedException');
    expect(refused.json().error_details).toContain('Admin token required');
    expect((await reset({ authorization: 'Bearer wrong-token-of-some-length' })).statusCode).toBe(403);
    expect((await reset({ authorization: `Bearer ${ADMIN}` })).statusCode).toBe(200);
    expect((await reset({}, `?admin_token=${ADMIN}`)).statusCode).toBe(200);
    const states = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state: 'a payment plan' } });
    expect(states.statusCode).toBe(403);
    expect(app.store.tenant('demo-client')!.plans.size).toBe(1);
    expect((await app.inject({ method: 'POST', url: `/__mock/provider-states?admin_token=${ADMIN}`, payload: { state: 'a payment plan' } })).statusCode).toBe(200);
  });

  it('leaves health, the API and the payer’s checkout pages open', async () => {
    const app = await makeApp({ host: '0.0.0.0', adminToken: ADMIN });
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).statusCode).toBe(200);
    const call = apiClient(app, await tokenFor(app));
    const { body: stx } = await call('POST', '/Smart/Transactions', { basket_info: { sum: 1000, currency: 'EUR' }, customer: { contact: { forename: 'A', surname: 'B' } } });
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, {});
    expect((await app.inject({ method: 'GET', url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}`) })).statusCode).toBe(200);
    const answer = await app.inject({ method: 'POST', url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}/approve`), headers: { accept: 'application/json' } });
    expect(answer.statusCode).toBe(200);
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.status).toBe('approved');
  });

  it('is generated when not given, and not asked for on loopback', async () => {
    const open = await makeApp({ host: '0.0.0.0' });
    expect(open.controlToken).toMatch(/^[0-9a-f]{48}$/);
    expect((await open.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(403);
    expect((await open.inject({ method: 'POST', url: '/__mock/reset', headers: { authorization: `Bearer ${open.controlToken}` } })).statusCode).toBe(200);
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      const local = await makeApp({ host });
      expect(local.controlToken).toBeUndefined();
      expect((await local.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
    }
  });
});

describe('the banner of a mock listening on all interfaces', () => {
  const { running } = cleanedUpAfterEach();

  it('warns that the control plane is exposed and prints the generated admin token, which works', async () => {
    const mock = await startMock(process.execPath, [CLI, 'start', '--port', '0', '--host', '0.0.0.0']);
    running.push(mock.child);
    await sleep(200);
    expect(mock.output()).toContain('is not a loopback address: the control plane (/__mock) is reachable from the network');
    const token = /Admin\s+(\S+)/.exec(mock.output())?.[1];
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const local = `http://127.0.0.1:${mock.port}`;
    expect((await fetch(`${local}/__mock/reset`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${local}/__mock/reset`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('prints no admin token on loopback', async () => {
    const mock = await startMock(process.execPath, [CLI, 'start', '--port', '0']);
    running.push(mock.child);
    await sleep(200);
    expect(mock.output()).not.toContain('Admin');
  });
});
