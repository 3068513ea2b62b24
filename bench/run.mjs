// `npm run bench`: throughput, ceiling and peer, start-up, memory and reset, with the performance
// targets judged as ratios from this one run; writes bench/results/<ISO date>.json.
//   node bench/run.mjs [--duration 10] [--warmup 3] [--rounds 3] [--connections 50] [--startups 10]
//                      [--push-flows 25] [--no-prism] [--only throughput,startup,memory,clock,pushes] [--no-write]
// Servers run in their own processes (autocannon has the other core); see bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createBody, DEFAULT_SCENARIO, throughputScenario } from './fixtures.mjs';
import { BARE, CLI, freePort, machine, median, percentile, ROOT, round, spawnServer, stop, throughput, waitFor200 } from './lib.mjs';
import { journalThroughput } from './journal.mjs';
import { fetchPrism, prismArgs } from './prism.mjs';
import { startPushFlow } from './push-flow.mjs';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    startups: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'push-flows': { type: 'string', default: '25' },
    'no-prism': { type: 'boolean', default: false },
    only: { type: 'string', default: 'throughput,journal,startup,memory,clock,pushes,backends' },
    'no-write': { type: 'boolean', default: false },
  },
});
const ONLY = new Set(flags.only.split(','));
const RUN = { seconds: Number(flags.duration), warmupSeconds: Number(flags.warmup) };
const CONNECTIONS = Number(flags.connections);
const ROUNDS = Number(flags.rounds);
const WITH_PRISM = !flags['no-prism'];
const PUSH_FLOWS = Number(flags['push-flows']);

const TARGETS = {
  get_vs_bare: { min: 0.66, text: 'GET throughput >= 66 % of bare Fastify' },
  get_journal_vs_bare: { min: 0.6, text: 'GET throughput with the request journal on >= 60 % of bare Fastify' },
  get_vs_prism: { min: 4, text: 'GET throughput >= 4x Prism' },
  get_pushing_vs_bare: { min: 0.6, text: `GET throughput while pushes flow (${PUSH_FLOWS} flows/s, 2 pushes each) >= 60 % of bare Fastify` },
  startup_vs_bare: { max: 1.25, text: 'start-up <= 1.25x bare Fastify' },
  rss_kib_per_stx: { max: 1.5, text: '<= 1.5 KiB RSS per stored Smart Transaction' },
  reset_ms: { max: 5, text: 'tenant reset <= 5 ms' },
  clock_year_ms: { max: 1000, text: 'one clock advance of a year over 1 000 active subscriptions <= 1 s' },
  flows_data_dir_vs_memory: { min: 0.5, text: 'flows/s with a data dir >= 50 % of in memory' },
  flows_redis_vs_memory: { min: 0.3, text: 'flows/s on Redis >= 30 % of in memory' },
  get_memory_vs_bare_backends: { min: 0.6, text: 'GET one in memory >= 60 % of bare Fastify (backends run)' },
  get_data_dir_vs_bare: { min: 0.6, text: 'GET one with a data dir >= 60 % of bare Fastify' },
  get_redis_vs_bare: { min: 0.6, text: 'GET one on Redis >= 60 % of bare Fastify' },
  restart_data_dir_ms: { max: 3000, text: 'restart with 100 000 Smart Transactions in a data dir <= 3 s' },
  restart_redis_ms: { max: 3000, text: 'restart with 100 000 Smart Transactions on Redis <= 3 s' },
};

const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const tmp = mkdtempSync(join(os.tmpdir(), 'secuconnect-mock-bench-'));
const commands = {};
const results = { date: new Date().toISOString(), machine: machine(), settings: { ...RUN, connections: CONNECTIONS, rounds: ROUNDS }, commands };

