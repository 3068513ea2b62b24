// Pushes, in-process against a loopback receiver: latency from the request that changes a payment
// (prepare) to the receiver's 200, and outbox throughput (pushes delivered per second by
// POST /__mock/pushes/deliver in manual mode).
//   node bench/pushes.mjs [--flows 500] [--backlog 1000] [--json]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { buildApp } from '../dist/server/app.js';
import { percentile, round } from './lib.mjs';

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '500' },
    backlog: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const FLOWS = Number(values.flows);
const BACKLOG = Number(values.backlog);

/** A receiver answering 200 that notes when each push (by object id) arrived. */
async function receiver() {
  const arrivals = new Map();
  const waiters = new Map();
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const id = JSON.parse(text).data[0].id;
      res.writeHead(200).end('OK');
      arrivals.set(id, performance.now());
      waiters.get(id)?.();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/push`,
    arrived: (id) => (arrivals.has(id) ? Promise.resolve() : new Promise((resolve) => waiters.set(id, resolve))),
    arrivals,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function session(app) {
  const token = (await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' } })).json().access_token;
  return (method, url, payload) =>
    app.inject({ method, url: `/api/v2${url}`, headers: { authorization: `Bearer ${token}` }, payload }).then((r) => r.json());
}

const account = { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE35500105175418493188' } };
const body = (url) => ({ basket_info: { sum: 500, currency: 'EUR' }, application_context: { return_urls: { url_push: url } } });

// Latency: auto mode, one flow at a time.
const rx = await receiver();
const auto = await buildApp({ logLevel: 'silent', pushes: 'auto', maxTenantObjects: 10_000_000 });
const call = await session(auto);
const latencies = [];
for (let i = 0; i < FLOWS; i++) {
  const stx = await call('POST', '/Smart/Transactions', body(rx.url));
  const t0 = performance.now();
  const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: account });
  const id = prepared.transactions[0].id;
  await rx.arrived(id);
  latencies.push(rx.arrivals.get(id) - t0);
}
await auto.close();

// Throughput: a backlog made in manual mode, then one deliver.
const manual = await buildApp({ logLevel: 'silent', pushes: 'manual', maxTenantObjects: 10_000_000 });
const callManual = await session(manual);
for (let i = 0; i < BACKLOG; i++) {
  const stx = await callManual('POST', '/Smart/Transactions', body(rx.url));
  await callManual('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: account });
}
const started = performance.now();
const res = await manual.inject({ method: 'POST', url: '/__mock/pushes/deliver', payload: {} });
const seconds = (performance.now() - started) / 1000;
const delivered = res.json().results.filter((r) => r.event === 'push.delivered').length;
await manual.close();
await rx.close();

const result = {
  latency_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), flows: FLOWS },
  outbox: { delivered, seconds: round(seconds), pushes_per_second: round(delivered / seconds, 0) },
};
process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `push latency p50 ${result.latency_ms.p50} ms, p99 ${result.latency_ms.p99} ms (${FLOWS} flows)\noutbox: ${delivered} pushes in ${result.outbox.seconds} s = ${result.outbox.pushes_per_second}/s\n`);
