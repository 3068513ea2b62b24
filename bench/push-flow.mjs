// Pushes flowing from a running mock: a receiver on 127.0.0.1 that answers 200 and notes when each
// push arrived, and a paced driver of create -> prepare/debit -> start flows whose Smart
// Transactions carry the receiver's url_push (two pushes per flow: the payment transaction
// `added` at prepare, `changed` at the capture). run.mjs forks it beside a GET round, so that its
// work does not hold up autocannon's event loop: `startPushFlow(options)` -> `stop()` -> figures.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { percentile, round } from './lib.mjs';

/** A receiver answering 200; `arrivals` maps `<type>:<object id>` to the time the body was in. */
export async function pushReceiver() {
  const arrivals = new Map();
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const push = JSON.parse(text);
      res.writeHead(200).end('OK');
      const key = `${push.type}:${push.data[0].id}`;
      if (!arrivals.has(key)) arrivals.set(key, performance.now());
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/push`,
    arrivals,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Starts `flowsPerSecond` flows a second (at most `maxInFlight` at once) against `mockUrl`;
 * `stop()` waits for the flows in flight and a moment for their pushes, then answers the flows
 * done, failed, and the send times of each push's causing request (`<type>:<PCI id>` -> time).
 */
export function pushFlow({ mockUrl, headers, receiverUrl, containerId, body, flowsPerSecond = 25, maxInFlight = 20 }) {
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  const sent = new Map();
  const inFlight = new Set();
  let done = 0;
  let failed = 0;
  const post = async (path, payload) => {
    const res = await fetch(`${mockUrl}/api/v2${path}`, { method: 'POST', headers: jsonHeaders, body: JSON.stringify(payload) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return JSON.parse(text);
  };
  async function flow() {
    const stx = await post('/Smart/Transactions', { ...body, application_context: { return_urls: { url_push: receiverUrl } } });
    const t0 = performance.now();
    const prepared = await post(`/Smart/Transactions/${stx.id}/prepare/debit`, { container: { id: containerId } });
    const pci = prepared.transactions[0].id;
    sent.set(`added:${pci}`, t0);
    const t1 = performance.now();
    await post(`/Smart/Transactions/${stx.id}/start/debit`, {});
    sent.set(`changed:${pci}`, t1);
  }
  const timer = setInterval(() => {
    if (inFlight.size >= maxInFlight) return;
    const p = flow().then(
      () => done++,
      () => failed++,
    );
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }, 1000 / flowsPerSecond);
  const started = performance.now();
  return {
    async stop() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { flows: done, failed, seconds, sent };
    },
  };
}

/** Forks this file with `options`; resolves once its flow runs, with `stop()` answering the figures. */
export function startPushFlow(options) {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const message = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`bench/push-flow.mjs exited with ${code}`)));
    });
  return message().then(() => ({
    async stop() {
      const answer = message();
      child.send('stop');
      const figures = await answer;
      child.disconnect();
      return figures;
    },
  }));
}

// Forked: run the receiver and the flow until the parent says stop, then answer the figures.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = JSON.parse(process.argv[2]);
  const receiver = await pushReceiver();
  const flow = pushFlow({ ...options, receiverUrl: receiver.url });
  process.send('running');
  process.once('message', async () => {
    const r = await flow.stop();
    await receiver.close();
    const latencies = [...r.sent].filter(([key]) => receiver.arrivals.has(key)).map(([key, t]) => receiver.arrivals.get(key) - t);
    process.send({
      flows: r.flows,
      failed: r.failed,
      seconds: round(r.seconds, 1),
      pushes_sent: r.sent.size,
      pushes_arrived: latencies.length,
      pushes_per_second: round(latencies.length / r.seconds, 0),
      latencies_ms: latencies.map((x) => round(x, 2)),
      latency_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
    });
  });
}
