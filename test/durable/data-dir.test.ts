// --data-dir: the state survives restarts. A request is answered only once its change is fsynced;
// after SIGKILL at any moment a restart has every acknowledged change and no half of one; a torn
// tail is reported and skipped; ids are never handed out twice; reset goes back to the scenario.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, CLI, sleep, startMock } from '../hardening/cli-process.js';
import { expectAcknowledged, flowBurst } from '../flow-burst.js';
import { startReceiver } from '../pushes/receiver.js';
import { api, tokenAt } from '../real-http.js';

const { running } = cleanedUpAfterEach();
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir() {
  const dir = await mkdtemp(join(tmpdir(), 'secuconnect-mock-data-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string) {
  const mock = await startMock(process.execPath, [CLI, 'start', '--port', '0', '--data-dir', dir]);
  running.push(mock.child);
  return mock;
}

async function kill(mock: Awaited<ReturnType<typeof start>>) {
  mock.child.kill('SIGKILL');
  await mock.exited;
}

const subscriptionBasket = (planId: string) => ({
  intent: 'sale',
  basket: { products: [{ id: 1, item_type: 'subscription', plan_id: planId, desc: 'Abo', quantity: 1, priceOne: 990 }] },
  basket_info: { sum: 990, currency: 'EUR' },
});

describe('--data-dir', () => {
  it('keeps a subscription flow, its token and the id sequence across a SIGKILL and restart', async () => {
    const dir = await dataDir();
    let mock = await start(dir);
    const token = await tokenAt(mock.url);
    let call = api(mock.url, token);
    const plans = await call('GET', '/Payment/Plans');
    const stx = await call('POST', '/Smart/Transactions', { ...subscriptionBasket(plans.body.data[0].id), customer: { contact: { forename: 'Max', surname: 'Dauer' } } });
    expect(stx.status).toBe(200);
    expect((await call('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Max Dauer', iban: 'DE89370400440532013000' } } })).body.status).toBe('approved');
    const started = await call('POST', `/Smart/Transactions/${stx.body.id}/start`);
    expect(started.body.status).toBe('ok');
    await kill(mock);

    const firstUrl = mock.url;
    mock = await start(dir);
    call = api(mock.url, token); // the token issued before the restart
    const after = await call('GET', `/Smart/Transactions/${stx.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('ok');
    // The same object; only its links name the new port.
    const unported = (body: unknown, url: string) => JSON.parse(JSON.stringify(body).replaceAll(url, 'http://mock'));
    expect(unported(after.body, mock.url)).toEqual(unported(started.body, firstUrl));
    const subscriptionId = after.body.subscription?.id ?? after.body.basket.products[0].subscription_id;
    const subscriptions = await call('GET', '/Payment/Subscriptions');
    expect(subscriptions.body.data.map((s: { id: string; status: string }) => [s.id, s.status])).toContainEqual([expect.any(String), 'active']);
    expect(subscriptionId === undefined || subscriptions.body.data.some((s: { id: string }) => s.id === subscriptionId)).toBe(true);
    const transaction = after.body.transactions[0];
    expect((await call('GET', `/Payment/Transactions/${transaction.id}`)).status).toBe(200);
    // New objects get ids never handed out before the restart.
    const before = new Set([stx.body.id, after.body.customer.id, after.body.container.id, transaction.id]);
    const fresh = await call('POST', '/Payment/Customers', { contact: { forename: 'Neu', surname: 'Kunde' } });
    expect(before.has(fresh.body.id)).toBe(false);
  }, 60_000);

  it('after a SIGKILL in a burst of flows, every acknowledged step is there and consistent', async () => {
    const dir = await dataDir();
    let mock = await start(dir);
    const token = await tokenAt(mock.url);
    const call = api(mock.url, token);
    const burst = flowBurst(() => call, 8);
    await sleep(1500);
    mock.child.kill('SIGKILL');
    await burst.stop();
    await mock.exited;
    expect(burst.acknowledged.size).toBeGreaterThan(5);

    mock = await start(dir);
    await expectAcknowledged(api(mock.url, token), burst.acknowledged);
  }, 60_000);

  it('reports a torn or corrupt tail, loads what comes before it, and never the tail', async () => {
    const dir = await dataDir();
    let mock = await start(dir);
    const token = await tokenAt(mock.url);
    const kept = await api(mock.url, token)('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: 'Bleibt' } });
    await kill(mock);
    const log = join(dir, 'journal.log');
    const good = await readFile(log, 'utf8');
    expect(good.length).toBeGreaterThan(0);
    // A half-written entry: what a crash in the middle of a write leaves.
    const torn = JSON.stringify({ k: 'write', client: 'demo-client', puts: [['customers', { id: 'PCU_TORN' }]] });
    await appendFile(log, `0123456789abcdef ${torn.slice(0, 40)}`);

    mock = await start(dir);
    await sleep(200);
    expect(mock.output()).toMatch(/data dir: a torn last entry at byte \d+ of the journal/);
    const call = api(mock.url, token);
    expect((await call('GET', `/Payment/Customers/${kept.body.id}`)).body.contact.surname).toBe('Bleibt');
    await kill(mock);

    // A line whose checksum does not match (a flipped byte) stops the load there too.
    await writeFile(log, `${'0'.repeat(16)} ${torn}\n`);
    mock = await start(dir);
    await sleep(200);
    expect(mock.output()).toMatch(/data dir: a corrupt entry at byte 0/);
    expect((await api(mock.url, token)('GET', '/Payment/Customers/PCU_TORN')).status).toBe(404);
  }, 60_000);

  it('folds a long journal into a new snapshot while running, and a SIGKILL after it loses nothing', async () => {
    const dir = await dataDir();
    let mock = await startMock(process.execPath, [CLI, 'start', '--port', '0', '--data-dir', dir, '--compact-after-bytes', '4096']);
    running.push(mock.child);
    const token = await tokenAt(mock.url);
    let call = api(mock.url, token);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await call('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: `Nr${i}` } })).body.id);
    // Each customer's entry is about 700 bytes: without compaction the journal would hold 28 KB.
    expect((await readFile(join(dir, 'journal.log'))).length).toBeLessThan(4096 + 2048);
    expect(await readFile(join(dir, 'snapshot.json'), 'utf8')).toContain(ids[30]);
    await kill(mock);
    mock = await start(dir);
    call = api(mock.url, token);
    for (const [i, id] of ids.entries()) expect((await call('GET', `/Payment/Customers/${id}`)).body.contact.surname).toBe(`Nr${i}`);
  }, 60_000);

  it('keeps the push outbox: pending pushes survive a SIGKILL, and so does their delivery', async () => {
    const dir = await dataDir();
    const receiver = await startReceiver([200]);
    const startManual = async () => {
      const m = await startMock(process.execPath, [CLI, 'start', '--port', '0', '--data-dir', dir, '--pushes', 'manual']);
      running.push(m.child);
      return m;
    };
    let mock = await startManual();
    const token = await tokenAt(mock.url);
    let call = api(mock.url, token);
    const stx = await call('POST', '/Smart/Transactions', {
      intent: 'sale',
      basket_info: { sum: 1000, currency: 'EUR' },
      customer: { contact: { forename: 'Max', surname: 'Push' } },
      application_context: { return_urls: { url_push: receiver.url } },
    });
    await call('POST', `/Smart/Transactions/${stx.body.id}/prepare/debit`, { container: { type: 'bank_account', private: { owner: 'Max Push', iban: 'DE89370400440532013000' } } });
    const pushes = async () => (await (await fetch(`${mock.url}/__mock/pushes`)).json()) as { data: { body: { id: string }; status: string }[] };
    const before = await pushes();
    expect(before.data.length).toBeGreaterThan(0);
    await kill(mock);

    mock = await startManual();
    call = api(mock.url, token);
    const after = await pushes();
    expect(after.data.map((p) => [p.body.id, p.status])).toEqual(before.data.map((p) => [p.body.id, 'pending']));
    const delivered = await fetch(`${mock.url}/__mock/pushes/deliver`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ all: true }) });
    expect(delivered.status).toBe(200);
    expect(receiver.received.map((r) => r.body.id)).toEqual(before.data.map((p) => p.body.id));
    await kill(mock);

    mock = await startManual();
    expect((await pushes()).data.map((p) => p.status)).toEqual(before.data.map(() => 'delivered'));
    await receiver.close();
  }, 60_000);

  it('goes back to the scenario on reset, durably', async () => {
    const dir = await dataDir();
    let mock = await start(dir);
    const token = await tokenAt(mock.url);
    const made = await api(mock.url, token)('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: 'Weg' } });
    expect((await fetch(`${mock.url}/__mock/reset`, { method: 'POST' })).status).toBe(200);
    await kill(mock);
    mock = await start(dir);
    expect((await api(mock.url, token)('GET', `/Payment/Customers/${made.body.id}`)).status).toBe(404);
  }, 60_000);

  it('refuses a data dir of a newer format, or of another scenario, with a clear message', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'format.json'), JSON.stringify({ format: 99, scenario: 'x' }));
    await expect(start(dir)).rejects.toThrow(/written in format 99 by a newer secuconnect-mock; this one reads format 1/);
    await writeFile(join(dir, 'format.json'), JSON.stringify({ format: 1, scenario: 'another' }));
    await expect(start(dir)).rejects.toThrow(/holds the state of another scenario/);
  }, 30_000);
});
