// No list request blocks the others: a wildcard `q` over a long stored value is matched in linear
// time, `q` reads only own fields, `count`, `offset`, `q` and its wildcards are bounded, and a list
// gives the event loop back while it scans (timings are in bench/list-worst-case.mjs, not here).
import { describe, expect, it } from 'vitest';
import { listPage, listPageAsync, MAX_PAGE_SIZE, MAX_PATTERN_LENGTH } from '../../server/domain/list-query.js';
import { DEMO, demoApi, expectEnvelope } from '../helpers.js';

// The API stores at most 2 000 characters per string now; the matcher is checked over far longer
// values put straight into the store, so that it stays linear whatever a value's length.
const LONG = 900_000;

describe('q over long values', () => {
  it('answers a hostile wildcard over several 900 000-character values, and the server still answers', { timeout: 8_000 }, async () => {
    const { app, call } = await demoApi();
    const customers = app.store.tenant(DEMO.client_id)!.customers;
    for (const end of ['x', 'y', 'z', 'w', 'v', 'u']) {
      const res = await call('POST', '/Payment/Customers', { contact: { forename: 'Long', surname: 'short' } });
      expect(res.status).toBe(200);
      const stored = customers.get(res.body.id)!;
      customers.put({ ...stored, contact: { ...stored.contact, surname: 'a'.repeat(LONG) + end } });
    }
    // Before, each value cost value length × pattern length steps: over two seconds per customer.
    const hostile = `contact.surname:*${'a'.repeat(253)}b*`;
    const none = await call('GET', `/Payment/Customers?q=${encodeURIComponent(hostile)}&fields=id`);
    expect(none.status).toBe(200);
    expect(none.body.count).toBe(0);
    const starry = `contact.surname:${'*a'.repeat(40)}*z`;
    expect((await call('GET', `/Payment/Customers?q=${encodeURIComponent(starry)}&fields=id`)).body.count).toBe(1);
    const marks = `contact.surname:*${'a?'.repeat(30)}*w`;
    expect((await call('GET', `/Payment/Customers?q=${encodeURIComponent(marks)}&fields=id`)).body.count).toBe(1);
    expect((await call('GET', '/General/Merchants/me')).status).toBe(200);
  });

  it('refuses a wildcard value over the pattern bound, and a q over its length, with the format envelope', async () => {
    const { call } = await demoApi();
    const long = await call('GET', `/Payment/Customers?q=${encodeURIComponent(`contact.surname:*${'a'.repeat(MAX_PATTERN_LENGTH)}*`)}`);
    expectEnvelope(long, 400, 'ProductFormatException');
    expect(JSON.stringify(long.body)).toMatch(/q: a wildcard value/);
    expectEnvelope(await call('GET', `/Payment/Customers?q=${encodeURIComponent(`contact.surname:${'*a'.repeat(70)}`)}`), 400, 'ProductFormatException');
    expectEnvelope(await call('GET', `/Payment/Customers?q=${'x:'.repeat(600)}`), 400, 'ProductFormatException');
  });
});

describe('q reads own fields only', () => {
  it('matches nothing for __proto__, constructor or toString paths', async () => {
    const { call } = await demoApi();
    expect((await call('POST', '/Payment/Customers', { contact: { forename: 'Anna', surname: 'Schmidt' } })).status).toBe(200);
    for (const q of ['__proto__.toString:*', 'constructor:*', 'toString:*', 'contact.__proto__.hasOwnProperty:*', 'contact.constructor.name:Object']) {
      const res = await call('GET', `/Payment/Customers?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.body, q).toEqual({ count: 0, data: [] });
    }
    expect((await call('GET', `/Payment/Customers?q=${encodeURIComponent('contact.surname:Schm*')}`)).body.count).toBe(1);
  });
});

describe('page bounds', () => {
  it(`answers count up to ${MAX_PAGE_SIZE} and refuses more, naming count`, async () => {
    const { call } = await demoApi();
    expect((await call('GET', `/Payment/Customers?count=${MAX_PAGE_SIZE}`)).status).toBe(200);
    for (const count of [MAX_PAGE_SIZE + 1, 1_000_000_000]) {
      const res = await call('GET', `/Smart/Transactions?count=${count}`);
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(JSON.stringify(res.body)).toMatch(/count/);
    }
  });

  it('refuses an offset over 10 000 000, naming offset', async () => {
    const { call } = await demoApi();
    expect((await call('GET', '/Payment/Customers?offset=10000000')).body.data).toEqual([]);
    const res = await call('GET', '/Payment/Customers?offset=10000001');
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(JSON.stringify(res.body)).toMatch(/offset/);
  });
});

describe('a long scan', () => {
  it('lets other work run while it formats and filters', async () => {
    const items = Array.from({ length: 512 }, (_, i) => ({ object: 'x', id: String(i), n: i }));
    const slow = (e: (typeof items)[number]) => {
      const until = performance.now() + 0.1;
      while (performance.now() < until);
      return e;
    };
    const order: string[] = [];
    setImmediate(() => order.push('other'));
    const page = await listPageAsync(items, slow, { q: 'n:[500 TO *]', sort: 'n:desc', count: 3 });
    order.push('list');
    expect(order).toEqual(['other', 'list']);
    expect(page).toEqual({ count: 12, data: [items[511], items[510], items[509]] });
  });

  it('sorts a large collection in slices to the order a whole sort gives, ties in creation order', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ object: 'x', id: String(i), k: `K${(i * 7919) % 37}`, n: (i * 104729) % 101 }));
    const whole = [...items].sort((a, b) => a.k.localeCompare(b.k) || b.n - a.n);
    const paged = [0, 1000, 2000, 3000, 4000].flatMap((offset) => listPage(items, (e) => e, { sort: 'k:asc,n:desc', count: 1000, offset }).data);
    expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
  });
});
