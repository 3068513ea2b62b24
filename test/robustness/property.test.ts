// Property-based: random sequences of API and checkout calls on both tenants, checked after every
// call against a model of what each call should do (model.ts). The seed is fixed so a failure
// replays; FC_SEED and FC_RUNS explore further (`FC_RUNS=500 npx vitest run test/robustness/property`).
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { reachable } from '../../server/domain/lifecycle.js';
import { paymentTransactionStates } from '../../server/domain/payment-transaction-lifecycle.js';
import { smartTransactionLifecycle } from '../../server/domain/smart-transaction-lifecycle.js';
import { subscriptionLifecycle } from '../../server/domain/subscription-lifecycle.js';
import { DEMO, makeApp, OTHER, pageUrl, tokenFor } from '../helpers.js';
import { FAIL, IBAN, seedModel, type Action, type Expectation, type TenantModel, type TenantName } from './model.js';

const SEED = Number(process.env.FC_SEED ?? 20_240_611);
const RUNS = Number(process.env.FC_RUNS ?? 50);
const STX_REACHABLE = reachable(smartTransactionLifecycle, 'created');
const SUB_REACHABLE = reachable(subscriptionLifecycle, 'approved');
const STATUSES = [...STX_REACHABLE];

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const tenant = fc.constantFrom<TenantName>('demo', 'demo', 'demo', 'other');
const target = fc.nat({ max: 999 });
const amount = fc.oneof(fc.integer({ min: -5, max: 2600 }), fc.constantFrom(0, 1, 990, 1999, 2500));
const arb = <K extends Action['kind']>(weight: number, a: fc.Arbitrary<Extract<Action, { kind: K }>>) => ({ weight, arbitrary: a as fc.Arbitrary<Action> });

const create = fc.record({
  kind: fc.constant('create'),
  tenant,
  basket: fc.constantFrom('none', 'articles', 'subscription'),
  sum: fc.constantFrom(100, 990, 1999, 2500, 9901),
  autoCapture: opt(fc.boolean()),
  intent: opt(fc.constantFrom('sale', 'order', 'order')),
  delivery: opt(fc.constantFrom('shipping', 'collection')),
  customer: fc.boolean(),
  container: fc.boolean(),
});

const action: fc.Arbitrary<Action> = fc.oneof(
  arb(4, create),
  arb(6, fc.record({ kind: fc.constant('prepare'), tenant, target, method: fc.constantFrom('debit', 'debit', 'invoice', 'prepaid', 'creditcard', 'paypal', 'sofort', 'cash'), container: opt(fc.constantFrom('A', 'B')) })),
  // `same`: the method the transaction was prepared for.
  arb(6, fc.record({ kind: fc.constant('start'), tenant, target, method: opt(fc.constantFrom('same', 'same', 'same', 'debit', 'prepaid', 'creditcard', 'invoice', 'paypal', 'cash')) })),
  arb(3, fc.record({ kind: fc.constant('approve'), tenant, target, method: opt(fc.constantFrom('debit', 'creditcard', 'paypal', 'invoice', 'prepaid')) })),
  arb(2, fc.record({ kind: fc.constantFrom('decline', 'settle'), tenant, target })),
  arb(3, fc.record({ kind: fc.constantFrom('cancel', 'abort', 'setDelivery'), tenant, target })),
  arb(2, fc.record({ kind: fc.constant('put'), tenant, target, change: fc.constantFrom('ref', 'sum', 'autoCapture', 'intent'), sum: fc.constantFrom(500, 990, 2500, 9902), flag: fc.boolean() })),
  arb(5, fc.record({ kind: fc.constant('pciCancel'), tenant, target, by: opt(amount), field: fc.constantFrom('reduce_amount_by', 'amount') })),
  arb(3, fc.record({ kind: fc.constant('pciCapture'), tenant, target, amount: opt(amount) })),
  arb(2, fc.record({ kind: fc.constant('read'), tenant, target, what: fc.constantFrom('stx', 'pci', 'checkStatus', 'listByStatus') })),
);

/**
 * A flow through the guide on a new transaction (create, prepare, the payer's answer or the advance
 * payment, capture, delivery), so that random sequences also reach the later statuses. Target 0 is
 * the acting tenant's newest object. Steps may fail (a declined amount, a method that does not fit):
 * the model knows.
 */
