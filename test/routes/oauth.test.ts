// POST /oauth/token: the grants, both body encodings, the OAuth error shape, and tenant isolation.
import { describe, expect, it } from 'vitest';
import { apiClient, DEMO, makeApp, OTHER, tokenFor } from '../helpers.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function postToken(app: Awaited<ReturnType<typeof makeApp>>, body: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/oauth/token', payload: body });
}

function expectTokenShape(body: Record<string, unknown>) {
  expect(body).toMatchObject({ expires_in: 1200, token_type: 'bearer', scope: 'https://scope.secucard.com/e/api' });
  expect(body.access_token).toMatch(/^[a-z2-7]{26}$/);
}

describe('POST /oauth/token', () => {
  it('issues a bearer token for client_credentials sent as JSON', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'client_credentials', ...DEMO });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expectTokenShape(res.json());
    // The token opens the API.
    const me = await apiClient(app, res.json().access_token)('GET', '/General/Merchants/me');
    expect(me.status).toBe(200);
  });

  it('issues a bearer token for client_credentials sent form-urlencoded', async () => {
    const app = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ grant_type: 'client_credentials', ...DEMO }),
    });
    expect(res.statusCode).toBe(200);
    expectTokenShape(res.json());
    expect((await apiClient(app, res.json().access_token)('GET', '/Payment/Plans')).status).toBe(200);
  });

  it('issues a different token on every call', async () => {
    const app = await makeApp();
    const [a, b] = [await tokenFor(app), await tokenFor(app)];
    expect(a).not.toBe(b);
    expect((await apiClient(app, a)('GET', '/General/Merchants/me')).status).toBe(200);
    expect((await apiClient(app, b)('GET', '/General/Merchants/me')).status).toBe(200);
  });

  it('answers 400 invalid_client for a wrong secret', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'wrong' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_client', error_description: 'The client credentials are invalid' });
  });

  it('answers 400 invalid_client for an unknown client', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'demo-secret' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_client' });
    expect(res.json().error_description).toEqual(expect.any(String));
  });

  it('answers 400 invalid_client for a form body with a wrong secret', async () => {
    const app = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'other-secret' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_client');
  });

  it('answers 400 unsupported_grant_type for a grant it does not know', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'password', ...DEMO });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });
  });

  it('answers 400 invalid_request when grant_type is missing', async () => {
    const app = await makeApp();
    const res = await postToken(app, { ...DEMO });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('answers 400 invalid_request for an empty body', async () => {
    const app = await makeApp();
    const res = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_request');
  });

  it('answers 400 in the OAuth shape for malformed JSON', async () => {
    const app = await makeApp();
    const res = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/json' }, payload: '{"grant_type":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('issues a token for the refresh_token grant with the scenario refresh token', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'refresh_token', ...DEMO, refresh_token: 'demo-refresh-token' });
    expect(res.statusCode).toBe(200);
    expectTokenShape(res.json());
    const me = await apiClient(app, res.json().access_token)('GET', '/General/Merchants/me');
    expect(me.body.user.companyname).toBe('Demo Shop GmbH');
  });

  it('answers 400 invalid_grant for a wrong refresh token', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'refresh_token', ...DEMO, refresh_token: 'not-a-refresh-token' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
  });

  it("answers 400 invalid_grant for another client's refresh token", async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'refresh_token', ...DEMO, refresh_token: 'other-refresh-token' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_grant');
  });

  it('answers 400 invalid_request for the refresh_token grant without a refresh token', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'refresh_token', ...DEMO });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_request');
  });

  it('answers 400 invalid_client for the refresh_token grant with wrong client credentials', async () => {
    const app = await makeApp();
    const res = await postToken(app, { grant_type: 'refresh_token', client_id: 'demo-client', client_secret: 'x', refresh_token: 'demo-refresh-token' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_client');
  });
});

describe('tenant isolation', () => {
  it("gives a token of other-client only other-client's data", async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app, DEMO));
    const other = apiClient(app, await tokenFor(app, OTHER));

    const otherMe = await other('GET', '/General/Merchants/me');
    expect(otherMe.body.user.companyname).toBe('Other Store AG');
    const demoMe = await demo('GET', '/General/Merchants/me');
    expect(demoMe.body.id).not.toBe(otherMe.body.id);

    const otherCustomers = await other('GET', '/Payment/Customers');
    expect(otherCustomers.body.data.map((c: any) => c.contact.surname)).toEqual(['Meier']);
    expect((await other('GET', '/Payment/Plans')).body.count).toBe(0);
    expect((await other('GET', '/Payment/Containers')).body.count).toBe(0);
    const otherStx = await other('GET', '/Smart/Transactions');
    expect(otherStx.body.count).toBe(1);

    const demoCustomers = await demo('GET', '/Payment/Customers');
    for (const c of demoCustomers.body.data) {
      expect((await other('GET', `/Payment/Customers/${c.id}`)).status).toBe(404);
    }
    expect((await demo('GET', `/Smart/Transactions/${otherStx.body.data[0].id}`)).status).toBe(404);
  });

  it("does not show one client's new objects to the other", async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app, DEMO));
    const other = apiClient(app, await tokenFor(app, OTHER));
    const created = await other('POST', '/Payment/Customers', { contact: { forename: 'Nur', surname: 'Other' } });
    expect(created.status).toBe(200);
    expect((await demo('GET', `/Payment/Customers/${created.body.id}`)).status).toBe(404);
    const demoList = await demo('GET', '/Payment/Customers');
    expect(demoList.body.data.some((c: any) => c.id === created.body.id)).toBe(false);
    expect((await other('GET', `/Payment/Customers/${created.body.id}`)).status).toBe(200);
  });
});
