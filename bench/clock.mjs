// One clock advance of a year over many active subscriptions: the time POST /__mock/clock takes
// to run every renewal on the way (a payment transaction, the counts, a push recorded for each)
// and answer the events. In-process (app.inject), manual pushes, a frozen tenant clock.
//   node bench/clock.mjs [--subs 1000] [--runs 3] [--json]
import { parseArgs } from 'node:util';
import { buildApp } from '../dist/server/app.js';
import { round } from './lib.mjs';

const { values } = parseArgs({
  options: {
    subs: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const SUBS = Number(values.subs);
const RUNS = Number(values.runs);
const TARGET_MS = 1000;
const YEAR_S = 366 * 86_400;

async function session(app) {
  const token = (await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' } })).json().access_token;
  return (method, url, payload) => app.inject({ method, url: `/api/v2${url}`, headers: { authorization: `Bearer ${token}` }, payload }).then((r) => r.json());
}

/** `SUBS` subscriptions to the default monthly plan, bought by debit and captured. */
async function subscribed(app) {
  const call = await session(app);
  const plan = (await call('GET', '/Payment/Plans')).data[0].id;
  for (let i = 0; i < SUBS; i++) {
    const stx = await call('POST', '/Smart/Transactions', {
      basket: { products: [{ id: 1, item_type: 'subscription', desc: 'Abo', quantity: 1, priceOne: 990, plan_id: plan }] },
      basket_info: { sum: 990, currency: 'EUR' },
      application_context: { return_urls: { url_push: 'https://shop.example.com/push' } },
    });
    await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE89370400440532013000' } } });
    const started = await call('POST', `/Smart/Transactions/${stx.id}/start`);
    if (started.status !== 'ok') throw new Error(`subscription ${i} not captured: ${JSON.stringify(started)}`);
  }
}

const runs = [];
for (let run = 0; run < RUNS; run++) {
  const app = await buildApp({ logLevel: 'silent', pushes: 'manual' });
  const tenant = app.store.tenant('demo-client');
  tenant.clock.frozenAt = Date.parse('2026-01-15T10:00:00+01:00');
  await subscribed(app);
  const started = performance.now();
  const res = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { client_id: 'demo-client', advance_seconds: YEAR_S } });
  const ms = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`clock: ${res.statusCode} ${res.body}`);
  const events = res.json().events;
  const count = (name) => events.filter((e) => e.event === name).length;
  runs.push({ ms, events: events.length, renewed: count('subscription.renewed'), completed: count('subscription.completed') });
  await app.close();
}

const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const result = {
  subscriptions: SUBS,
  advance: '366 days',
  renewals: runs[0].renewed,
  completions: runs[0].completed,
  events: runs[0].events,
  ms_median: round(median, 0),
  ms: runs.map((r) => round(r.ms, 0)),
  renewals_per_second: round((runs[0].renewed / median) * 1000, 0),
  target: `<= ${TARGET_MS} ms`,
  result: median <= TARGET_MS ? 'PASS' : 'MISS',
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`clock: one advance of 366 days over ${SUBS} active subscriptions (monthly, 12 cycles)`);
  console.log(`  ${result.renewals} renewals, ${result.completions} completions, ${result.events} events`);
  console.log(`  ${result.ms_median} ms median (${result.ms.join(', ')}); ${result.renewals_per_second} renewals/s; target ${result.target}: ${result.result}`);
}
