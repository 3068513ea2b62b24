// `node bench/durable.mjs [--duration 10] [--rounds 2] [--objects 100000]`: what `--data-dir` costs.
// Side by side, in alternating rounds, a mock in memory and one with a data dir (on this machine's
// disk, in $TMPDIR): flows/s (create → prepare/debit → start, autocannon -c 50) and GET one; then
// the restart time of a data dir holding 100 000 Smart Transactions (spawn → first 200) and the
// RSS after it. `npm run build` first. Prints one JSON object; nothing is written.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../dist/server/app.js';
import { createSmartTransaction } from '../dist/server/domain/smart-transactions.js';
import { createBody } from './fixtures.mjs';
import { CLI, round, spawnServer, throughput, waitFor200 } from './lib.mjs';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, rounds: { type: 'string', default: '2' }, objects: { type: 'string', default: '100000' } },
});
const RUN = { seconds: Number(args.duration), warmupSeconds: 2 };
const dirs = [];
const newDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-bench-'));
  dirs.push(dir);
  return dir;
};
const rssMiB = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);

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
  const get = { url: `${server.url}/api/v2/Smart/Transactions/${list.data[0].id}`, connections: 50, headers };
  return { flow, get };
}

const memory = await spawnServer([CLI, 'start', '--port', '0']);
const durable = await spawnServer([CLI, 'start', '--port', '0', '--data-dir', await newDir()]);
const servers = { memory: { server: memory, ...(await prepared(memory)) }, data_dir: { server: durable, ...(await prepared(durable)) } };
const best = {};
for (let round_ = 0; round_ < Number(args.rounds); round_++) {
  for (const [name, s] of Object.entries(servers)) {
    for (const kind of ['flow', 'get']) {
      const r = await throughput(`${name} ${kind}`, s[kind], { ...RUN, warmupSeconds: round_ === 0 ? RUN.warmupSeconds : 0 }, s.server.child.pid);
      const key = `${name}_${kind}`;
      if (!best[key] || r.requests_per_second > best[key].requests_per_second) best[key] = r;
    }
  }
}
await memory.stop();
await durable.stop();

// A data dir holding OBJECTS Smart Transactions, made in-process and compacted on close.
const big = await newDir();
const app = await buildApp({ logLevel: 'silent', dataDir: big });
const tenant = app.store.tenant('demo-client');
const customer = tenant.customers.values().next().value;
const ctx = { tenant, baseUrl: 'http://localhost' };
for (let n = tenant.smartTransactions.size; n < Number(args.objects); n++) createSmartTransaction(ctx, createBody(customer.id, n));
await app.close();
const started = performance.now();
const restarted = await spawnServer([CLI, 'start', '--port', '0', '--data-dir', big], { timeoutMs: 120_000 });
await waitFor200(`${restarted.url}/__mock/health`);
const restartMs = performance.now() - started;
const restartRss = rssMiB(restarted.child.pid);
await restarted.stop();
for (const dir of dirs) await rm(dir, { recursive: true, force: true });

const ratio = (a, b) => round(a / b, 2);
console.log(
  JSON.stringify(
    {
      flows_per_second: { memory: round(best.memory_flow.requests_per_second / 3, 0), data_dir: round(best.data_dir_flow.requests_per_second / 3, 0) },
      flow_ratio_data_dir_to_memory: ratio(best.data_dir_flow.requests_per_second, best.memory_flow.requests_per_second),
      get_one_rps: { memory: best.memory_get.requests_per_second, data_dir: best.data_dir_get.requests_per_second },
      get_ratio_data_dir_to_memory: ratio(best.data_dir_get.requests_per_second, best.memory_get.requests_per_second),
      flow_p99_ms: { memory: best.memory_flow.latency_p99_ms, data_dir: best.data_dir_flow.latency_p99_ms },
      restart: { smart_transactions: Number(args.objects), spawn_to_first_200_ms: round(restartMs, 0), rss_mib_after: restartRss },
      figures: best,
    },
    null,
    2,
  ),
);
