// The default scenario, deterministic ids, POST /__mock/reset, and scenario validation with
// messages that name the bad entry.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../server/domain/scenario.js';
import { DEFAULT_FIXTURES } from '../server/paths.js';
import { apiClient, DEMO, makeApp, OTHER, tokenFor } from './helpers.js';

/** A fresh, mutable copy of fixtures/default.json. */
const defaultScenario = (): any => JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8'));

const COLLECTIONS = ['/Smart/Transactions', '/Payment/Transactions', '/Payment/Customers', '/Payment/Containers', '/Payment/Plans', '/Payment/Subscriptions'];

/** Every id a client sees, by collection. */
async function idsOf(app: FastifyInstance, client: { client_id: string; client_secret: string } = DEMO) {
  const call = apiClient(app, await tokenFor(app, client));
  const out: Record<string, string[]> = { merchant: [(await call('GET', '/General/Merchants/me')).body.id] };
  for (const path of COLLECTIONS) out[path] = (await call('GET', `${path}?count=100`)).body.data.map((o: any) => o.id);
  return out;
}

describe('the default scenario', () => {
  it('has two clients, each seeing its own merchant', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app, DEMO));
    const other = apiClient(app, await tokenFor(app, OTHER));
    expect((await demo('GET', '/General/Merchants/me')).body.user.companyname).toBe('Demo Shop GmbH');
    expect((await other('GET', '/General/Merchants/me')).body.user.companyname).toBe('Other Store AG');
  });

  it('seeds demo-client with a plan, two customers and a bank_account container of Max', async () => {
    const app = await makeApp();
    const call = apiClient(app, await tokenFor(app));
    const plans = (await call('GET', '/Payment/Plans')).body;
    expect(plans.count).toBe(1);
    expect(plans.data[0]).toMatchObject({ status: 'active', currency: 'EUR', billing_cycles: [{ price: 990 }] });
    const customers = (await call('GET', '/Payment/Customers')).body;
    expect(customers.data.map((c: any) => c.contact.name)).toEqual(['Max Mustermann', 'Erika Musterfrau']);
    const containers = (await call('GET', '/Payment/Containers')).body;
    expect(containers.count).toBe(1);
    expect(containers.data[0]).toMatchObject({
      type: 'bank_account',
      customer: { id: customers.data[0].id },
      private: { iban: 'DE89370400440532013000', owner: 'Max Mustermann', bic: 'COBADEFFXXX' },
    });
  });

  it('seeds Smart Transactions in created, approved (with subscription) and ok', async () => {
    const app = await makeApp();
    const call = apiClient(app, await tokenFor(app));
    const stx = (await call('GET', '/Smart/Transactions')).body.data;
    expect(stx.map((s: any) => s.status)).toEqual(['created', 'approved', 'ok']);
    const [created, approved, ok] = stx;
    expect(created).toMatchObject({ merchantRef: 'order-1001', basket_info: { sum: 2500 }, customer: { contact: { forename: 'Erika' } } });
    expect(created.transactions).toEqual([]);

    expect(approved).toMatchObject({ merchantRef: 'abo-2001', payment_method: 'debit', subscription: { object: 'payment.subscriptions' } });
    expect(approved.basket.products).toEqual([expect.objectContaining({ item_type: 'subscription', plan_id: (await call('GET', '/Payment/Plans')).body.data[0].id })]);
    const sub = (await call('GET', `/Payment/Subscriptions/${approved.subscription.id}`)).body;
    expect(sub.status).toBe('approved');

    expect(ok).toMatchObject({ merchantRef: 'order-1002', payment_method: 'debit', container: { type: 'bank_account' } });
    expect(ok.transactions).toHaveLength(1);
    expect((await call('GET', `/Payment/Transactions/${ok.transactions[0].id}/checkStatus`)).body).toMatchObject({ status_simple: 1, amount: 1999 });
  });

  it('seeds other-client with its own customer and an open Smart Transaction', async () => {
    const app = await makeApp();
    const call = apiClient(app, await tokenFor(app, OTHER));
    expect((await call('GET', '/Payment/Customers')).body.data.map((c: any) => c.contact.name)).toEqual(['Hans Meier']);
    expect((await call('GET', '/Smart/Transactions')).body.data.map((s: any) => s.status)).toEqual(['created']);
  });
});

