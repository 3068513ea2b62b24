// `npm run soak`: a bounded soak of the built server (dist/), in this process, on 127.0.0.1 only.
// A few workers run the guide's whole flow over loopback for SOAK_SECONDS (120 by default):
// token, create, prepare/debit, start, list, cancel — each worker on a tenant of its own, reset
// every RESET_EVERY flows as a test suite's afterEach would (stored objects are state, growing by
// design until a reset; what must stay flat is everything else: tokens, caches, sockets, logger).
// RSS is sampled every 5 s. Verdict: flat when the mean RSS of the last minute is within
// SOAK_TOLERANCE (15 %) of the mean of the first minute after a 15 s warm-up. Writes
// bench/results/soak-<date>.json; exits 1 when RSS grew or a call failed. The request journal is on
// as by default (SOAK_JOURNAL_SIZE requests per client, 1000; 0: off): it must stay flat too.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { buildApp } from '../dist/server/app.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 4);
const TOLERANCE = Number(process.env.SOAK_TOLERANCE ?? 0.15);
const SAMPLE_MS = 5000;
const WARMUP_S = 15;
const RESET_EVERY = 50;
const JOURNAL_SIZE = Number(process.env.SOAK_JOURNAL_SIZE ?? 1000);
const IBAN = 'DE89370400440532013000';

const clients = Array.from({ length: WORKERS }, (_, w) => ({
  client_id: `soak-${w}`,
  client_secret: `soak-secret-${w}`,
  merchant: { companyname: `Soak Shop ${w}` },
  customers: [{ key: 'max', contact: { forename: 'Max', surname: 'Mustermann', email: 'max@example.com' } }],
  containers: [{ key: 'account', customer: 'max', type: 'bank_account', private: { iban: IBAN, owner: 'Max Mustermann' } }],
}));
const app = await buildApp({ logLevel: 'warn', journalSize: JOURNAL_SIZE, scenario: { name: 'soak', clients } });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
let flows = 0;
const failures = [];

async function call(method, path, { token, body, form } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(base + path, { method, headers, body: form ? new URLSearchParams(form) : body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

async function worker(w, until) {
  const client = clients[w];
  const ids = async (token) => ({
    customer: (await call('GET', '/api/v2/Payment/Customers', { token })).data[0].id,
    container: (await call('GET', '/api/v2/Payment/Containers', { token })).data[0].id,
  });
  let refs;
  for (let i = 0; Date.now() < until; i++) {
    try {
      // A token per flow, as a stateless client would: the token store must stay capped.
      const { access_token: token } = await call('POST', '/oauth/token', {
        form: { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret },
      });
      refs ??= await ids(token);
      const stx = await call('POST', '/api/v2/Smart/Transactions', {
        token,
        body: { customer: { id: refs.customer }, transactionRef: `Soak ${w}/${i}`, merchantRef: `soak-${i}`, basket_info: { sum: 1999, currency: 'EUR' } },
      });
      const api = `/api/v2/Smart/Transactions/${stx.id}`;
      await call('POST', `${api}/prepare/debit`, { token, body: { container: { id: refs.container } } });
      const started = await call('POST', `${api}/start/debit`, { token, body: {} });
      if (started.status !== 'ok') throw new Error(`start answered ${started.status}`);
      await call('GET', '/api/v2/Smart/Transactions?count=20', { token });
      await call('POST', `${api}/cancel`, { token, body: {} });
      flows++;
      if (i % RESET_EVERY === RESET_EVERY - 1) await call('POST', '/__mock/reset', { body: { client_id: client.client_id } });
    } catch (err) {
      failures.push(String(err.message ?? err));
      if (failures.length > 20) throw err;
    }
  }
}

const started = Date.now();
const until = started + SECONDS * 1000;
const samples = [];
const sample = () => {
  const m = process.memoryUsage();
  const s = { t: Math.round((Date.now() - started) / 1000), rss_mib: mib(m.rss), heap_used_mib: mib(m.heapUsed), flows };
  samples.push(s);
  console.log(`${String(s.t).padStart(4)} s  rss ${s.rss_mib} MiB  heap ${s.heap_used_mib} MiB  flows ${s.flows}`);
};
console.log(`soak: ${WORKERS} workers, ${SECONDS} s, full flow against ${base}, journal ${JOURNAL_SIZE ? `on (${JOURNAL_SIZE} per client)` : 'off'}`);
sample();
const timer = setInterval(sample, SAMPLE_MS);
let crashed;
try {
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w, until)));
} catch (err) {
  crashed = err;
}
clearInterval(timer);
sample();
const journalKept = app.requestJournal.list({ limit: 1000 }, undefined).length;
await app.close();

