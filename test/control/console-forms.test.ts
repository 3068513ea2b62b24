// The console's controls are HTML forms posting to the control routes: they work only with the
// console's secret from a console page, from the mock's own origin, and (off loopback) with the
// admin token, which the console's login keeps in a SameSite=Strict cookie.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { demoApi, makeApp } from '../helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SAME_ORIGIN = { ...FORM, origin: 'http://localhost:80' };

async function actionOf(app: FastifyInstance, control: string, headers: Record<string, string> = {}): Promise<string> {
  const home = await app.inject({ method: 'GET', url: '/__mock/', headers });
  expect(home.statusCode).toBe(200);
  const form = new RegExp(`<form[^>]*action="([^"]+)" data-control="${control}"`).exec(home.body);
  return form![1]!.replace(/&amp;/g, '&');
}

describe('the console’s forms', () => {
  it('make the control call a script makes and go back to the page', async () => {
    const { app } = await demoApi();
    const clock = app.store.tenant('demo-client')!.clock;
    const before = clock.now();
    const res = await app.inject({ method: 'POST', url: await actionOf(app, 'clock'), headers: SAME_ORIGIN, payload: 'client_id=demo-client&advance_seconds=7200&_return=%2F__mock%2F' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/__mock/?done=POST%20%2F__mock%2Fclock');
    expect(clock.now() - before).toBeGreaterThanOrEqual(7_200_000);
    // Nested fields, numbers typed by the route's schema: a fault rule.
    const fault = await app.inject({
      method: 'POST',
      url: await actionOf(app, 'fault'),
      headers: SAME_ORIGIN,
      payload: 'client_id=demo-client&method=GET&path=%2Fapi%2Fv2%2FSmart%2FTransactions*&effect.type=status&effect.status=503&times=2&_return=%2F__mock%2F',
    });
    expect(fault.statusCode).toBe(303);
    const rules = (await app.inject({ method: 'GET', url: '/__mock/faults' })).json();
    expect(rules.data).toMatchObject([{ client_id: 'demo-client', method: 'GET', path: '/api/v2/Smart/Transactions*', times: 2, effect: { type: 'status', status: 503 } }]);
  });

  it('bring a refused call back to the page with its reason, and change nothing', async () => {
    const { app } = await demoApi();
    const clock = app.store.tenant('demo-client')!.clock.state;
    const res = await app.inject({ method: 'POST', url: await actionOf(app, 'clock'), headers: SAME_ORIGIN, payload: 'client_id=nobody&advance_seconds=60&_return=%2F__mock%2F' });
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(res.headers.location as string)).toMatch(/^\/__mock\/\?error=.*nobody/);
    expect(app.store.tenant('demo-client')!.clock.state).toEqual(clock);
  });

  it('are refused from another site even with the console’s secret, and without the secret as any form is', async () => {
    const { app } = await demoApi();
    const clock = app.store.tenant('demo-client')!.clock.state;
    const action = await actionOf(app, 'clock');
    const evil = await app.inject({ method: 'POST', url: action, headers: { ...FORM, origin: 'http://evil.example' }, payload: 'advance_seconds=60' });
    expect(evil.statusCode).toBe(403);
    const wrong = await app.inject({ method: 'POST', url: action.replace(/console=[0-9a-f]+/, 'console=0000'), headers: SAME_ORIGIN, payload: 'advance_seconds=60' });
    expect(wrong.statusCode).toBe(415);
    expect(app.store.tenant('demo-client')!.clock.state).toEqual(clock);
  });

  it('off loopback: send a browser to the login, which keeps the admin token in a strict cookie', async () => {
    const app = await makeApp({ host: '0.0.0.0', adminToken: 'console-admin-token-123' });
    const away = await app.inject({ method: 'GET', url: '/__mock/console/clients/demo-client' });
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/__mock/console/login?next=%2F__mock%2Fconsole%2Fclients%2Fdemo-client');
    const login = await app.inject({ method: 'GET', url: away.headers.location as string });
    const action = /<form method="post" action="([^"]+)"/.exec(login.body)![1]!.replace(/&amp;/g, '&');
    const wrong = await app.inject({ method: 'POST', url: action, headers: SAME_ORIGIN, payload: 'admin_token=nope&next=%2F__mock%2F' });
    expect(wrong.statusCode).toBe(303);
    expect(wrong.headers.location).toMatch(/^\/__mock\/console\/login\?error=/);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const right = await app.inject({ method: 'POST', url: action, headers: SAME_ORIGIN, payload: 'admin_token=console-admin-token-123&next=%2F__mock%2Fconsole%2Fclients%2Fdemo-client' });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/__mock/console/clients/demo-client');
    const cookie = String(right.headers['set-cookie']);
    expect(cookie).toMatch(/^secuconnect_mock_admin=console-admin-token-123; Path=\/__mock; HttpOnly; SameSite=Strict/);
    const headers = { cookie: cookie.split(';')[0]! };
    expect((await app.inject({ method: 'GET', url: '/__mock/console/clients/demo-client', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/requests', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/requests' })).statusCode).toBe(403);
    const reset = await app.inject({ method: 'POST', url: await actionOf(app, 'reset', headers), headers: { ...SAME_ORIGIN, ...headers }, payload: 'client_id=demo-client&_return=%2F__mock%2F' });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toMatch(/done=/);
    // The login's body, with the token in it, is not in the journal.
    const journal = (await app.inject({ method: 'GET', url: '/__mock/requests', headers })).json();
    expect(JSON.stringify(journal)).not.toContain('console-admin-token-123');
    expect(journal.data.map((e: { path: string }) => e.path)).toEqual(['/__mock/reset?console=…']);
  });
});
