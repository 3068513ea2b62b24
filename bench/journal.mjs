// The request journal's cost on the hot path: GET one Smart Transaction from a mock with the journal
// on (the default, --journal-size 1000) and one with it off (--journal-size 0), against bare Fastify
// serving the same JSON, in alternating rounds (best kept). Called by bench/run.mjs (--only journal).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { throughputScenario } from './fixtures.mjs';
import { BARE, CLI, spawnServer, throughput } from './lib.mjs';

export async function journalThroughput({ tmp, run, rounds, connections, log, show, best, commands }) {
  const scenarioFile = join(tmp, 'bench-journal-scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(throughputScenario(40), null, 1));
  commands.journal_on = 'node dist/server/cli.js start --port 0 --fixtures <default scenario + 40 paid Smart Transactions>   (journal on: the default)';
  commands.journal_off = `${commands.journal_on.split('   ')[0]} --journal-size 0`;
  const servers = [];
  try {
    const on = await spawnServer([CLI, 'start', '--port', '0', '--fixtures', scenarioFile]);
    servers.push(on);
    const off = await spawnServer([CLI, 'start', '--port', '0', '--fixtures', scenarioFile, '--journal-size', '0']);
    servers.push(off);
    const tokenOf = async (url) => {
      const res = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
      });
      return { authorization: `Bearer ${(await res.json()).access_token}`, accept: 'application/json' };
    };
    const onHeaders = await tokenOf(on.url);
    const offHeaders = await tokenOf(off.url);
    const paid = (await (await fetch(`${on.url}/api/v2/Smart/Transactions?q=merchantRef:order-1002`, { headers: onHeaders })).json()).data[0];
    const stxPath = `/api/v2/Smart/Transactions/${paid.id}`;
    const stxFile = join(tmp, 'stx-journal.json');
    writeFileSync(stxFile, await (await fetch(on.url + stxPath, { headers: onHeaders })).text());
    const bare = await spawnServer([BARE, stxFile, '0']);
    servers.push(bare);

    log(`journal: GET one, journal on / off / bare Fastify (${run.seconds} s each, ${rounds} rounds in alternating order, best kept):`);
    const contenders = [
      ['get_one_journal_on', 'mock, journal on: GET one', { url: on.url + stxPath, connections, headers: onHeaders }, on.child.pid],
      ['get_one_journal_off', 'mock, journal off: GET one', { url: off.url + stxPath, connections, headers: offHeaders }, off.child.pid],
      ['bare_get_one', 'bare Fastify: GET the same JSON', { url: bare.url + stxPath, connections }, bare.child.pid],
    ];
    const all = Object.fromEntries(contenders.map(([key]) => [key, []]));
    // Every other round in reverse order: on a loaded machine a round's position weighs several µs.
    for (let i = 0; i < rounds; i++) {
      for (const [key, name, opts, pid] of i % 2 ? [...contenders].reverse() : contenders) {
        const r = await throughput(name, opts, { seconds: run.seconds, warmupSeconds: i === 0 ? run.warmupSeconds : 0 }, pid);
        all[key].push(r);
        show(r, `  (round ${i + 1})`);
      }
    }
    const out = Object.fromEntries(contenders.map(([key, name]) => [key, best(name, all[key])]));
    // The journal really recorded the load (bounded: the newest 1000 of the client).
    const kept = await (await fetch(`${on.url}/__mock/requests?client_id=demo-client&limit=1000`)).json();
    out.journal_entries_kept = kept.count;
    return out;
  } finally {
    for (const s of servers.reverse()) await s.stop();
  }
}
