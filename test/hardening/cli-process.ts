// Starts the compiled CLI (or `npm start`) in a process group of its own and waits for its banner.
// Shared by the slow-client and shutdown tests; every process goes through test/processes.ts.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../server/paths.js';
import { afterEach } from 'vitest';
import { spawnGroup, stopGroup, type Child } from '../processes.js';

// Built by the global setup (test/build-dist.ts) when missing or stale.
export const CLI = join(packageRoot, 'dist', 'server', 'cli.js');

export interface Started {
  child: Child;
  url: string;
  port: number;
  exited: Promise<number | null>;
  output: () => string;
}

export async function startMock(command: string, args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawnGroup(command, args, {
    cwd: packageRoot,
    env: { ...process.env, PORT: '', HOST: '', SECUCONNECT_MOCK_FIXTURES: '', ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 20 s: ${out}`)), 20_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening: ${out}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), exited, output: () => out };
}

/** A socket to 127.0.0.1:port, resolved once connected. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the socket is closed (by either side), or with false after `ms`. */
export function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Whether something accepts connections on the port. */
export async function portOpen(port: number): Promise<boolean> {
  try {
    (await openSocket(port)).destroy();
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a test starts (mocks, sockets, intervals), ended after each test of the file that calls this. */
export function cleanedUpAfterEach() {
  const running: Child[] = [];
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  afterEach(async () => {
    for (const t of timers.splice(0)) clearInterval(t);
    for (const s of sockets.splice(0)) s.destroy();
    for (const child of running.splice(0)) await stopGroup(child);
  });
  return { running, sockets, timers };
}
