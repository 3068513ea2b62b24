// Tenant isolation: no route reveals another tenant's object — not in reads, actions, lists, `q`
// queries, ids referenced in bodies, or the wording of errors. Both tenants first get an object
// of every kind (the other tenant's scenario has no plan, container or payment), then every route
// with an id in its path (from GET /openapi.json) is called with the other tenant's ids, both ways.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, DEMO, expectEnvelope, makeApp, OTHER, tokenFor, type ApiResponse } from '../helpers.js';

type Tenant = 'demo' | 'other';
type Call = ReturnType<typeof apiClient>;

const app: FastifyInstance = await makeApp();
afterAll(() => app.close());
const calls: Record<Tenant, Call> = { demo: apiClient(app, await tokenFor(app, DEMO)), other: apiClient(app, await tokenFor(app, OTHER)) };
const ID = /[A-Z]{3}_[A-Z0-9]{30}/g;
const IBAN = 'DE02120300000000202051';

/** A customer, bank account, plan, and a subscription transaction prepared by debit (payment + subscription). */
async function furnish(call: Call, name: string) {
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const customer = await ok('POST', '/Payment/Customers', { contact: { forename: 'Iso', surname: name, email: `${name}@example.net` } });
  const container = await ok('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: customer.id }, private: { iban: IBAN, owner: `Iso ${name}` } });
  const plan = await ok('POST', '/Payment/Plans', {
    description: `${name} plan`,
    currency: 'EUR',
    billing_cycles: [{ sequence: 1, interval: { unit: 'month', count: 1 }, tenure_type: 'regular', total_cycles: 12, price: 500 }],
  });
  const stx = await ok('POST', '/Smart/Transactions', {
    customer: { id: customer.id },
    basket: { products: [{ item_type: 'subscription', desc: 'Abo', quantity: 1, priceOne: 500, plan_id: plan.id }] },
    basket_info: { sum: 500, currency: 'EUR' },
  });
  await ok('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { id: container.id } });
}
await furnish(calls.demo, 'Demo');
await furnish(calls.other, 'Other');

const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
);
const listRoutes = operations.filter((o) => o.method === 'GET' && o.op.parameters?.some((p: any) => p.in === 'query' && p.name === 'q'));
const itemRoutes = operations.filter((o) => o.path.startsWith('/api/v2') && o.path.includes('{'));

/** Each path parameter's id for a tenant: the newest object of the list above it; enums take a real value. */
async function idsOf(tenant: Tenant) {
  const ids: Record<string, string> = {};
  for (const { path, op } of itemRoutes) {
    for (const p of op.parameters.filter((x: any) => x.in === 'path')) {
      if (ids[p.name]) continue;
      if (p.schema.enum) ids[p.name] = 'debit';
      else {
        const list = (await calls[tenant]('GET', `${path.slice(0, path.indexOf(`/{${p.name}}`)).replace('/api/v2', '')}?count=1000`)).body;
        ids[p.name] = list.data.at(-1).id;
      }
    }
  }
  return ids;
}
const ids: Record<Tenant, Record<string, string>> = { demo: await idsOf('demo'), other: await idsOf('other') };

/** Everything a tenant's lists show, and every id found anywhere in them. */
async function lists(tenant: Tenant) {
  const out: Record<string, any> = {};
  for (const { path } of listRoutes) out[path] = (await calls[tenant]('GET', `${path.replace('/api/v2', '')}?count=1000`)).body;
  return { out, ids: new Set(JSON.stringify(out).match(ID)) };
}
const initial = { demo: await lists('demo'), other: await lists('other') };

/** Bodies that pass validation, so that the id lookup is what answers. */
const BODIES: Record<string, unknown> = {
  'PUT /api/v2/Smart/Transactions/{smartTransactionId}': { transactionRef: 'isolation' },
  'PUT /api/v2/Payment/Customers/{paymentCustomerId}': { contact: { forename: 'Eve' } },
  'PUT /api/v2/Payment/Containers/{paymentContainerId}': { type: 'bank_account', private: { iban: IBAN, owner: 'Eve' } },
  'PUT /api/v2/Payment/Plans/{paymentPlanId}': { description: 'Eve' },
  'PATCH /api/v2/Payment/Plans/{paymentPlanId}': { description: 'Eve' },
};

const fill = (path: string, values: Record<string, string>) => path.replace('/api/v2', '').replace(/\{(\w+)\}/g, (_, n) => values[n]);
const unknownLike = (id: string) => `${id.slice(0, 4)}${'Z'.repeat(30)}`;

/** The foreign id's answer is the unknown id's answer, word for word but for the id itself. */
function expectLikeUnknown(foreign: ApiResponse, unknown: ApiResponse, foreignId: string, unknownId: string, where: string) {
  expectEnvelope(foreign, 404, 'ProductNotFoundException');
  expectEnvelope(unknown, 404, 'ProductNotFoundException');
  expect(foreign.body.code, where).toBe(unknown.body.code);
  expect(foreign.body.error_details.replaceAll(foreignId, '<id>'), where).toBe(unknown.body.error_details.replaceAll(unknownId, '<id>'));
  expect(foreign.body.error_user, where).toBe(unknown.body.error_user);
  expect(foreign.body.error_details.match(ID) ?? [], where).toEqual(foreign.body.error_details.includes(foreignId) ? [foreignId] : []);
}

const pairs: Array<[Tenant, Tenant]> = [['other', 'demo'], ['demo', 'other']];

describe.each(itemRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (key, route) => {
  it("answers the other tenant's id exactly as an unknown one (404), both ways, and changes nothing", async () => {
    const body = BODIES[key];
    for (const [asker, owner] of pairs) {
      for (const p of route.op.parameters.filter((x: any) => x.in === 'path' && !x.schema.enum)) {
        const foreignId = ids[owner][p.name];
        const unknownId = unknownLike(foreignId);
        const foreign = await calls[asker](route.method, fill(route.path, { ...ids[asker], [p.name]: foreignId }), body);
        const unknown = await calls[asker](route.method, fill(route.path, { ...ids[asker], [p.name]: unknownId }), body);
        expectLikeUnknown(foreign, unknown, foreignId, unknownId, `${asker} asking ${route.method} ${route.path} for ${owner}'s ${p.name}`);
      }
    }
    for (const t of ['demo', 'other'] as const) expect((await lists(t)).out).toEqual(initial[t].out);
  });
});

describe('lists', () => {
  it("never show an id of the other tenant, anywhere in their JSON", () => {
    expect(initial.demo.ids.size).toBeGreaterThan(10);
    expect(initial.other.ids.size).toBeGreaterThan(10);
    for (const id of initial.demo.ids) expect(initial.other.ids.has(id), id).toBe(false);
  });

  it("find nothing with a q on the other tenant's ids", async () => {
    for (const [asker, owner] of pairs) {
      for (const { path } of listRoutes) {
        for (const id of initial[owner].ids) {
          for (const q of [`id:${id}`, `id:"${id}"`, `id:${id.slice(0, 10)}*`]) {
            const res = await calls[asker]('GET', `${path.replace('/api/v2', '')}?q=${encodeURIComponent(q)}&count=1000`);
            expect(res.status).toBe(200);
            expect(JSON.stringify(res.body).match(ID)?.filter((x) => initial[owner].ids.has(x)) ?? [], `${asker} ${path}?q=${q}`).toEqual([]);
          }
        }
      }
    }
  });
});

describe('ids referenced in request bodies', () => {
  it("are refused like unknown ones (404) and nothing is created", async () => {
    for (const [asker, owner] of pairs) {
      const own = ids[asker];
      const theirs = ids[owner];
      const cases: Array<[string, string, (id: string) => unknown, string]> = [
        ['POST', '/Smart/Transactions', (id) => ({ customer: { id }, basket_info: { sum: 100, currency: 'EUR' } }), theirs.paymentCustomerId],
        ['POST', '/Smart/Transactions', (id) => ({ container: { id }, basket_info: { sum: 100, currency: 'EUR' } }), theirs.paymentContainerId],
        ['POST', '/Smart/Transactions', (id) => ({ basket: { products: [{ item_type: 'subscription', desc: 'Abo', quantity: 1, priceOne: 100, plan_id: id }] }, basket_info: { sum: 100, currency: 'EUR' } }), theirs.paymentPlanId],
        ['POST', '/Smart/Transactions', (id) => ({ shipping_address: { id }, basket_info: { sum: 100, currency: 'EUR' } }), theirs.paymentCustomerId],
        ['POST', '/Payment/Containers', (id) => ({ type: 'bank_account', customer: { id }, private: { iban: 'DE89370400440532013000', owner: 'Eve' } }), theirs.paymentCustomerId],
        ['POST', `/Smart/Transactions/${own.smartTransactionId}/prepare/debit`, (id) => ({ container: { id } }), theirs.paymentContainerId],
        ['POST', `/Smart/Transactions/${own.smartTransactionId}/prepare/debit`, (id) => ({ customer: { id } }), theirs.paymentCustomerId],
      ];
      for (const [method, path, body, foreignId] of cases) {
        const unknownId = unknownLike(foreignId);
        const where = `${asker}: ${method} ${path} naming ${owner}'s ${foreignId}`;
        expectLikeUnknown(await calls[asker](method, path, body(foreignId)), await calls[asker](method, path, body(unknownId)), foreignId, unknownId, where);
      }
    }
    for (const t of ['demo', 'other'] as const) expect((await lists(t)).out).toEqual(initial[t].out);
  });
});