if (!existsSync(CLI)) {
  log('dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(2);
}

async function json(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${text}`);
  return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

function show(f, extra = '') {
  const problems = f.non_2xx || f.errors || f.timeouts ? `  (non-2xx ${f.non_2xx}, errors ${f.errors}, timeouts ${f.timeouts})` : '';
  const cpu = f.server_cpu_us_per_request === null ? '' : `  server ${f.server_cpu_us_per_request} µs CPU/req (${f.server_cpu_percent} % CPU)`;
  log(`  ${f.name.padEnd(34)} ${String(f.requests_per_second).padStart(7)} req/s  p50 ${f.latency_p50_ms} ms  p99 ${f.latency_p99_ms} ms${cpu}${extra}${problems}`);
}

/** Starts Prism on our /openapi.json; resolves with its URL, stop and time to first 200, or throws. */
async function startPrism(openapiFile, probePath, headers) {
  const prism = fetchPrism({ log });
  commands.prism_install = prism.install;
  commands.prism = `node <prism-cli ${prism.version}> mock <our /openapi.json> -h 127.0.0.1 -p <port> -v silent`;
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, prismArgs(prism.cli, openapiFile, port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(url + probePath, { headers });
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${err.message}${stderr ? `: ${stderr.trim()}` : ''}`);
  }
  return { url, version: prism.version, firstMs: performance.now() - started, child, stop: () => stop(child) };
}

/** The best of the rounds (a shared machine only ever takes throughput away), all rounds kept. */
function best(name, rounds) {
  const top = rounds.reduce((a, b) => (b.requests_per_second > a.requests_per_second ? b : a));
  const cpu = rounds.map((r) => r.server_cpu_us_per_request).filter((x) => x !== null);
  return {
    ...top,
    name,
    rounds: rounds.map((r) => r.requests_per_second),
    rounds_server_cpu_us_per_request: cpu,
    server_cpu_us_per_request_min: cpu.length ? Math.min(...cpu) : null,
  };
}