const flow: fc.Arbitrary<Action[]> = fc
  .record({
    create,
    method: fc.constantFrom('debit', 'invoice', 'prepaid', 'creditcard', 'paypal', 'sofort'),
    answer: fc.constantFrom('approve', 'approve', 'decline'),
    capture: fc.constantFrom('start', 'pciCapture', 'none'),
  })
  .map(({ create: c, method, answer, capture }) => {
    const t = c.tenant;
    const steps: Action[] = [c, { kind: 'prepare', tenant: t, target: 0, method, container: method === 'debit' && !c.container ? 'B' : undefined }];
    if (['creditcard', 'paypal', 'sofort'].includes(method)) steps.push({ kind: answer as 'approve', tenant: t, target: 0 });
    if (method === 'prepaid') steps.push({ kind: 'settle', tenant: t, target: 0 });
    if (capture === 'start') steps.push({ kind: 'start', tenant: t, target: 0, method: 'same' });
    if (capture === 'pciCapture') steps.push({ kind: 'pciCapture', tenant: t, target: 0 });
    steps.push({ kind: 'setDelivery', tenant: t, target: 0 });
    return steps;
  });

/** Up to 25 calls: single random actions mixed with flows. */
const sequence = fc
  .array(fc.oneof({ weight: 4, arbitrary: action.map((a) => [a]) }, { weight: 1, arbitrary: flow }), { minLength: 1, maxLength: 15, size: 'max' })
  .map((parts) => parts.flat().slice(0, 25));

interface Request {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: unknown;
  /** The tenant whose token is sent; none on the control plane. */
  as?: TenantName;
}

type Snapshot = Record<string, unknown>;

/** One app, its two tenants' models, and what each tenant's lists showed after the last call. */
class World {
  private last = {} as Record<TenantName, Snapshot>;
  private constructor(
    readonly app: FastifyInstance,
    private readonly tokens: Record<TenantName, string>,
    readonly models: Record<TenantName, TenantModel>,
  ) {}

  static async start(): Promise<World> {
    const app = await makeApp();
    const tokens = { demo: await tokenFor(app, DEMO), other: await tokenFor(app, OTHER) };
    const world = new World(app, tokens, {} as Record<TenantName, TenantModel>);
    for (const name of ['demo', 'other'] as const) {
      const get = (path: string) => world.send({ method: 'GET', url: `/api/v2${path}?count=1000`, as: name }).then((r) => r.json().data);
      const plans = await get('/Payment/Plans');
      const lists = { stx: await get('/Smart/Transactions'), pci: await get('/Payment/Transactions'), subs: await get('/Payment/Subscriptions'), containers: await get('/Payment/Containers') };
      world.models[name] = seedModel(name, plans[0]?.id, lists);
      world.last[name] = await world.snapshot(name);
    }
    return world;
  }

