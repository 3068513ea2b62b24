// `npm run bench:slow`: how a fresh client fares while thousands of slow clients are connected.
// Starts the built CLI (default timeouts unless flags say otherwise), measures a fresh client's
// GET /__mock/health latency (a new connection per request) with no slow clients, then opens
// --slow connections (5 000) that send a partial request and trickle a header line every second,
// measures again, and records when the server closes the slow ones (its headers timeout).
// Everything on 127.0.0.1; the server is stopped at the end. Prints one JSON object.
//
//   node bench/slow-clients.mjs [--slow 5000] [--requests 200] [--headers-timeout 10000]
import { request } from 'node:http';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { CLI, machine, median, round, spawnServer } from './lib.mjs';

const { values } = parseArgs({
  options: {
    slow: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '200' },
    'headers-timeout': { type: 'string' },
  },
});
const SLOW = Number(values.slow);
const REQUESTS = Number(values.requests);
const serverArgs = [CLI, 'start', '--port', '0'];
if (values['headers-timeout']) serverArgs.push('--headers-timeout', values['headers-timeout']);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET on a connection of its own; resolves with the ms to the whole answer, or throws. */
function freshGet(url) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/__mock/health`, { agent: false, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
    req.end();
  });
}

async function latencies(url) {
  const ms = [];
  let failed = 0;
  for (let i = 0; i < REQUESTS; i++) {
    try {
      ms.push(await freshGet(url));
    } catch {
      failed++;
    }
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    requests: REQUESTS,
    failed,
    medianMs: round(median(ms)),
    p99Ms: round(sorted[Math.floor(sorted.length * 0.99)] ?? null),
    maxMs: round(sorted.at(-1) ?? null),
  };
}

const server = await spawnServer(serverArgs);
const port = Number(new URL(server.url).port);
const result = { machine: machine(), server: serverArgs.slice(1).join(' '), slowConnections: SLOW };
const sockets = [];
let trickle;
try {
  result.fresh = await latencies(server.url);

  const openedAt = [];
  const closedAfter = [];
  let refused = 0;
  for (let i = 0; i < SLOW; i++) {
    const socket = await new Promise((resolve) => {
      const s = connect({ port, host: '127.0.0.1' }, () => resolve(s));
      s.once('error', () => resolve(null));
    });
    if (!socket) {
      refused++;
      continue;
    }
    socket.on('error', () => {});
    const at = performance.now();
    openedAt.push(at);
    socket.once('close', () => closedAfter.push(performance.now() - at));
    socket.write('GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    sockets.push(socket);
  }
  trickle = setInterval(() => {
    for (const s of sockets) if (!s.destroyed) s.write('X-Slow: 1\r\n');
  }, 1000);
  const openMs = performance.now() - openedAt[0];
  await sleep(200);
  const stillOpen = sockets.filter((s) => !s.destroyed).length;
  result.withSlow = { ...(await latencies(server.url)), slowOpenWhenMeasuring: stillOpen, refusedWhileOpening: refused, msToOpenAll: round(openMs, 0) };
  result.withSlow.slowStillOpenAfterMeasuring = sockets.filter((s) => !s.destroyed).length;

  // How long the server lets a slow connection live: until every one is closed (60 s at most).
  const deadline = performance.now() + 60_000;
  while (sockets.some((s) => !s.destroyed) && performance.now() < deadline) await sleep(100);
  result.slowClosedByServer = {
    closed: closedAfter.length,
    of: sockets.length,
    medianAfterMs: round(median(closedAfter), 0),
    maxAfterMs: round(Math.max(...closedAfter), 0),
  };
  result.afterSlowClosed = await latencies(server.url);
} finally {
  clearInterval(trickle);
  for (const s of sockets) s.destroy();
  await server.stop();
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