async function throughputs() {
  const out = {};
  const scenarioFile = join(tmp, 'bench-scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(throughputScenario(40), null, 1));
  commands.mock = 'node dist/server/cli.js start --port 0 --fixtures <default scenario + 40 paid Smart Transactions>';
  commands.bare = 'node bench/bare-fastify.mjs <the same Smart Transaction JSON> 0';
  const servers = [];
  try {
    const mock = await spawnServer([CLI, 'start', '--port', '0', '--fixtures', scenarioFile]);
    servers.push(mock);
    const { body: tok } = await json(`${mock.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
    });
    const headers = { authorization: `Bearer ${tok.access_token}`, accept: 'application/json' };
    const api = (path) => json(`${mock.url}/api/v2${path}`, { headers });
    const paid = (await api('/Smart/Transactions?q=merchantRef:order-1002')).body.data[0];
    const customer = (await api('/Payment/Customers?q=contact.email:max@example.com')).body.data[0];
    const container = (await api(`/Payment/Containers?q=customer.id:${customer.id}`)).body.data[0];
    const stxPath = `/api/v2/Smart/Transactions/${paid.id}`;
    const one = await api(`/Smart/Transactions/${paid.id}`);
    const stxFile = join(tmp, 'stx.json');
    writeFileSync(stxFile, JSON.stringify(one.body));
    const openapiFile = join(tmp, 'openapi.json');
    writeFileSync(openapiFile, JSON.stringify((await json(`${mock.url}/openapi.json`)).body));
    const list = await api('/Smart/Transactions?count=20');
    if (list.body.data.length !== 20) throw new Error(`list returned ${list.body.data.length} items`);
    out.response_bytes = { get_one: one.bytes, list_20: list.bytes };
    log(`mock at ${mock.url}`);

    const bare = await spawnServer([BARE, stxFile, '0']);
    servers.push(bare);
    out.response_bytes.bare_get_one = Buffer.byteLength(await (await fetch(bare.url + stxPath)).text());
    log(`bare Fastify at ${bare.url}`);

    let prism;
    if (WITH_PRISM) {
      try {
        prism = await startPrism(openapiFile, stxPath, headers);
        servers.push(prism);
        out.prism_version = prism.version;
        out.prism_first_200_ms = round(prism.firstMs, 0);
        out.response_bytes.prism_get_one = Buffer.byteLength(await (await fetch(prism.url + stxPath, { headers })).text());
        log(`Prism ${prism.version} at ${prism.url} (first 200 after ${out.prism_first_200_ms} ms)`);
      } catch (err) {
        out.prism_error = err.message;
        log(`  Prism: not measured (${err.message})`);
      }
    } else out.prism_error = 'skipped (--no-prism)';

    // While pushes flow: the same GET with a paced create/prepare/start flow beside it (a process of
    // its own) whose pushes the mock delivers (auto mode) to a receiver on 127.0.0.1. The flows'
    // requests are part of what the mock does in that round (its CPU per request counts GETs only).
    const pushing = [];
    const withPushes = async () => {
      const flow = await startPushFlow({ mockUrl: mock.url, headers, containerId: container.id, body: createBody(customer.id), flowsPerSecond: PUSH_FLOWS });
      return async () => {
        const r = await flow.stop();
        pushing.push(r);
        return `  (${r.flows} flows, ${r.pushes_arrived} of ${r.pushes_sent} pushes in, ${r.pushes_per_second}/s)`;
      };
    };

    // The GETs take turns, ROUNDS times: a busy moment of a shared machine does not land on one of
    // them only. Each server is warmed up before its first round.
    log(`throughput (${RUN.warmupSeconds} s warm-up, ${RUN.seconds} s, -c ${CONNECTIONS}; GETs in ${ROUNDS} alternating rounds, best kept):`);
    const contenders = [
      ['get_one', 'mock: GET one Smart Transaction', { url: mock.url + stxPath, connections: CONNECTIONS, headers }, mock.child.pid],
      ['bare_get_one', 'bare Fastify: GET the same JSON', { url: bare.url + stxPath, connections: CONNECTIONS }, bare.child.pid],
      ...(prism ? [['prism_get_one', 'Prism: GET one Smart Transaction', { url: prism.url + stxPath, connections: CONNECTIONS, headers }, prism.child.pid]] : []),
      ...(ONLY.has('pushes') ? [['get_one_pushing', 'mock: GET one while pushes flow', { url: mock.url + stxPath, connections: CONNECTIONS, headers }, mock.child.pid, withPushes]] : []),
    ];
    const rounds = Object.fromEntries(contenders.map(([key]) => [key, []]));
    for (let i = 0; i < ROUNDS; i++) {
      for (const [key, name, opts, pid, during] of contenders) {
        // The flow runs through the warm-up too: its first round would otherwise pay for compiling
        // the create/prepare/start routes' code.
        const stopDuring = during && (await during());
        const r = await throughput(name, opts, { seconds: RUN.seconds, warmupSeconds: i === 0 ? RUN.warmupSeconds : 0 }, pid);
        const extra = stopDuring ? await stopDuring() : '';
        rounds[key].push(r);
        show(r, `  (round ${i + 1})${extra}`);
      }
    }
    for (const [key, name] of contenders) out[key] = best(name, rounds[key]);
    if (pushing.length) {
      const latencies = pushing.flatMap((r) => r.latencies_ms);
      out.pushes_flowing = {
        flows_per_second_asked: PUSH_FLOWS,
        flows: pushing.map((r) => r.flows),
        flows_failed: pushing.reduce((n, r) => n + r.failed, 0),
        pushes_sent: pushing.reduce((n, r) => n + r.pushes_sent, 0),
        pushes_arrived: latencies.length,
        pushes_per_second: pushing.map((r) => r.pushes_per_second),
        latency_under_get_load_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
      };
      const f = out.pushes_flowing;
      log(`  pushes beside the GET rounds: ${f.pushes_arrived} of ${f.pushes_sent} arrived; latency from the causing request, under the GET load: p50 ${f.latency_under_get_load_ms.p50} ms, p99 ${f.latency_under_get_load_ms.p99} ms`);
    }

    const base = { url: mock.url, connections: CONNECTIONS, headers };
    out.list_20 = await throughput('mock: GET list count=20', { ...base, url: `${mock.url}/api/v2/Smart/Transactions?count=20` }, RUN, mock.child.pid);
    show(out.list_20);

    const jsonHeaders = { ...headers, 'content-type': 'application/json' };
    const flowOpts = {
      ...base,
      requests: [
        {
          method: 'POST',
          path: '/api/v2/Smart/Transactions',
          headers: jsonHeaders,
          body: JSON.stringify(createBody(customer.id)),
          onResponse: (status, body, context) => {
            if (status === 200) context.id = JSON.parse(body).id;
          },
        },
        {
          method: 'POST',
          headers: jsonHeaders,
          body: JSON.stringify({ container: { id: container.id } }),
          setupRequest: (req, context) => context.id && { ...req, path: `/api/v2/Smart/Transactions/${context.id}/prepare/debit` },
        },
        {
          method: 'POST',
          headers: jsonHeaders,
          body: '{}',
          setupRequest: (req, context) => context.id && { ...req, path: `/api/v2/Smart/Transactions/${context.id}/start/debit` },
        },
      ],
    };
    out.flow = await throughput('mock: flow create/prepare/start', flowOpts, RUN, mock.child.pid);
    out.flow.flows_per_second = round(out.flow.requests_per_second / 3, 0);
    show(out.flow, `  (${out.flow.flows_per_second} flows/s)`);
    return { out, stxFile };
  } finally {
    for (const s of servers.reverse()) await s.stop();
  }
}

/** Spawn -> banner -> GET health -> 200, in ms. */
async function startOnce(args, healthPath) {
  const server = await spawnServer(args);
  try {
    const res = await fetch(server.url + healthPath);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${healthPath} answered ${res.status}`);
    return performance.now() - server.started;
  } finally {
    await server.stop();
  }
}

async function startups(stxFile) {
  const n = Number(flags.startups);
  const runs = { mock: [], bare: [], hello: [] };
  commands.startup_mock = 'node dist/server/cli.js start --port 0   (the shipped default scenario), then GET /__mock/health';
  commands.startup_bare = 'node bench/bare-fastify.mjs <stx.json> 0   (the ceiling server: the Smart Transaction response schema), then GET /health';
  commands.startup_hello = 'node bench/bare-fastify.mjs --hello 0   (Fastify with one route, no schema), then GET /health';
  log(`start-up, spawn to first 200, ${n} runs each, interleaved:`);
  // One round not counted (file cache, the bench's own first fetch); then interleaved, so that a
  // busy moment of the machine hits all alike.
  await startOnce([CLI, 'start', '--port', '0'], '/__mock/health');
  await startOnce([BARE, stxFile, '0'], '/health');
  await startOnce([BARE, '--hello', '0'], '/health');
  for (let i = 0; i < n; i++) {
    runs.mock.push(await startOnce([CLI, 'start', '--port', '0'], '/__mock/health'));
    runs.bare.push(await startOnce([BARE, stxFile, '0'], '/health'));
    runs.hello.push(await startOnce([BARE, '--hello', '0'], '/health'));
  }
  const out = {
    mock_ms_median: round(median(runs.mock), 0),
    bare_ms_median: round(median(runs.bare), 0),
    hello_ms_median: round(median(runs.hello), 0),
    mock_ms: runs.mock.map((x) => round(x, 0)),
    bare_ms: runs.bare.map((x) => round(x, 0)),
    hello_ms: runs.hello.map((x) => round(x, 0)),
  };
  log(`  mock                     ${out.mock_ms_median} ms (${out.mock_ms.join(', ')})`);
  log(`  bare Fastify (STX route) ${out.bare_ms_median} ms (${out.bare_ms.join(', ')})`);
  log(`  bare Fastify (hello)     ${out.hello_ms_median} ms (${out.hello_ms.join(', ')})`);
  return out;
}

function memory() {
  commands.memory = 'node --expose-gc bench/memory.mjs --json --tenants 100 --per-tenant 1000 --resets 9';
  log('memory: 100 tenants x 1000 Smart Transactions, created through app.inject; tenant reset …');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'memory.mjs'), '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench/memory.mjs exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop());
      log(`  ${r.memory.rss_kib_per_stx} KiB RSS per Smart Transaction (heap ${r.memory.heap_used_kib_per_stx} KiB); RSS ${r.memory.rss_before_mib} -> ${r.memory.rss_after_mib} MiB`);
      log(`  reset of a tenant (baseline ${r.reset.baseline_objects} + ${r.reset.created_before_each_reset} created): ${r.reset.reset_ms_median} ms median over HTTP inject (${r.reset.store_reset_ms_median} ms in the store)`);
      resolve(r);
    });
  });
}

