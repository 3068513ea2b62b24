// Memory per stored Smart Transaction and the time a tenant reset takes, in-process.
//   node --expose-gc bench/memory.mjs [--tenants 100] [--per-tenant 1000] [--warmup 5000] [--resets 9] [--json]
// Every Smart Transaction is created through app.inject, the path a real request takes (JSON
// parse, schema validation with its defaults, domain, store), and the app keeps it.
import { parseArgs } from 'node:util';
import { buildApp } from '../dist/server/app.js';
import { createBody, tenantsScenario } from './fixtures.mjs';
import { median, round } from './lib.mjs';

if (typeof globalThis.gc !== 'function') {
  process.stderr.write('bench/memory.mjs needs node --expose-gc\n');
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '100' },
    'per-tenant': { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '5000' },
    resets: { type: 'string', default: '9' },
    'reset-objects': { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const TENANTS = Number(values.tenants);
const PER_TENANT = Number(values['per-tenant']);
const WARMUP = Number(values.warmup);
const RESETS = Number(values.resets);
const RESET_OBJECTS = Number(values['reset-objects']);

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Lets the event loop run what inject left for it (sockets' immediates hold the requests), then
 * collects; `returnMs` gives V8 time to hand the pages it freed back to the system (it does that on
 * a thread of its own, after the collection returns), for a reading of RSS.
 */
async function settle(returnMs = 0) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let i = 0; i < 4; i++) globalThis.gc();
  if (returnMs > 0) await new Promise((resolve) => setTimeout(resolve, returnMs));
  return process.memoryUsage();
}

async function token(app, client_id, client_secret) {
  const res = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id, client_secret } });
  return res.json().access_token;
}

/** Creates `count` Smart Transactions for one tenant, `batch` requests in flight at a time. */
async function createMany(app, auth, customerId, count, batch = 50) {
  const payload = JSON.stringify(createBody(customerId));
  const headers = { authorization: `Bearer ${auth}`, 'content-type': 'application/json' };
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    const answers = await Promise.all(
      Array.from({ length: n }, () => app.inject({ method: 'POST', url: '/api/v2/Smart/Transactions', headers, payload })),
    );
    for (const a of answers) if (a.statusCode !== 200) throw new Error(`create answered ${a.statusCode}: ${a.body}`);
    // inject resolves in microtasks: without a turn of the event loop, every request of the loop
    // would stay reachable from a pending immediate, as no server ever lets happen.
    await turn();
  }
}

async function tenantSetup(app, clientId, secret) {
  const auth = await token(app, clientId, secret);
  const customerId = app.store.tenant(clientId).customers.values().next().value.id;
  return { auth, customerId };
}

async function memoryPerStx() {
  // The tenants live in the scenario; a warm-up tenant pays the fixed costs before the baseline.
  const scenario = tenantsScenario(TENANTS);
  scenario.clients.push(...tenantsScenario(1, { prefix: 'warmup' }).clients);
  const app = await buildApp({ scenario, logLevel: 'silent', journalSize: 0 });
  const tenants = [];
  for (const c of scenario.clients) tenants.push({ clientId: c.client_id, ...(await tenantSetup(app, c.client_id, c.client_secret)) });
  const warm = tenants.pop();
  // Large enough that the JIT's code and the young generation's growth (fixed costs, not per object)
  // are paid before the baseline: with 1 000 they added 0.1–0.3 KiB to the figure.
  await createMany(app, warm.auth, warm.customerId, WARMUP);

  const before = await settle(1000);
  const started = performance.now();
  for (const t of tenants) await createMany(app, t.auth, t.customerId, PER_TENANT);
  const seconds = (performance.now() - started) / 1000;
  const after = await settle(1000);
  const stored = TENANTS * PER_TENANT;
  let count = 0;
  for (const t of app.store.allTenants()) count += t.smartTransactions.size;
  await app.close();
  return {
    stored_smart_transactions: stored,
    tenants: TENANTS,
    smart_transactions_in_store: count,
    create_seconds: round(seconds, 1),
    rss_before_mib: round(before.rss / 2 ** 20, 1),
    rss_after_mib: round(after.rss / 2 ** 20, 1),
    rss_kib_per_stx: round((after.rss - before.rss) / 1024 / stored, 3),
    heap_used_kib_per_stx: round((after.heapUsed - before.heapUsed) / 1024 / stored, 3),
    heap_total_kib_per_stx: round((after.heapTotal - before.heapTotal) / 1024 / stored, 3),
    external_kib_per_stx: round((after.external - before.external) / 1024 / stored, 3),
  };
}

async function resetTime() {
  // A tenant whose baseline holds RESET_OBJECTS Smart Transactions (plus its customer and account),
  // and that has created as many again before each reset.
  const scenario = tenantsScenario(1, { prefix: 'reset', withStx: RESET_OBJECTS });
  const app = await buildApp({ scenario, logLevel: 'silent', journalSize: 0 });
  const clientId = scenario.clients[0].client_id;
  const { auth, customerId } = await tenantSetup(app, clientId, scenario.clients[0].client_secret);
  const tenant = app.store.tenant(clientId);
  const viaHttp = [];
  const storeOnly = [];
  for (let i = 0; i < RESETS; i++) {
    await createMany(app, auth, customerId, RESET_OBJECTS);
    if (tenant.smartTransactions.size !== 2 * RESET_OBJECTS) throw new Error(`tenant holds ${tenant.smartTransactions.size}`);
    // The creates' garbage is collected first: the figure is the reset, not their leftovers.
    await settle();
    let t = performance.now();
    const res = await app.inject({ method: 'POST', url: '/__mock/reset', payload: { client_id: clientId } });
    viaHttp.push(performance.now() - t);
    if (res.statusCode !== 200 || tenant.smartTransactions.size !== RESET_OBJECTS) throw new Error(`reset answered ${res.statusCode}: ${res.body}`);
    await createMany(app, auth, customerId, RESET_OBJECTS);
    await settle();
    t = performance.now();
    app.store.reset(clientId);
    storeOnly.push(performance.now() - t);
  }
  await app.close();
  return {
    baseline_objects: RESET_OBJECTS,
    created_before_each_reset: RESET_OBJECTS,
    resets: RESETS,
    reset_ms_median: round(median(viaHttp), 3),
    reset_ms_max: round(Math.max(...viaHttp), 3),
    store_reset_ms_median: round(median(storeOnly), 3),
  };
}

const result = { memory: await memoryPerStx(), reset: await resetTime() };
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else console.log(result);
