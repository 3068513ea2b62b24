// The worst list calls at 100 000 stored Smart Transactions in one tenant, in-process: for each
// call the wall time and the longest stretch the event loop was held (a 1 ms heartbeat timer's
// largest lateness, and monitorEventLoopDelay's max), and the longest garbage-collection pause that
// fell inside the call, which the block includes. `npm run build` first.
//
//   node bench/list-worst-case.mjs [--objects 100000] [--rounds 3]
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../dist/server/app.js';
import { createSmartTransaction } from '../dist/server/domain/smart-transactions.js';
import { createBody } from './fixtures.mjs';
import { median, round } from './lib.mjs';

const { values: args } = parseArgs({ options: { objects: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' } } });
const OBJECTS = Number(args.objects);
const ROUNDS = Number(args.rounds);

const app = await buildApp({ logLevel: 'silent' });
const tenant = app.store.tenant('demo-client');
const customer = tenant.customers.values().next().value;
const ctx = { tenant, baseUrl: 'http://localhost' };
const seeded = performance.now();
for (let n = tenant.smartTransactions.size; n < OBJECTS; n++) createSmartTransaction(ctx, createBody(customer.id, n));
const seedMs = performance.now() - seeded;

const tokenRes = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' } });
const auth = `Bearer ${tokenRes.json().access_token}`;

const long = 'a'.repeat(253);
const cases = [
  ['plain page', '/api/v2/Smart/Transactions'],
  ['count max (1000)', '/api/v2/Smart/Transactions?count=1000'],
  ['count max, last page', `/api/v2/Smart/Transactions?count=1000&offset=${OBJECTS - 1000}`],
  ['q exact, no match', '/api/v2/Smart/Transactions?q=merchantRef:nothing'],
  ['q wildcard, all match', `/api/v2/Smart/Transactions?q=${encodeURIComponent('transactionRef:Order*')}`],
  ['q hostile wildcard', `/api/v2/Smart/Transactions?q=${encodeURIComponent(`customer.contact.surname:*${long}b*`)}`],
  ['q hostile ?', `/api/v2/Smart/Transactions?q=${encodeURIComponent(`transactionRef:*${'?r'.repeat(30)}*`)}`],
  ['q nested, 2 terms', `/api/v2/Smart/Transactions?q=${encodeURIComponent('customer.contact.surname:Muster* AND basket_info.sum:[1000 TO *]')}`],
  ['sort string desc', '/api/v2/Smart/Transactions?sort=merchantRef:desc'],
  ['sort + q + count max', `/api/v2/Smart/Transactions?sort=merchantRef:desc,id:asc&q=${encodeURIComponent('status:created')}&count=1000`],
];

let gcPauses = [];
new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => e.duration))).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The longest the loop was held while `run` was in flight, by a 1 ms heartbeat. */
async function measure(run) {
  await settle();
  gcPauses = [];
  const h = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let worst = 0;
  const beat = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  h.enable();
  const started = performance.now();
  const res = await run();
  const wall = performance.now() - started;
  h.disable();
  clearInterval(beat);
  worst = Math.max(worst, performance.now() - last);
  await settle(); // GC entries are reported a tick late
  return { res, wall, block: worst, elMax: h.max / 1e6, gcMax: Math.max(0, ...gcPauses) };
}

const rows = [];
for (const [name, url] of cases) {
  const runs = [];
  let status;
  let count;
  for (let r = 0; r < ROUNDS; r++) {
    const m = await measure(() => app.inject({ method: 'GET', url, headers: { authorization: auth } }));
    status = m.res.statusCode;
    count = m.res.json().count;
    runs.push(m);
  }
  rows.push({
    case: name,
    status,
    count,
    wall_ms_median: round(median(runs.map((m) => m.wall)), 1),
    worst_block_ms: round(Math.max(...runs.map((m) => m.block)), 1),
    event_loop_delay_max_ms: round(Math.max(...runs.map((m) => m.elMax)), 1),
    gc_pause_max_ms: round(Math.max(...runs.map((m) => m.gcMax)), 1),
  });
}

// Fourteen of the worst at once (the old outage) while a GET one is timed among them.
const worst = cases.at(-1)[1];
const stx = tenant.smartTransactions.values().next().value.id;
const started = performance.now();
let oneMs;
await Promise.all([
  ...Array.from({ length: 14 }, () => app.inject({ method: 'GET', url: worst, headers: { authorization: auth } })),
  (async () => {
    await new Promise((r) => setImmediate(r));
    const t = performance.now();
    await app.inject({ method: 'GET', url: `/api/v2/Smart/Transactions/${stx}`, headers: { authorization: auth } });
    oneMs = performance.now() - t;
  })(),
]);
const parallel = { worst_case_x14_wall_ms: round(performance.now() - started, 0), get_one_among_them_ms: round(oneMs, 1) };

await app.close();
console.log(JSON.stringify({ objects: tenant.smartTransactions.size, seed_ms: round(seedMs, 0), node: process.version, rows, parallel }, null, 2));
console.table(rows);