function clockAdvance() {
  commands.clock = 'node bench/clock.mjs --json --subs 1000 --runs 3';
  log('clock: one advance of 366 days over 1 000 active monthly subscriptions …');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'clock.mjs'), '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench/clock.mjs exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop());
      log(`  ${r.renewals} renewals, ${r.completions} completions: ${r.ms_median} ms median (${r.ms.join(', ')})`);
      resolve(r);
    });
  });
}

function pushes() {
  commands.pushes = 'node bench/pushes.mjs --json --flows 500 --backlog 1000';
  log('pushes: latency from prepare to the receiver\'s 200 (500 flows one at a time, auto mode); outbox throughput (1 000 pushes, one deliver) …');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'pushes.mjs'), '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench/pushes.mjs exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop());
      log(`  latency p50 ${r.latency_ms.p50} ms, p99 ${r.latency_ms.p99} ms; outbox ${r.outbox.delivered} pushes in ${r.outbox.seconds} s = ${r.outbox.pushes_per_second}/s`);
      resolve(r);
    });
  });
}

function backends() {
  commands.backends = 'node bench/backends.mjs --json --duration 10 --rounds 2 --objects 100000';
  log('backends: memory, data dir and Redis side by side (flows, GET one, restart and RSS with 100 000 Smart Transactions) …');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'backends.mjs'), '--json', '--duration', String(RUN.seconds)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench/backends.mjs exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop());
      log(`  flows/s ${JSON.stringify(r.flows_per_second)}; GET one / bare ${JSON.stringify(r.get_ratio_to_bare)}`);
      resolve(r);
    });
  });
}

