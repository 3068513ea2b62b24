// The collection query every list route honours: paging, sorting, the `q` filter and `fields`.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, listPage } from '../../server/domain/list-query.js';
import type { ListQuery } from '../../server/schemas/common.js';
import { expectMockError } from './support.js';

interface Item {
  object: string;
  id: string;
  n: number;
  name: string;
  group: string;
  created: string;
  contact?: { surname?: string; address?: { city?: string } };
  tags?: string[];
  lines?: { sku: string }[];
}

const cities = ['Berlin', 'Dresden', 'Leipzig', 'Bonn'];
const items: Item[] = Array.from({ length: 45 }, (_, i) => ({
  object: 'test.items',
  id: `ITM_${String(i).padStart(30, '0')}`,
  n: i,
  name: `item-${i}`,
  group: i % 2 ? 'odd' : 'even',
  created: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+01:00`,
  contact: { surname: i % 3 ? 'Meier' : 'Mustermann', address: { city: cities[i % 4] } },
  tags: i % 5 === 0 ? ['five', 'round'] : ['plain'],
  lines: [{ sku: `SKU-${i}` }, { sku: i % 10 === 0 ? 'BONUS' : 'NONE' }],
}));

/** The page for `query`, formatting entities as themselves. */
const page = (query: ListQuery, from: Iterable<Item> = items) => listPage(from, (e) => e, query);
const ids = (query: ListQuery) => page(query).data.map((i) => i.n);

describe('listPage', () => {
  describe('paging', () => {
    it(`returns the first ${DEFAULT_PAGE_SIZE} items by default and counts all of them`, () => {
      const result = page({});
      expect(DEFAULT_PAGE_SIZE).toBe(20);
      expect(result.count).toBe(45);
      expect(result.data.map((i) => i.n)).toEqual([...Array(20).keys()]);
    });

    it('honours count and offset, and count still reports the whole collection', () => {
      expect(ids({ count: 5, offset: 10 })).toEqual([10, 11, 12, 13, 14]);
      expect(page({ count: 5, offset: 10 }).count).toBe(45);
      expect(ids({ offset: 40 })).toEqual([40, 41, 42, 43, 44]);
    });

    it('gives an empty page past the end and for count 0', () => {
      expect(page({ offset: 100 })).toEqual({ count: 45, data: [] });
      expect(page({ count: 0 })).toEqual({ count: 45, data: [] });
    });

    it('pages any iterable, not only arrays', () => {
      const map = new Map(items.map((i) => [i.id, i]));
      expect(page({ count: 3, offset: 2 }, map.values()).data.map((i) => i.n)).toEqual([2, 3, 4]);
    });

    it('formats only the items of the page when neither q nor sort is given', () => {
      let formatted = 0;
      listPage(items, (e) => (formatted++, e), { count: 3 });
      expect(formatted).toBe(3);
    });
  });

  describe('sort', () => {
    it('sorts numbers ascending and descending', () => {
      expect(ids({ sort: 'n:desc', count: 3 })).toEqual([44, 43, 42]);
      expect(ids({ sort: 'n:asc', count: 3 })).toEqual([0, 1, 2]);
    });

    it('sorts ascending when no direction is given', () => {
      expect(ids({ sort: 'n', count: 3 })).toEqual([0, 1, 2]);
    });

    it('sorts strings as strings, not as numbers', () => {
      expect(page({ sort: 'name:asc', count: 3 }).data.map((i) => i.name)).toEqual(['item-0', 'item-1', 'item-10']);
    });

    it('sorts by several keys, the later ones breaking ties', () => {
      const result = page({ sort: 'group:asc,n:desc', count: 45 }).data;
      expect(result.slice(0, 3).map((i) => i.n)).toEqual([44, 42, 40]);
      expect(result.slice(23, 26).map((i) => i.n)).toEqual([43, 41, 39]);
    });

    it('sorts by a nested field', () => {
      const result = page({ sort: 'contact.address.city:desc,n:asc', count: 2 }).data;
      expect(result.map((i) => [i.contact?.address?.city, i.n])).toEqual([
        ['Leipzig', 2],
        ['Leipzig', 6],
      ]);
    });

    it('puts items without the field last', () => {
      const some = [{ object: 'x', id: 'a' }, { object: 'x', id: 'b', n: 2 }, { object: 'x', id: 'c', n: 1 }];
      expect(listPage(some, (e) => e, { sort: 'n:asc' }).data.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    });

    it.each(['n:sideways', 'n:asc,:desc', ':asc'])('refuses sort "%s" as a format error', (sort) => {
      expectMockError(() => page({ sort }), 'format');
    });
  });

  describe('q', () => {
    it('matches field:value exactly and case-insensitively', () => {
      expect(ids({ q: 'name:ITEM-7' })).toEqual([7]);
      expect(page({ q: 'name:item-7' }).count).toBe(1);
    });

    it('accepts a quoted value', () => {
      expect(ids({ q: 'name:"item-7"' })).toEqual([7]);
    });

    it('matches a nested field a.b', () => {
      expect(page({ q: 'contact.address.city:dresden', count: 100 }).data.every((i) => i.contact?.address?.city === 'Dresden')).toBe(true);
      expect(page({ q: 'contact.address.city:dresden' }).count).toBe(11);
    });

    it('matches * for any run of characters', () => {
      expect(ids({ q: 'name:item-4*' })).toEqual([4, 40, 41, 42, 43, 44]);
      expect(page({ q: 'contact.surname:must*' }).count).toBe(15);
    });

    it('matches ? for exactly one character', () => {
      expect(ids({ q: 'name:item-?' })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(page({ q: 'name:item-??' }).count).toBe(35);
    });

    it('matches many * and ? without backtracking blow-up (one request must not block the server)', () => {
      expect(page({ q: `name:${'*'.repeat(60)}Z` }).count).toBe(0);
      expect(page({ q: `name:${'*?'.repeat(30)}Z` }).count).toBe(0);
      expect(ids({ q: 'name:*t*m*-*4*' })).toEqual([4, 14, 24, 34, 40, 41, 42, 43, 44]);
    });

    it('treats regular-expression characters in the value literally', () => {
      const odd = [{ object: 'x', id: 'a', ref: 'a.b+c' }, { object: 'x', id: 'b', ref: 'aXbbc' }];
      expect(listPage(odd, (e) => e, { q: 'ref:a.b+*' }).data.map((i) => i.id)).toEqual(['a']);
    });

    it('filters numbers by a range [a TO b], bounds included', () => {
      expect(ids({ q: 'n:[10 TO 13]' })).toEqual([10, 11, 12, 13]);
    });

    it('takes * as an open bound of a range', () => {
      expect(ids({ q: 'n:[42 TO *]' })).toEqual([42, 43, 44]);
      expect(ids({ q: 'n:[* TO 1]' })).toEqual([0, 1]);
    });

    it('compares string ranges such as timestamps as strings', () => {
      const result = page({ q: 'created:[2024-01-27T00:00:00+01:00 TO 2024-01-28T23:59:59+01:00]', count: 100 }).data;
      expect(result.map((i) => i.n)).toEqual([26, 27]);
    });

    it('joins terms with AND, each one having to match', () => {
      expect(ids({ q: 'group:odd AND contact.address.city:bonn AND n:[0 TO 20]' })).toEqual([3, 7, 11, 15, 19]);
      expect(ids({ q: '(group:odd) and (n:[0 TO 3])' })).toEqual([1, 3]);
    });

    it('matches an array when any element matches', () => {
      expect(ids({ q: 'tags:round' })).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
      expect(ids({ q: 'lines.sku:bonus' })).toEqual([0, 10, 20, 30, 40]);
      expect(ids({ q: 'lines.sku:SKU-3' })).toEqual([3]);
    });

    it('matches nothing for a field that is missing', () => {
      expect(page({ q: 'nothing:here' })).toEqual({ count: 0, data: [] });
    });

    it('filters before it pages and counts the matches', () => {
      const result = page({ q: 'group:even', count: 2, offset: 3, sort: 'n:desc' });
      expect(result.count).toBe(23);
      expect(result.data.map((i) => i.n)).toEqual([38, 36]);
    });

    it.each(['no-colon', ':value', 'group:odd AND nonsense'])('refuses q "%s" as a format error', (q) => {
      expectMockError(() => page({ q }), 'format');
    });
  });

  describe('fields', () => {
    it('keeps only the named fields, plus object and id', () => {
      expect(page({ fields: 'name', count: 1 }).data).toEqual([{ name: 'item-0', object: 'test.items', id: items[0].id }]);
    });

    it('projects nested fields a.b and keeps their parents only as far as named', () => {
      expect(page({ fields: 'contact.address.city, n', count: 1 }).data).toEqual([
        { object: 'test.items', id: items[0].id, n: 0, contact: { address: { city: 'Berlin' } } },
      ]);
    });

    it('keeps object and id of an embedded object that a nested field names', () => {
      const stx = [{ object: 'smart.transactions', id: 'a', customer: { object: 'payment.customers', id: 'c', contact: { surname: 'Muster' } } }];
      expect(listPage(stx, (e) => e, { fields: 'customer.contact.surname' }).data).toEqual([
        { object: 'smart.transactions', id: 'a', customer: { object: 'payment.customers', id: 'c', contact: { surname: 'Muster' } } },
      ]);
    });

    it('reads only own fields: __proto__, constructor and toString are not fields', () => {
      expect(page({ fields: '__proto__,__proto__.x,constructor.name,contact.__proto__,contact.constructor,toString', count: 1 }).data).toEqual([
        { object: 'test.items', id: items[0].id },
      ]);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });

    it('leaves out fields the item does not have', () => {
      expect(page({ fields: 'missing,contact.missing', count: 1 }).data).toEqual([{ object: 'test.items', id: items[0].id }]);
    });

    it('leaves the items it projects untouched', () => {
      const before = structuredClone(items);
      page({ fields: 'contact,contact.address.city,tags', count: 45 });
      page({ fields: 'contact.address.city,contact', count: 45 });
      expect(items).toEqual(before);
    });

    it('applies after filtering and sorting', () => {
      expect(page({ q: 'group:odd', sort: 'n:desc', fields: 'n', count: 2 }).data).toEqual([
        { object: 'test.items', id: items[43].id, n: 43 },
        { object: 'test.items', id: items[41].id, n: 41 },
      ]);
    });
  });
});