describe('ids', () => {
  it('are the same in two apps built from the same scenario', async () => {
    const [a, b] = [await makeApp(), await makeApp()];
    const idsA = await idsOf(a);
    expect(idsA).toEqual(await idsOf(b));
    expect(await idsOf(a, OTHER)).toEqual(await idsOf(b, OTHER));
    for (const list of Object.values(idsA)) for (const id of list) expect(id).toMatch(/^[A-Z]{3}_[A-Z0-9]{30}$/);
  });

  it('continue the same sequence for objects made over the API', async () => {
    const [a, b] = [await makeApp(), await makeApp()];
    const create = async (app: FastifyInstance) =>
      (await apiClient(app, await tokenFor(app))('POST', '/Payment/Customers', { contact: { forename: 'Neu' } })).body.id;
    expect(await create(a)).toBe(await create(b));
  });

  it('differ between the two tenants', async () => {
    const app = await makeApp();
    const demo = await idsOf(app, DEMO);
    const other = await idsOf(app, OTHER);
    expect(demo.merchant).not.toEqual(other.merchant);
    expect(demo['/Payment/Customers']).not.toContain(other['/Payment/Customers'][0]);
  });
});

describe('POST /__mock/reset', () => {
  it('brings the state back: what was made is gone, what was changed is as seeded', async () => {
    const app = await makeApp();
    const seeded = await idsOf(app);
    const call = apiClient(app, await tokenFor(app));
    const customer = (await call('POST', '/Payment/Customers', { contact: { forename: 'Temp' } })).body;
    const plan = (await call('GET', '/Payment/Plans')).body.data[0];
    await call('PATCH', `/Payment/Plans/${plan.id}`, { status: 'inactive' });
    const okPci = (await call('GET', '/Smart/Transactions?q=status:ok')).body.data[0].transactions[0].id;
    await call('POST', `/Payment/Transactions/${okPci}/cancel`);

    const res = await app.inject({ method: 'POST', url: '/__mock/reset' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reset: 'all' });

    expect((await call('GET', `/Payment/Customers/${customer.id}`)).status).toBe(404);
    expect((await call('GET', `/Payment/Plans/${plan.id}`)).body).toEqual(plan);
    expect((await call('GET', `/Payment/Transactions/${okPci}/checkStatus`)).body.amount).toBe(1999);
    expect(await idsOf(app)).toEqual(seeded);
    // The id sequence is not: an id once handed out is never handed out again.
    expect((await call('POST', '/Payment/Customers', { contact: { forename: 'Temp' } })).body.id).not.toBe(customer.id);
  });

  it('keeps tokens issued before the reset valid', async () => {
    const app = await makeApp();
    const token = await tokenFor(app);
    expect((await app.inject({ method: 'POST', url: '/__mock/reset', headers: { 'content-type': 'application/json' }, payload: '' })).statusCode).toBe(200);
    const me = await apiClient(app, token)('GET', '/General/Merchants/me');
    expect(me.status).toBe(200);
  });

  it('resets one client only when client_id is given', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app, DEMO));
    const other = apiClient(app, await tokenFor(app, OTHER));
    const d = (await demo('POST', '/Payment/Customers', { contact: { forename: 'D' } })).body.id;
    const o = (await other('POST', '/Payment/Customers', { contact: { forename: 'O' } })).body.id;
    const res = await app.inject({ method: 'POST', url: '/__mock/reset', payload: { client_id: 'other-client' } });
    expect(res.json()).toEqual({ reset: 'other-client' });
    expect((await other('GET', `/Payment/Customers/${o}`)).status).toBe(404);
    expect((await demo('GET', `/Payment/Customers/${d}`)).status).toBe(200);
  });

  it('answers 404 for an unknown client_id and resets nothing', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app));
    const d = (await demo('POST', '/Payment/Customers', { contact: { forename: 'D' } })).body.id;
    const res = await app.inject({ method: 'POST', url: '/__mock/reset', payload: { client_id: 'nobody' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 'error', error: 'ProductNotFoundException' });
    expect((await demo('GET', `/Payment/Customers/${d}`)).status).toBe(200);
  });
});

