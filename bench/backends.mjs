// `node bench/backends.mjs [--duration 10] [--rounds 2] [--objects 100000] [--json]`: what the
// backends cost, side by side in one run: a mock in memory, one with a data dir (this machine's
// disk, $TMPDIR) and one replica on Redis (Debian's redis-server on a free loopback port, no
// persistence), with bare Fastify serving the same Smart Transaction as the ceiling. In
// alternating rounds: flows/s (create → prepare/debit → start, autocannon -c 50) and GET one; then
// for each backend OBJECTS Smart Transactions created over HTTP: RSS per stored Smart Transaction,
// and (data dir, Redis) the restart, spawn → first 200. `npm run build` first. Prints one JSON object; nothing is written.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBody } from './fixtures.mjs';
import { BARE, CLI, cannon, freePort, round, spawnServer, throughput, waitFor200 } from './lib.mjs';

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
  return { flow, get, path, headers, customerId: customers.data[0].id };
}

/**
 * OBJECTS Smart Transactions created over HTTP in a fresh process of the backend: its RSS per stored
 * Smart Transaction; then (a backend that keeps state) a restart, spawn → first 200.
 */
async function stored(flags, { restartable }) {
  const server = await spawnServer([CLI, 'start', '--port', '0', ...flags]);
  const { headers, customerId } = await prepared(server);
  await new Promise((r) => setTimeout(r, 500));
  const before = rssMiB(server.child.pid);
  const r = await cannon({ url: server.url, connections: 20, amount: OBJECTS, requests: [{ method: 'POST', path: '/api/v2/Smart/Transactions', headers, body: JSON.stringify(createBody(customerId)) }] });
  if (r.non2xx || r.errors) throw new Error(`creating ${OBJECTS} Smart Transactions: ${r.non2xx} non-2xx, ${r.errors} errors`);
  await new Promise((r) => setTimeout(r, 1500));
  const after = rssMiB(server.child.pid);
  await server.stop();
  // Right after the creates the heap still holds their garbage: comparable across backends, not small.
  const out = { rss_mib: round(after, 0), rss_kib_per_stx_after_creates: round(((after - before) * 1024) / OBJECTS, 2) };
  if (!restartable) return out;
  const started = performance.now();
  const again = await spawnServer([CLI, 'start', '--port', '0', ...flags], { timeoutMs: 120_000 });
  await waitFor200(`${again.url}/__mock/health`);
  out.restart_spawn_to_first_200_ms = round(performance.now() - started, 0);
  await new Promise((r) => setTimeout(r, 1000));
  const loaded = rssMiB(again.child.pid);
  out.restart_rss_mib = round(loaded, 0);
  // Loaded from the backend, the state without the garbage of making it.
  out.rss_kib_per_stx_loaded = round(((loaded - before) * 1024) / OBJECTS, 2);
  await again.stop();
  return out;
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
const bareGet = { url: `${bare.url}${one.path}`, connections: 50, headers: one.headers }; // the same request the mock gets

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

log(`${OBJECTS} Smart Transactions stored in each backend, then a restart …`);
const restarts = {
  memory: await stored([], { restartable: false }),
  data_dir: await stored(['--data-dir', await newDir()], { restartable: true }),
  ...(redis ? { redis: await stored(['--redis-url', `${redis.url}/1`], { restartable: true }) } : {}),
};
if (redis) await redis.stop();
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