  send(r: Request) {
    return this.app.inject({
      method: r.method,
      url: r.url,
      headers: {
        accept: 'application/json',
        ...(r.as ? { authorization: `Bearer ${this.tokens[r.as]}` } : {}),
        ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: r.body === undefined ? undefined : JSON.stringify(r.body),
    });
  }

  /**
   * The object an action works on: mostly the acting tenant's newest or one of its three newest (so flows go deep),
   * sometimes any of its own, and one time in ten any tenant's or an id nobody has.
   */
  private pick<T>(kind: 'stx' | 'pci', n: number, acting?: TenantName): { id: string; owner?: TenantModel; item?: T } {
    const entries = (t: TenantName) => [...this.models[t][kind].values()].map((item) => ({ item: item as T, owner: this.models[t] }));
    const own = acting ? entries(acting) : [];
    let hit: { item: T; owner: TenantModel } | undefined;
    if (own.length && n % 10 < 4) hit = own[own.length - 1];
    else if (own.length && n % 10 < 6) hit = own[own.length - 1 - (Math.floor(n / 10) % Math.min(3, own.length))];
    else if (own.length && n % 10 < 9) hit = own[Math.floor(n / 10) % own.length];
    else {
      const all = [...entries('demo'), ...entries('other')];
      hit = all[Math.floor(n / 10) % (all.length + 1)];
    }
    return hit ? { id: (hit.item as { id: string }).id, ...hit } : { id: `${kind === 'stx' ? 'STX' : 'PCI'}_${'X'.repeat(30)}` };
  }

  /** The request of an action and what the model expects of it. */
  plan(a: Action): { request: Request; expected: Expectation } {
    const models = this.models;
    if (a.kind === 'create') return { request: { method: 'POST', url: '/api/v2/Smart/Transactions', body: createBody(a, models.demo.planId), as: a.tenant }, expected: models[a.tenant].create(a) };
    if (a.kind === 'pciCancel' || a.kind === 'pciCapture' || (a.kind === 'read' && a.what !== 'stx' && a.what !== 'listByStatus')) {
      const { id, owner, item: p } = this.pick<any>('pci', a.target, a.tenant);
      const own = owner === models[a.tenant] ? owner : undefined;
      const url = `/api/v2/Payment/Transactions/${id}`;
      if (a.kind === 'pciCancel') {
        const body = a.by === undefined ? undefined : { [a.field]: a.by };
        return { request: { method: 'POST', url: `${url}/cancel`, body, as: a.tenant }, expected: own ? own.pciCancel(p, a.by) : FAIL };
      }
      if (a.kind === 'pciCapture') {
        const body = a.amount === undefined ? undefined : { amount: a.amount };
        return { request: { method: 'POST', url: `${url}/capture`, body, as: a.tenant }, expected: own ? own.pciCapture(p, a.amount) : FAIL };
      }
      const read = (body: any) => expect(a.what === 'pci' ? body.details.amount : body.amount, `amount of ${id}`).toBe(own!.effective(p));
      return { request: { method: 'GET', url: a.what === 'pci' ? url : `${url}/checkStatus`, as: a.tenant }, expected: own ? { ok: true, apply: read } : FAIL };
    }
    if (a.kind === 'read' && a.what === 'listByStatus') {
      const status = STATUSES[a.target % STATUSES.length];
      const apply = (body: any) =>
        expect(body.data.map((s: any) => s.id)).toEqual([...models[a.tenant].stx.values()].filter((s) => s.status === status).map((s) => s.id));
      return { request: { method: 'GET', url: `/api/v2/Smart/Transactions?count=1000&q=status:${status}`, as: a.tenant }, expected: { ok: true, apply } };
    }
    const { id, owner, item: s } = this.pick<any>('stx', a.target, a.tenant);
    const stx = `/Smart/Transactions/${id}`;
    // The control plane finds a transaction of any tenant; the API only the caller's own.
    if (a.kind === 'approve' || a.kind === 'decline' || a.kind === 'settle') {
      // The payer's answers carry the page secret of the link the payer followed.
      const url = a.kind === 'settle' ? `/__mock/smart-transactions/${id}/settle` : pageUrl(this.app, id, `/__mock/checkout/${id}/${a.kind}`);
      const body = a.kind === 'approve' && a.method ? { method: a.method } : undefined;
      const expected = !owner ? FAIL : a.kind === 'approve' ? owner.approve(s, a.method) : a.kind === 'decline' ? owner.decline(s) : owner.settle(s);
      return { request: { method: 'POST', url, body }, expected };
    }
    const acting = (a as { tenant: TenantName }).tenant;
    const own = owner === models[acting] ? owner : undefined;
    const api = (method: Request['method'], url: string, body: unknown, expected: () => Expectation) => ({
      request: { method, url: `/api/v2${url}`, body, as: acting },
      expected: own ? expected() : FAIL,
    });
    switch (a.kind) {
      case 'prepare': {
        const body = a.container ? { container: { type: 'bank_account', private: { iban: IBAN[a.container], owner: 'Max Mustermann' } } } : undefined;
        return api('POST', `${stx}/prepare/${a.method}`, body, () => {
          const p = own!.prepare(s, a.method, a.container && IBAN[a.container]);
          return p ? { ok: true, owner: own, apply: p.apply } : FAIL;
        });
      }
      case 'start': {
        const method = a.method === 'same' ? s?.method : a.method;
        return api('POST', method ? `${stx}/start/${method}` : `${stx}/start`, undefined, () => own!.start(s, method));
      }
      case 'cancel':
      case 'abort':
        return api('POST', `${stx}/${a.kind}`, undefined, () => own!.cancel(s, a.kind as 'cancel'));
      case 'setDelivery':
        return api('POST', `${stx}/setDelivery`, { delivery_options: { shipped_by: 'DHL' } }, () => own!.setDelivery(s));
      case 'put':
        return api('PUT', stx, putBody(a), () => own!.put(s, a));
      default: // read one
        return api('GET', stx, undefined, () => ({ ok: true, apply: (body: any) => expect(body.status).toBe(s.status) }));
    }
  }

  async run(a: Action, step: number): Promise<void> {
    const { request, expected } = this.plan(a);
    const res = await this.send(request);
    if (process.env.FC_STATS) stats.push(`${a.kind}${'method' in a && a.method ? '/' + a.method : ''} ${res.statusCode} ${expected.ok ? 'ok' : 'fail'}`);
    const where = `step ${step}: ${JSON.stringify(a)} = ${request.method} ${request.url} ${JSON.stringify(request.body) ?? ''} -> ${res.statusCode} ${res.body.slice(0, 400)}`;
    expect(res.statusCode, where).toBeLessThan(500);
    if (expected.ok) {
      expect(res.statusCode, where).toBe(200);
      expected.apply(res.json());
    } else {
      expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
      expect(res.json(), where).toMatchObject({ status: 'error', supportId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    }
    await this.check(expected.ok ? expected.owner : undefined, where);
  }

  /** What GETs show of a tenant: its lists, whole. */
  private async snapshot(name: TenantName): Promise<Snapshot> {
    const out: Snapshot = {};
    for (const path of ['/Smart/Transactions', '/Payment/Transactions', '/Payment/Subscriptions', '/Payment/Customers', '/Payment/Containers']) {
      const res = await this.send({ method: 'GET', url: `/api/v2${path}?count=1000`, as: name });
      expect(res.statusCode).toBe(200);
      out[path] = res.json();
    }
    return out;
  }

  /** After every call: the invariants, the model against the lists, and unchanged tenants unchanged. */
  private async check(changed: TenantModel | undefined, where: string) {
    for (const name of ['demo', 'other'] as const) {
      const m = this.models[name];
      const snap = await this.snapshot(name);
      if (m !== changed) expect(snap, `${where}: ${name}'s state changed`).toEqual(this.last[name]);
      this.last[name] = snap;
      const stx = (snap['/Smart/Transactions'] as any).data as any[];
      const subs = (snap['/Payment/Subscriptions'] as any).data as any[];
      const pcis = (snap['/Payment/Transactions'] as any).data as any[];
      for (const s of stx) expect(STX_REACHABLE.has(s.status), `${where}: ${s.id} in ${s.status}`).toBe(true);
      for (const s of subs) expect(SUB_REACHABLE.has(s.status), `${where}: ${s.id} in ${s.status}`).toBe(true);
      expect(Object.fromEntries(stx.map((s) => [s.id, s.status])), `${where}: ${name}'s Smart Transactions`).toEqual(
        Object.fromEntries([...m.stx.values()].map((s) => [s.id, s.status])),
      );
      expect(Object.fromEntries(subs.map((s) => [s.id, s.status])), `${where}: ${name}'s subscriptions`).toEqual(Object.fromEntries(m.subs));
      expect(
        Object.fromEntries(pcis.filter((p) => !p.parents?.length).map((p) => [p.id, p.status])),
        `${where}: ${name}'s payment transactions`,
      ).toEqual(Object.fromEntries([...m.pci.values()].map((p) => [p.id, paymentTransactionStates[p.state].status])));
      expect(pcis.filter((p) => p.parents?.length).length, `${where}: ${name}'s refunds`).toBe(m.refunds);
      for (const p of m.pci.values()) {
        const res = await this.send({ method: 'GET', url: `/api/v2/Payment/Transactions/${p.id}/checkStatus`, as: name });
        expect(res.json().amount, `${where}: checkStatus of ${p.id} (${p.state}, ${p.amount} - ${p.refunded} refunded)`).toBe(m.effective(p));
      }
    }
  }
}

function createBody(a: Extract<Action, { kind: 'create' }>, planId: string | undefined) {
  const body: Record<string, unknown> = { transactionRef: 'Order 1', merchantRef: 'order-1', basket_info: { sum: a.sum, currency: 'EUR' } };
  if (a.basket === 'articles') {
    body.basket = {
      products: [
        { item_type: 'article', desc: 'Mug', quantity: 1, priceOne: a.sum - 100 },
        { item_type: 'shipping', desc: 'Versand', quantity: 1, priceOne: 100 },
      ],
    };
  }
  // The other tenant has no plan: its subscription basket names the demo tenant's, which it cannot see.
  if (a.basket === 'subscription') body.basket = { products: [{ item_type: 'subscription', desc: 'Abo', quantity: 1, priceOne: a.sum, plan_id: planId }] };
  if (a.autoCapture !== undefined) body.payment_context = { auto_capture: a.autoCapture };
  if (a.intent) body.intent = a.intent;
  if (a.delivery) body.delivery_options = { type: a.delivery };
  if (a.customer) body.customer = { contact: { forename: 'Max', surname: 'Mustermann', email: 'max@example.net' } };
  if (a.container) body.container = { type: 'bank_account', private: { iban: IBAN.A, owner: 'Max Mustermann' } };
  return body;
}

function putBody(a: Extract<Action, { kind: 'put' }>) {
  if (a.change === 'sum') return { basket_info: { sum: a.sum, currency: 'EUR' } };
  if (a.change === 'autoCapture') return { payment_context: { auto_capture: a.flag } };
  if (a.change === 'intent') return { intent: a.flag ? 'order' : 'sale' };
  return { transactionRef: 'Order 1, changed' };
}

const stats: string[] = [];

it('keeps every object in a reachable status, checkStatus at the modelled captured minus refunded amount, and failed calls without effect', async () => {
  await fc.assert(
    fc.asyncProperty(sequence, async (actions) => {
      const world = await World.start();
      try {
        for (const [i, a] of actions.entries()) await world.run(a, i);
      } finally {
        await world.app.close();
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  if (process.env.FC_STATS) {
    const tally: Record<string, number> = {};
    for (const s of stats) tally[s] = (tally[s] ?? 0) + 1;
    console.log(Object.entries(tally).sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
  }
}, 120_000);
