// `node bench/backends.mjs [--duration 10] [--rounds 2] [--objects 100000] [--json]`: what the
// backends cost, side by side in one run: a mock in memory, one with a data dir (this machine's
// disk, $TMPDIR) and one replica on Redis (Debian's redis-server on a free loopback port, no
// persistence), with bare Fastify serving the same Smart Transaction as the ceiling. In
// alternating rounds: flows/s (create → prepare/debit → start, autocannon -c 50) and GET one; then
// for each backend the state of OBJECTS Smart Transactions: restart (spawn → first 200) and RSS per
// stored Smart Transaction. `npm run build` first. Prints one JSON object; nothing is written.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../dist/server/app.js';
import { createSmartTransaction } from '../dist/server/domain/smart-transactions.js';
import { createBody } from './fixtures.mjs';
import { BARE, CLI, freePort, round, spawnServer, throughput, waitFor200 } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    objects: { type: 'string', default: '100000' },
    json: { type: 'boolean', default: false },
  },
});
const RUN = { seconds: Number(args.duration), warmupSeconds: 2 };
const OBJECTS = Number(args.objects);
const REDIS_SERVER = '/usr/bin/redis-server';
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const dirs = [];
const newDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-bench-'));
  dirs.push(dir);
  return dir;
};
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const turn = () => new Promise((resolve) => setImmediate(resolve));

