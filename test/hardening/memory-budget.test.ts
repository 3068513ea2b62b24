// Memory budget, part two: what one client, and all clients together, may hold. Past a limit a
// write is a 400 naming it, nothing of it is stored, other clients and reads go on, and a reset
// makes room again. In a process with a small heap, a flood of the largest bodies the API takes
// ends at the limit, not in an out-of-memory abort (before: 4 082 customers of 1 MiB each did).
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { apiClient, DEMO, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';
import { cleanedUpAfterEach, CLI, startMock } from './cli-process.js';

const customer = (surname = 'Mustermann') => ({ contact: { forename: 'Max', surname } });

async function clients(app: FastifyInstance) {
  return { demo: apiClient(app, await tokenFor(app, DEMO)), other: apiClient(app, await tokenFor(app, OTHER)) };
}

const sizes = (app: FastifyInstance) => [...app.store.allTenants()].map((t) => [t.objectCount, t.meter.bytes]);

describe('objects per client (--max-tenant-objects)', () => {
  it('refuses the write past the limit, stores nothing, and serves other clients and reads', async () => {
    const app = await makeApp();
    const seeded = app.store.tenant(DEMO.client_id)!.objectCount;
    const limited = await makeApp({ maxTenantObjects: seeded + 2 });
    const { demo, other } = await clients(limited);
    expect((await demo('POST', '/Payment/Customers', customer())).status).toBe(200);
    expect((await demo('POST', '/Payment/Customers', customer())).status).toBe(200);
    const before = sizes(limited);
    const refused = await demo('POST', '/Payment/Customers', customer());
    expectEnvelope(refused, 400, 'ProductFormatException');
    expect(refused.body.error_details).toContain(`a client holds at most ${seeded + 2} objects (--max-tenant-objects)`);
    // A Smart Transaction and its prepare need new objects too: refused alike.
    expect((await demo('POST', '/Smart/Transactions', { intent: 'sale', basket_info: { sum: 100, currency: 'EUR' } })).status).toBe(400);
    expect(sizes(limited)).toEqual(before);
    // Reads and changes that add nothing still work; another client is not affected.
    const listed = await demo('GET', '/Payment/Customers?count=1');
    expect(listed.status).toBe(200);
    expect((await demo('PUT', `/Payment/Customers/${listed.body.data[0].id}`, customer('Neu'))).status).toBe(200);
    expect((await other('POST', '/Payment/Customers', customer())).status).toBe(200);
    // A reset makes room again.
    expect((await limited.inject({ method: 'POST', url: '/__mock/reset', payload: { client_id: DEMO.client_id } })).statusCode).toBe(200);
    expect((await demo('POST', '/Payment/Customers', customer())).status).toBe(200);
  });
});

describe('bytes per client (--max-tenant-bytes) and in all (--max-stored-bytes)', () => {
  it('counts what a client holds: growing past the limit is refused, shrinking and replacing are not', async () => {
    const app = await makeApp();
    const held = app.store.tenant(DEMO.client_id)!.meter.bytes;
    const limited = await makeApp({ maxTenantBytes: held + 3000 });
    const { demo } = await clients(limited);
    const made = await demo('POST', '/Payment/Customers', customer('x'.repeat(255)));
    expect(made.status).toBe(200);
    // The same customer replaced, again and again, holds the same bytes.
    for (let i = 0; i < 20; i++) expect((await demo('PUT', `/Payment/Customers/${made.body.id}`, customer('y'.repeat(255)))).status).toBe(200);
    let refused;
    for (let i = 0; i < 20 && !refused; i++) {
      const res = await demo('POST', '/Payment/Customers', customer('z'.repeat(255)));
      if (res.status !== 200) refused = res;
    }
    expect(refused).toBeDefined();
    expectEnvelope(refused!, 400, 'ProductFormatException');
    expect(refused!.body.error_details).toContain(`bytes of objects, estimated (--max-tenant-bytes)`);
    const tenant = limited.store.tenant(DEMO.client_id)!;
    expect(tenant.meter.bytes).toBeLessThanOrEqual(held + 3000);
    // Shrinking an object is a change that takes nothing more.
    expect((await demo('PUT', `/Payment/Customers/${made.body.id}`, customer('short'))).status).toBe(200);
    expect(tenant.meter.bytes).toBeLessThan(held + 3000);
  });

  it('a reset gives the bytes back, and the total across clients is its own limit', async () => {
    const app = await makeApp();
    const total = app.store.meter.bytes;
    const limited = await makeApp({ maxStoredBytes: total + 2000 });
    const { demo, other } = await clients(limited);
    let refused;
    for (let i = 0; i < 20 && !refused; i++) {
      const res = await demo('POST', '/Payment/Customers', customer('x'.repeat(200)));
      if (res.status !== 200) refused = res;
    }
    expect(refused!.body.error_details).toContain('all clients together hold at most');
    // The other client is refused as well: the mock as a whole is full.
    const before = sizes(limited);
    expect((await other('POST', '/Payment/Customers', customer())).status).toBe(400);
    expect(sizes(limited)).toEqual(before);
    expect((await limited.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
    expect(limited.store.meter.bytes).toBe(total);
    expect((await other('POST', '/Payment/Customers', customer())).status).toBe(200);
  });
});

describe('a flood in a small heap', () => {
  const { running } = cleanedUpAfterEach();

  it('ends at the stored-bytes limit, and the mock stays up and answers', async () => {
    const mock = await startMock(process.execPath, ['--max-old-space-size=96', CLI, 'start', '--port', '0']);
    running.push(mock.child);
    const token = (
      await (await fetch(`${mock.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', ...DEMO }),
      })).json()
    ).access_token as string;
    const post = (path: string, body: unknown) =>
      fetch(`${mock.url}/api/v2${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // The largest Smart Transaction the schemas take, just under the 1 MiB body limit.
    const product = { id: 1, desc: 'd'.repeat(1400), articleNumber: 'a'.repeat(200), quantity: 1, priceOne: 1 };
    const basket = { intent: 'sale', basket: { products: Array.from({ length: 500 }, () => product) }, basket_info: { sum: 500, currency: 'EUR' } };
    expect(JSON.stringify(basket).length).toBeGreaterThan(800_000);
    // 1 MiB customers are refused by the schema before anything is stored.
    expect((await post('/Payment/Customers', customer('x'.repeat(1 << 20)))).status).toBe(413);
    let stored = 0;
    let refused: { status: number; body: { error_details: string } } | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const res = await post('/Smart/Transactions', basket);
      if (res.status === 200) stored++;
      else refused = { status: res.status, body: await res.json() };
    }
    expect(refused?.status).toBe(400);
    expect(refused?.body.error_details).toContain('--max-stored-bytes');
    expect(stored).toBeGreaterThan(3);
    // Still up: it answers, and a reset makes room again.
    expect((await fetch(`${mock.url}/__mock/health`)).status).toBe(200);
    expect((await fetch(`${mock.url}/__mock/reset`, { method: 'POST' })).status).toBe(200);
    expect((await post('/Smart/Transactions', basket)).status).toBe(200);
    expect(mock.child.exitCode).toBeNull();
  });
});
