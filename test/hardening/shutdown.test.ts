// Shutdown: SIGTERM (and SIGINT) stop the mock however it was started — the bin, or `npm start`,
// where npm hands the signal to a shell that does not pass it on — free the port, answer a request
// already received, and finish within the shutdown timeout even while a client trickles.
import { describe, expect, it } from 'vitest';
import { groupMembers } from '../processes.js';
import { CLI, closedWithin, openSocket, portOpen, sleep, startMock } from './cli-process.js';
import { cleanedUpAfterEach } from './cli-process.js';

const { running, sockets, timers } = cleanedUpAfterEach();

/** Polls until no process of the group is left, or `ms` have passed; resolves with what is left. */
async function groupEnds(pgid: number, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  while (groupMembers(pgid).length > 0 && Date.now() < deadline) await sleep(50);
  return groupMembers(pgid);
}

const DEADLINE = 1000; // --shutdown-timeout in these tests
const MARGIN = 4000;

describe('shutdown (compiled CLI)', () => {
  const viaNpm: [string, string, string[]][] = [
    ['`npm start`', 'npm', ['start', '--silent', '--']],
    // --offline: the package's own bin, never the registry.
    ['`npx secuconnect-mock`', 'npx', ['--offline', 'secuconnect-mock']],
  ];
  for (const [name, command, args] of viaNpm) {
    it(`SIGTERM to the npm process of ${name} stops the mock: the port is freed and every process ends`, async () => {
      const mock = await startMock(command, [...args, '--port', '0', '--shutdown-timeout', String(DEADLINE)]);
      running.push(mock.child);
      expect(mock.output()).not.toContain('precompiled'); // no build on start (the build script prints this)
      expect((await fetch(`${mock.url}/__mock/health`)).status).toBe(200);
      process.kill(mock.child.pid!, 'SIGTERM'); // npm only, not the group
      expect(await groupEnds(mock.child.pid!, DEADLINE + MARGIN), 'still running after SIGTERM to npm').toEqual([]);
      expect(await portOpen(mock.port), 'the port is still taken').toBe(false);
    }, 40_000);
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the bin exits 0 and frees the port`, async () => {
      const mock = await startMock(process.execPath, [CLI, 'start', '--port', '0', '--shutdown-timeout', String(DEADLINE)]);
      running.push(mock.child);
      process.kill(mock.child.pid!, signal);
      expect(await Promise.race([mock.exited, sleep(DEADLINE + MARGIN).then(() => 'still running')])).toBe(0);
      expect(await portOpen(mock.port)).toBe(false);
    }, 30_000);
  }

  it('a client trickling its headers does not keep SIGTERM from finishing: closed after the shutdown timeout, exit 0', async () => {
    // Long slow-client timeouts: only the shutdown timeout can end this connection.
    const mock = await startMock(process.execPath, [
      CLI, 'start', '--port', '0', '--shutdown-timeout', String(DEADLINE), '--headers-timeout', '60000', '--request-timeout', '60000',
    ]);
    running.push(mock.child);
    const socket = await openSocket(mock.port);
    sockets.push(socket);
    socket.on('error', () => {});
    socket.write('GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
    timers.push(timer);
    await sleep(300);
    process.kill(mock.child.pid!, 'SIGTERM');
    expect(await Promise.race([mock.exited, sleep(DEADLINE + MARGIN).then(() => 'still running')])).toBe(0);
    expect(await closedWithin(socket, 1000)).toBe(true);
  }, 30_000);

  /**
   * A mock whose token request has its headers in but not its body when SIGTERM arrives; `then`
   * is what the client writes after the signal (the body, maybe more).
   */
  async function signalWithRequestInFlight(then: (body: string) => string) {
    // A shutdown timeout far beyond the bounds below: connections must close because their requests are done.
    const mock = await startMock(process.execPath, [CLI, 'start', '--port', '0', '--shutdown-timeout', '30000']);
    running.push(mock.child);
    const socket = await openSocket(mock.port);
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    const body = 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret';
    socket.write(
      `POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await sleep(300); // the server has the headers: the request is in flight
    process.kill(mock.child.pid!, 'SIGTERM');
    await sleep(300);
    socket.write(then(body));
    expect(await closedWithin(socket, 5000)).toBe(true);
    expect(await Promise.race([mock.exited, sleep(5000).then(() => 'still running')])).toBe(0);
    return received;
  }

  it('answers a request received before SIGTERM whose body arrives after it, then closes its connection without waiting for the timeout', async () => {
    const received = await signalWithRequestInFlight((body) => body);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('"access_token"');
  }, 40_000);

  it('answers a request that arrives on a busy connection during shutdown, with Connection: close, not a bare 503', async () => {
    // The first request's body and, pipelined behind it, a second request.
    const received = await signalWithRequestInFlight((body) => `${body}GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200']);
    expect(received.split('\r\n\r\n')[2]).toMatch(/^\{/);
    expect(received).toMatch(/connection: close/i);
  }, 40_000);
});
