// `node bench/memory-attacks.mjs [--clients-only]`: the mock's RSS under the two floods that once
// ended in an out-of-memory abort, against the built CLI with its default limits, on loopback.
//   1. provider-state calls `a client with credentials` with 0.5 MB client ids, then with short
//      distinct ones past --max-clients;
//   2. customers of 1 MiB, then the largest Smart Transactions the schemas take (500 products,
//      about 0.8 MB each) from every client until the memory budget refuses them.
// Prints one JSON object; nothing is written.
import { readFileSync } from 'node:fs';
import { CLI, spawnServer } from './lib.mjs';

const rssMiB = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]);
  return { rss: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
};

const server = await spawnServer([CLI, 'start', '--port', '0']);
const { url, child } = server;
const json = (method, path, body, headers = {}) =>
  fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Runs `n` calls, `inFlight` at a time; counts the answers by status. */
async function flood(n, inFlight, call) {
  const statuses = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) {
        const i = next++;
        const res = await call(i);
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

const result = { start: rssMiB(child.pid) };
const bigId = 'x'.repeat(512 * 1024);
result.clientIds = {
  statuses: await flood(8412, 8, (i) => json('POST', '/__mock/provider-states', { state: 'a client with credentials', params: { client_id: `${bigId}${i}`, client_secret: 's' } })),
  after: rssMiB(child.pid),
};
result.manyClients = {
  statuses: await flood(1200, 8, (i) => json('POST', '/__mock/provider-states', { state: 'a client with credentials', params: { client_id: `shop-${i}`, client_secret: 'secret' } })),
  after: rssMiB(child.pid),
};

if (!process.argv.includes('--clients-only')) {
  const tokenOf = async (client_id, client_secret) =>
    (await (await json('POST', '/oauth/token', { grant_type: 'client_credentials', client_id, client_secret })).json()).access_token;
  const demo = await tokenOf('demo-client', 'demo-secret');
  const customer = { contact: { forename: 'Max', surname: 'x'.repeat(1_000_000) } };
  result.bigCustomers = {
    statuses: await flood(4082, 4, () => json('POST', '/api/v2/Payment/Customers', customer, { authorization: `Bearer ${demo}` })),
    after: rssMiB(child.pid),
  };
  const product = { id: 1, desc: 'd'.repeat(1400), articleNumber: 'a'.repeat(200), quantity: 1, priceOne: 1 };
  const basket = { intent: 'sale', basket: { products: Array.from({ length: 500 }, () => product) }, basket_info: { sum: 500, currency: 'EUR' } };
  const tokens = [demo];
  for (let i = 0; i < 20; i++) tokens.push(await tokenOf(`shop-${i}`, 'secret'));
  // Client after client, until the mock as a whole refuses.
  const perClient = [];
  for (const token of tokens) {
    let stored = 0;
    let refusal;
    while (!refusal) {
      const res = await json('POST', '/api/v2/Smart/Transactions', basket, { authorization: `Bearer ${token}` });
      if (res.status === 200) stored++;
      else refusal = (await res.json()).error_details;
      if (res.status === 200) await res.arrayBuffer();
    }
    perClient.push({ stored, refusal: /--max-[a-z-]+/.exec(refusal)?.[0] ?? refusal });
    if (refusal.includes('--max-stored-bytes')) break;
  }
  result.largestTransactions = { perClient, after: rssMiB(child.pid) };
  result.stillAnswers = (await fetch(`${url}/__mock/health`)).status;
}

await server.stop();
console.log(JSON.stringify(result, null, 2));