describe('scenario validation', () => {
  async function buildError(scenario: unknown): Promise<string> {
    try {
      await makeApp({ scenario: scenario as Scenario });
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('buildApp accepted the scenario');
  }

  it('refuses a Smart Transaction status it cannot reach, naming clients[0].smart_transactions[0].status', async () => {
    const s = defaultScenario();
    s.clients[0].smart_transactions[0].status = 'bogus';
    const message = await buildError(s);
    expect(message).toContain('clients[0].smart_transactions[0].status');
    expect(message).toMatch(/created, approved/);
  });

  it('refuses an invalid IBAN, naming the container entry', async () => {
    const s = defaultScenario();
    s.clients[0].containers[0].private.iban = 'DE00123456780000000000';
    const message = await buildError(s);
    expect(message).toContain('clients[0].containers[0]');
    expect(message).toContain('max-account');
    expect(message).toMatch(/IBAN/);
  });

  it('refuses an unknown key, naming the entry and the key', async () => {
    const s = defaultScenario();
    s.clients[1].customers[0].nickname = 'Hansi';
    const message = await buildError(s);
    expect(message).toContain('clients[1].customers[0]');
    expect(message).toContain('nickname');
  });

  it('refuses a reference to a key that does not exist, naming the entry', async () => {
    const s = defaultScenario();
    s.clients[0].smart_transactions[1].plan = 'yearly';
    const message = await buildError(s);
    expect(message).toContain('clients[0].smart_transactions[1]');
  });

  it('refuses a scenario without clients', async () => {
    expect(await buildError({ name: 'empty' })).toMatch(/clients/);
    expect(await buildError({ clients: [] })).toMatch(/clients/);
  });

  it('refuses a client without a secret, naming it', async () => {
    const s = defaultScenario();
    delete s.clients[1].client_secret;
    expect(await buildError(s)).toContain('clients[1]');
  });
});

describe('scenario files (--fixtures)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secuconnect-mock-scenario-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds from a file path', async () => {
    const file = join(dir, 'small.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'small',
        clients: [
          {
            client_id: 'shop-a',
            client_secret: 'secret-a',
            merchant: { companyname: 'Shop A' },
            customers: [{ key: 'c', contact: { forename: 'Clara', surname: 'Kunde' } }],
            containers: [{ key: 'acc', customer: 'c', type: 'bank_account', private: { iban: 'DE02120300000000202051' } }],
          },
        ],
      }),
    );
    const app = await makeApp({ fixtures: file });
    expect(app.scenario.name).toBe('small');
    const call = apiClient(app, await tokenFor(app, { client_id: 'shop-a', client_secret: 'secret-a' }));
    expect((await call('GET', '/General/Merchants/me')).body.user.companyname).toBe('Shop A');
    expect((await call('GET', '/Payment/Customers')).body.data[0].contact.name).toBe('Clara Kunde');
    expect((await call('GET', '/Payment/Containers')).body.data[0].private.bic).toBe('BYLADEM1001');
    // The default clients do not exist in this scenario.
    const res = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', ...DEMO } });
    expect(res.statusCode).toBe(400);
  });

  it('fails with a message naming a missing file', async () => {
    const missing = join(dir, 'nope.json');
    await expect(makeApp({ fixtures: missing })).rejects.toThrow(missing);
  });

  it('fails with a message for a file that is not JSON', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "clients": [');
    await expect(makeApp({ fixtures: file })).rejects.toThrow(/not JSON/);
  });

  it('fails naming the file and the entry for an invalid file', async () => {
    const file = join(dir, 'bad.json');
    const s = defaultScenario();
    s.clients[0].smart_transactions[2].status = 'bogus';
    writeFileSync(file, JSON.stringify(s));
    const error = await makeApp({ fixtures: file }).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(error).toContain(file);
    expect(error).toContain('clients[0].smart_transactions[2].status');
  });
});
