// Slow clients: a client that trickles its headers or its body is cut off after the configured
// timeout (headers: closed; body: 408, then closed), and while hundreds of such connections are
// open a fresh client is still answered.
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLI, closedWithin, openSocket, sleep, startMock } from './cli-process.js';
import { cleanedUpAfterEach } from './cli-process.js';

const { running, sockets, timers } = cleanedUpAfterEach();

/** Writes `chunk` every `ms` while the socket is open. */
function trickle(socket: Socket, chunk: string, ms: number): void {
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(chunk);
  }, ms);
  timers.push(timer);
  socket.on('error', () => {}); // reset by the server: expected
}

/** The secuconnect envelope as the body of a raw HTTP answer. */
function expectRawEnvelope(raw: string, error: string, code: number, details = ''): void {
  const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
  expect(body).toMatchObject({ status: 'error', error, code, supportId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  expect(body.error_details).toContain(details);
}

async function start(args: string[]) {
  const mock = await startMock(process.execPath, [CLI, 'start', '--port', '0', ...args]);
  running.push(mock.child);
  return mock;
}

describe('slow clients (compiled CLI)', () => {
  it('answers a fresh client while 500 connections trickle their headers, and closes those after the headers timeout', async () => {
    const mock = await start(['--headers-timeout', '1000', '--request-timeout', '3000']);
    const slow: Socket[] = [];
    for (let i = 0; i < 500; i++) {
      const socket = await openSocket(mock.port);
      sockets.push(socket);
      slow.push(socket);
      socket.write('GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      trickle(socket, 'X-Slow: 1\r\n', 200);
    }
    // A connection that sends nothing at all is closed too.
    const silent = await openSocket(mock.port);
    sockets.push(silent);
    silent.on('error', () => {});

    const health = await fetch(`${mock.url}/__mock/health`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(slow.filter((s) => s.destroyed), 'slow connections already closed when the fresh client was answered').toHaveLength(0);

    const closed = await Promise.all([...slow, silent].map((s) => closedWithin(s, 8000)));
    expect(closed.filter((c) => !c), 'slow connections still open 8 s after a 1 s headers timeout').toHaveLength(0);
  }, 40_000);

  it('answers 408 to a request whose body trickles past the request timeout, and closes the connection', async () => {
    const mock = await start(['--headers-timeout', '500', '--request-timeout', '1500']);
    const socket = await openSocket(mock.port);
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.write('POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n');
    trickle(socket, 'a', 100); // 1000 bytes would take 100 s
    expect(await closedWithin(socket, 10_000), 'trickled body still open 10 s after a 1.5 s request timeout').toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expectRawEnvelope(received, 'ProductFormatException', 4006, 'within 1500 ms');
  }, 30_000);

  it('answers oversize headers with 431 and bytes that are not HTTP with 400, both in the envelope', async () => {
    const mock = await start([]);
    for (const [request, status, code] of [
      [`GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 4007],
      ['\u0000\u0001 not http at all\r\n\r\n', 400, 4008],
    ] as const) {
      const socket = await openSocket(mock.port);
      sockets.push(socket);
      socket.on('error', () => {});
      let received = '';
      socket.on('data', (chunk) => (received += chunk));
      socket.write(request);
      expect(await closedWithin(socket, 5000)).toBe(true);
      expect(received).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expectRawEnvelope(received, 'ProductFormatException', code);
    }
    expect((await fetch(`${mock.url}/__mock/health`)).status).toBe(200);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const mock = await start(['--keep-alive-timeout', '300']);
    const socket = await openSocket(mock.port);
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.write('GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await closedWithin(socket, 5000), 'idle keep-alive connection still open 5 s after a 0.3 s timeout').toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
  }, 20_000);

  it('refuses connections beyond --max-connections and accepts again once they close', async () => {
    const mock = await start(['--max-connections', '20']);
    const held: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = await openSocket(mock.port);
      socket.on('error', () => {});
      sockets.push(socket);
      held.push(socket);
    }
    await sleep(200); // the server has accepted them all
    const extra = await openSocket(mock.port);
    extra.on('error', () => {});
    sockets.push(extra);
    expect(await closedWithin(extra, 5000), 'the 21st connection was not refused').toBe(true);
    expect(held.filter((s) => s.destroyed)).toHaveLength(0);

    for (const s of held) s.destroy();
    await sleep(200);
    const health = await fetch(`${mock.url}/__mock/health`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
  }, 20_000);
});