function judge(ratios) {
  const verdicts = {};
  for (const [key, t] of Object.entries(TARGETS)) {
    const v = ratios[key];
    const pass = v === null || v === undefined ? null : t.min !== undefined ? v >= t.min : v <= t.max;
    verdicts[key] = { target: t.text, value: v ?? null, result: pass === null ? 'NOT MEASURED' : pass ? 'PASS' : 'MISS' };
  }
  return verdicts;
}

try {
  const measured = ONLY.has('throughput') ? await throughputs() : undefined;
  const tp = measured?.out;
  if (tp) results.throughput = tp;
  let stxFile = measured?.stxFile ?? join(tmp, 'stx.json');
  if (!existsSync(stxFile)) writeFileSync(stxFile, JSON.stringify({ object: 'smart.transactions', id: 'STX_BARE' }));
  if (ONLY.has('journal')) results.journal = await journalThroughput({ tmp, run: RUN, rounds: ROUNDS, connections: CONNECTIONS, log, show, best, commands });
  if (ONLY.has('startup')) results.startup = await startups(stxFile);
  if (ONLY.has('memory')) results.memory = await memory();
  if (ONLY.has('clock')) results.clock = await clockAdvance();
  if (ONLY.has('pushes')) results.pushes = { ...(await pushes()), ...(tp?.pushes_flowing ? { flowing: tp.pushes_flowing } : {}) };
  if (ONLY.has('backends')) results.backends = await backends();

  const get = tp?.get_one?.requests_per_second;
  const ratio = (a, b) => (a && b ? round(a / b, 2) : null);
  const ratios = {
    get_vs_bare: ratio(get, tp?.bare_get_one?.requests_per_second),
    get_vs_prism: ratio(get, tp?.prism_get_one?.requests_per_second),
    get_pushing_vs_bare: ratio(tp?.get_one_pushing?.requests_per_second, tp?.bare_get_one?.requests_per_second),
    get_pushing_vs_get: ratio(tp?.get_one_pushing?.requests_per_second, get),
    get_journal_vs_bare: ratio(results.journal?.get_one_journal_on?.requests_per_second, results.journal?.bare_get_one?.requests_per_second),
    get_journal_off_vs_bare: ratio(results.journal?.get_one_journal_off?.requests_per_second, results.journal?.bare_get_one?.requests_per_second),
    get_journal_on_vs_off: ratio(results.journal?.get_one_journal_on?.requests_per_second, results.journal?.get_one_journal_off?.requests_per_second),
    // Server CPU per request, theirs / ours: the throughput ratio two servers would have with a
    // whole core each; less at the mercy of whatever else the machine does during the run.
    get_vs_bare_by_cpu: ratio(tp?.bare_get_one?.server_cpu_us_per_request_min, tp?.get_one?.server_cpu_us_per_request_min),
    get_vs_prism_by_cpu: ratio(tp?.prism_get_one?.server_cpu_us_per_request_min, tp?.get_one?.server_cpu_us_per_request_min),
    list_vs_bare: ratio(tp?.list_20?.requests_per_second, tp?.bare_get_one?.requests_per_second),
    list_vs_prism: ratio(tp?.list_20?.requests_per_second, tp?.prism_get_one?.requests_per_second),
    flow_vs_bare: ratio(tp?.flow?.requests_per_second, tp?.bare_get_one?.requests_per_second),
    flow_vs_prism: ratio(tp?.flow?.requests_per_second, tp?.prism_get_one?.requests_per_second),
    startup_vs_bare: ratio(results.startup?.mock_ms_median, results.startup?.bare_ms_median),
    startup_vs_hello: ratio(results.startup?.mock_ms_median, results.startup?.hello_ms_median),
    startup_vs_prism: ratio(results.startup?.mock_ms_median, tp?.prism_first_200_ms),
    rss_kib_per_stx: results.memory?.memory.rss_kib_per_stx,
    reset_ms: results.memory?.reset.reset_ms_median,
    clock_year_ms: results.clock?.ms_median,
    flows_data_dir_vs_memory: results.backends?.flow_ratio_to_memory.data_dir,
    flows_redis_vs_memory: results.backends?.flow_ratio_to_memory.redis,
    get_memory_vs_bare_backends: results.backends?.get_ratio_to_bare.memory,
    get_data_dir_vs_bare: results.backends?.get_ratio_to_bare.data_dir,
    get_redis_vs_bare: results.backends?.get_ratio_to_bare.redis,
    restart_data_dir_ms: results.backends?.restart.data_dir?.restart_spawn_to_first_200_ms,
    restart_redis_ms: results.backends?.restart.redis?.restart_spawn_to_first_200_ms,
    push_latency_p50_ms: results.pushes?.latency_ms.p50,
    push_latency_p99_ms: results.pushes?.latency_ms.p99,
    outbox_pushes_per_second: results.pushes?.outbox.pushes_per_second,
  };
  results.ratios = ratios;
  results.machine.load_average_at_end = os.loadavg().map((x) => round(x, 2));
  results.targets = judge(ratios);
  results.default_scenario = relative(ROOT, DEFAULT_SCENARIO);

  log('\nratios (ours / theirs, same run):');
  log(`  GET one:  ${ratios.get_vs_bare}x bare Fastify, ${ratios.get_vs_prism}x Prism   (by server CPU per request: ${ratios.get_vs_bare_by_cpu}x, ${ratios.get_vs_prism_by_cpu}x)`);
  if (ratios.get_pushing_vs_bare !== null) log(`  GET one while pushes flow: ${ratios.get_pushing_vs_bare}x bare Fastify (${ratios.get_pushing_vs_get}x the mock's plain GET one)`);
  if (results.journal) log(`  journal:  GET one with it on ${ratios.get_journal_vs_bare}x bare Fastify, off ${ratios.get_journal_off_vs_bare}x; on/off ${ratios.get_journal_on_vs_off}`);
  log(`  list 20:  ${ratios.list_vs_bare}x bare Fastify, ${ratios.list_vs_prism}x Prism (their GET one)`);
  log(`  flow:     ${ratios.flow_vs_bare}x bare Fastify, ${ratios.flow_vs_prism}x Prism (requests/s; their GET one)`);
  log(`  start-up: ${ratios.startup_vs_bare}x bare Fastify (STX route), ${ratios.startup_vs_hello}x bare Fastify (hello)${ratios.startup_vs_prism ? `, ${ratios.startup_vs_prism}x Prism's first 200` : ''}`);
  if (results.pushes) log(`  pushes:   latency p50 ${ratios.push_latency_p50_ms} ms, p99 ${ratios.push_latency_p99_ms} ms (no target); outbox ${ratios.outbox_pushes_per_second} pushes/s (no target)`);
  log('\ntargets:');
  for (const v of Object.values(results.targets)) log(`  ${v.result.padEnd(5)} ${v.target}: ${v.value}`);

  if (!flags['no-write']) {
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${results.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nwrote ${relative(ROOT, file)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