const half = Math.min(60, SECONDS / 2);
const first = samples.filter((s) => s.t >= WARMUP_S && s.t <= half).map((s) => s.rss_mib);
const last = samples.filter((s) => s.t > SECONDS - half).map((s) => s.rss_mib);
const firstMean = first.length ? mean(first) : NaN;
const lastMean = last.length ? mean(last) : NaN;
const growth = lastMean / firstMean - 1;
// Least-squares slope of RSS over the last minute: what a slow leak would show first.
const tail = samples.filter((s) => s.t > SECONDS - half);
const tMean = mean(tail.map((s) => s.t));
const slope = tail.length > 1
  ? tail.reduce((a, s) => a + (s.t - tMean) * (s.rss_mib - lastMean), 0) / tail.reduce((a, s) => a + (s.t - tMean) ** 2, 0)
  : NaN;
const flat = Number.isFinite(growth) && growth <= TOLERANCE;
const elapsed = (Date.now() - started) / 1000;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gib: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
  settings: { seconds: SECONDS, workers: WORKERS, tolerance: TOLERANCE, sample_ms: SAMPLE_MS, warmup_s: WARMUP_S, reset_every: RESET_EVERY, journal_size: JOURNAL_SIZE },
  // The journal's newest entries over every client at the end (at most 1000 listed): it was recording.
  journal_entries_listed: journalKept,
  flows,
  flows_per_s: Math.round(flows / elapsed),
  calls_per_s: Math.round((flows * 6) / elapsed),
  first_minute_mean_rss_mib: Math.round(firstMean * 10) / 10,
  last_minute_mean_rss_mib: Math.round(lastMean * 10) / 10,
  growth_pct: Math.round(growth * 1000) / 10,
  // The JS heap alone (a leak of objects shows here; RSS also holds allocator and buffer slack).
  first_minute_mean_heap_mib: Math.round(mean(samples.filter((s) => s.t >= WARMUP_S && s.t <= half).map((s) => s.heap_used_mib)) * 10) / 10,
  last_minute_mean_heap_mib: Math.round(mean(tail.map((s) => s.heap_used_mib)) * 10) / 10,
  last_minute_slope_mib_per_min: Math.round(slope * 60 * 10) / 10,
  verdict: crashed || failures.length ? 'failed calls' : flat ? 'flat' : 'RSS grew',
  failures: failures.slice(0, 20),
  samples,
};
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/soak-${result.date.replace(/[:.]/g, '-')}.json`, import.meta.url);
await writeFile(file, JSON.stringify(result, null, 2) + '\n');
console.log(
  `\nfirst minute (after ${WARMUP_S} s warm-up) ${result.first_minute_mean_rss_mib} MiB, last minute ${result.last_minute_mean_rss_mib} MiB: ` +
    `${result.growth_pct >= 0 ? '+' : ''}${result.growth_pct} % (tolerance ${TOLERANCE * 100} %), last-minute slope ` +
    `${result.last_minute_slope_mib_per_min} MiB/min, heap ${result.first_minute_mean_heap_mib} -> ${result.last_minute_mean_heap_mib} MiB -> ${result.verdict}; ` +
    `${flows} flows (${result.flows_per_s}/s), ${failures.length} failures; journal ${JOURNAL_SIZE ? `on, ${journalKept} entries listed at the end` : 'off'}\nwritten to ${file.pathname}`,
);
process.exit(result.verdict === 'flat' ? 0 : 1);