async function startRedis() {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((resolve) => {
      const s = spawn('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: 'ignore' });
      s.on('exit', (code) => resolve(code === 0));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

async function prepared(server) {
  const token = (
    await (await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
    })).json()
  ).access_token;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const list = await (await fetch(`${server.url}/api/v2/Smart/Transactions?count=1`, { headers })).json();
  const customers = await (await fetch(`${server.url}/api/v2/Payment/Customers?count=1`, { headers })).json();
  const containers = await (await fetch(`${server.url}/api/v2/Payment/Containers?count=1`, { headers })).json();
  const flow = {
    url: server.url,
    connections: 50,
    requests: [
      {
        method: 'POST',
        path: '/api/v2/Smart/Transactions',
        headers,
        body: JSON.stringify(createBody(customers.data[0].id)),
        onResponse: (status, body, context) => {
          if (status === 200) context.id = JSON.parse(body).id;
        },
      },
      { method: 'POST', headers, body: JSON.stringify({ container: { id: containers.data[0].id } }), setupRequest: (req, c) => c.id && { ...req, path: `/api/v2/Smart/Transactions/${c.id}/prepare/debit` } },
      { method: 'POST', headers, body: '{}', setupRequest: (req, c) => c.id && { ...req, path: `/api/v2/Smart/Transactions/${c.id}/start/debit` } },
    ],
  };
  const path = `/api/v2/Smart/Transactions/${list.data[0].id}`;
  const get = { url: `${server.url}${path}`, connections: 50, headers };
  return { flow, get, path, headers };
}

/** OBJECTS Smart Transactions in the demo tenant, made in-process through the domain. */
async function fill(options) {
  const app = await buildApp({ logLevel: 'silent', ...options });
  const tenant = app.store.tenant('demo-client');
  const customer = tenant.customers.values().next().value;
  const ctx = { tenant, baseUrl: 'http://localhost' };
  for (let n = tenant.smartTransactions.size; n < OBJECTS; n++) {
    createSmartTransaction(ctx, createBody(customer.id, n));
    if (n % 1000 === 0) await turn(); // with Redis: appends go out a batch at a time
  }
  await app.close();
}

/** Spawn → first 200, and the RSS once loaded, against a fresh process of the same backend. */
async function restart(flags, freshFlags) {
  const fresh = await spawnServer([CLI, 'start', '--port', '0', ...freshFlags]);
  await waitFor200(`${fresh.url}/__mock/health`);
  const freshRss = rssMiB(fresh.child.pid);
  await fresh.stop();
  const started = performance.now();
  const loaded = await spawnServer([CLI, 'start', '--port', '0', ...flags], { timeoutMs: 120_000 });
  await waitFor200(`${loaded.url}/__mock/health`);
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssMiB(loaded.child.pid);
  await loaded.stop();
  return { spawn_to_first_200_ms: round(ms, 0), rss_mib: round(rss, 0), rss_kib_per_stx: round(((rss - freshRss) * 1024) / OBJECTS, 2) };
}

const withRedis = existsSync(REDIS_SERVER);
if (!withRedis) log(`${REDIS_SERVER} is missing (apt-get install -y redis-server): the Redis backend is not measured`);
const redis = withRedis ? await startRedis() : null;
const backends = { memory: [], data_dir: ['--data-dir', await newDir()], ...(redis ? { redis: ['--redis-url', `${redis.url}/0`] } : {}) };
const servers = {};
for (const [name, flags] of Object.entries(backends)) {
  const server = await spawnServer([CLI, 'start', '--port', '0', ...flags]);
  servers[name] = { server, ...(await prepared(server)) };
}
const stxFile = join(await newDir(), 'stx.json');
const one = servers.memory;
writeFileSync(stxFile, await (await fetch(`${one.server.url}${one.path}`, { headers: one.headers })).text());
const bare = await spawnServer([BARE, stxFile, '0']);
const bareGet = { url: `${bare.url}${one.path}`, connections: 50 };

const best = {};
const keep = (key, r) => {
  if (!best[key] || r.requests_per_second > best[key].requests_per_second) best[key] = r;
};
for (let round_ = 0; round_ < Number(args.rounds); round_++) {
  const warm = { ...RUN, warmupSeconds: round_ === 0 ? RUN.warmupSeconds : 0 };
  keep('bare_get', await throughput('bare get', bareGet, warm, bare.child.pid));
  for (const [name, s] of Object.entries(servers)) {
    for (const kind of ['flow', 'get']) {
      const r = await throughput(`${name} ${kind}`, s[kind], warm, s.server.child.pid);
      log(`  ${name} ${kind}: ${r.requests_per_second} req/s`);
      keep(`${name}_${kind}`, r);
    }
  }
}
for (const s of Object.values(servers)) await s.server.stop();
await bare.stop();

log(`restarts with ${OBJECTS} Smart Transactions …`);
const restarts = {};
const memoryScenario = join(await newDir(), 'scenario.json');
{
  // In memory the state comes from a scenario file of as many Smart Transactions.
  const { throughputScenario } = await import('./fixtures.mjs');
  writeFileSync(memoryScenario, JSON.stringify(throughputScenario(OBJECTS)));
  restarts.memory = await restart(['--fixtures', memoryScenario], []);
}
const big = await newDir();
await fill({ dataDir: big });
restarts.data_dir = await restart(['--data-dir', big], ['--data-dir', await newDir()]);
if (redis) {
  const bigRedis = `${redis.url}/1`;
  await fill({ redisUrl: bigRedis });
  restarts.redis = await restart(['--redis-url', bigRedis], ['--redis-url', `${redis.url}/2`]);
  await redis.stop();
}
for (const dir of dirs) await rm(dir, { recursive: true, force: true });

const ratio = (a, b) => (a === undefined || b === undefined ? null : round(a / b, 2));
const rps = (key) => best[key]?.requests_per_second;
const result = {
  flows_per_second: Object.fromEntries(Object.keys(servers).map((n) => [n, round(rps(`${n}_flow`) / 3, 0)])),
  flow_ratio_to_memory: { data_dir: ratio(rps('data_dir_flow'), rps('memory_flow')), redis: ratio(rps('redis_flow'), rps('memory_flow')) },
  get_one_rps: { bare: rps('bare_get'), ...Object.fromEntries(Object.keys(servers).map((n) => [n, rps(`${n}_get`)])) },
  get_ratio_to_bare: Object.fromEntries(Object.keys(servers).map((n) => [n, ratio(rps(`${n}_get`), rps('bare_get'))])),
  flow_p99_ms: Object.fromEntries(Object.keys(servers).map((n) => [n, best[`${n}_flow`].latency_p99_ms])),
  restart: { smart_transactions: OBJECTS, ...restarts },
  figures: best,
};
console.log(args.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
