// Shared by the bench scripts: spawning a server process and reading its URL from the banner,
// free ports, polling for the first 200, autocannon as a promise, statistics, machine facts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
export const BARE = fileURLToPath(new URL('./bare-fastify.mjs', import.meta.url));

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The value at percentile `p` (0–100) of `xs`, nearest rank below. */
export const percentile = (xs, p) => {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
export const round = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits)));

/**
 * Spawns `node <args>` and resolves once a stdout line matches `banner` (its first group is the
 * URL). `startMs` is the time from spawn to the banner.
 */
export function spawnServer(args, { banner = /listening on (http:\/\/\S+)/, cwd = ROOT, env = process.env, timeoutMs = 30_000 } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner after ${timeoutMs} ms from node ${args.join(' ')}\n${out}${err}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${args.join(' ')} exited with ${code} before its banner\n${out}${err}`));
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = banner.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ url: m[1], child, started, startMs: performance.now() - started, stop: () => stop(child) });
      }
    });
  });
}

/** SIGTERM, then SIGKILL if the process is still there after 3 s. Only the child we spawned. */
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200 (a server that prints no banner, like Prism). */
export async function waitFor200(url, { timeoutMs = 60_000, intervalMs = 20, headers } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs autocannon and resolves with its result; refuses results with errors or non-2xx answers. */
export function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, ...opts }, (err, result) => {
      if (err) return reject(err);
      resolve(result);
    });
  });
}

/** CPU time (user + system) a process has used, in ms; undefined where /proc is not there. */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return undefined;
  }
}

/**
 * A warm-up of `warmupSeconds`, then the measured run of `seconds`: req/s, p50, p99, the problems,
 * and (given the server's pid, on Linux) the server's CPU time per request and its CPU use, which
 * say how much of the machine the server got.
 */
export async function throughput(name, opts, { seconds, warmupSeconds }, pid) {
  if (warmupSeconds > 0) await cannon({ ...opts, duration: warmupSeconds });
  const cpu0 = pid && processCpuMs(pid);
  const r = await cannon({ ...opts, duration: seconds });
  const cpu = pid && cpu0 !== undefined ? processCpuMs(pid) - cpu0 : undefined;
  const figures = {
    name,
    requests_per_second: round(r.requests.average, 0),
    latency_p50_ms: r.latency.p50,
    latency_p99_ms: r.latency.p99,
    requests: r.requests.total,
    non_2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    connections: r.connections,
    duration_s: round(r.duration, 1),
    server_cpu_us_per_request: cpu === undefined ? null : round((cpu * 1000) / r.requests.total, 1),
    server_cpu_percent: cpu === undefined ? null : round((cpu / (r.duration * 1000)) * 100, 0),
  };
  return figures;
}

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpu_model: cpus[0]?.model ?? 'unknown',
    memory_gib: round(os.totalmem() / 2 ** 30, 1),
    load_average_at_start: os.loadavg().map((x) => round(x, 2)),
  };
}
