// The collection query every list route honours: `count` (default 20), `offset`, `sort`
// (`field:asc,other:desc`), `fields` (comma list, nested `a.b`) and a simple `q`: terms
// `path:value` joined by AND, values with `*`/`?` wildcards or a range `[min TO max]`, compared
// case-insensitively; a term matches an array when any element matches. OR/NOT/aggregations
// are not emulated (docs/behaviour.md).
import type { ListQuery } from '../schemas/common.js';
import { fail } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;

type Wire = Record<string, unknown>;
type Term = (item: Wire) => boolean;

function valueAt(item: unknown, path: string[]): unknown[] {
  let values: unknown[] = [item];
  for (const key of path) {
    const next: unknown[] = [];
    for (const v of values) {
      const child = v && typeof v === 'object' ? (v as Wire)[key] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined && child !== null) next.push(child);
    }
    values = next;
  }
  return values;
}

/**
 * `*` (any run) and `?` (one character) over the whole value, in O(pattern × value) steps. Not a
 * RegExp: `^.*.*.*…Z$` backtracks exponentially, and one `q=id:**********Z` blocked the server
 * for seconds per extra star.
 */
function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      // Let the last `*` take one more character and try again from there.
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function matcher(raw: string): (v: unknown) => boolean {
  const value = raw.replace(/^"(.*)"$/, '$1');
  const range = /^\[(\S+) TO (\S+)\]$/i.exec(value);
  if (range) {
    const [lo, hi] = [range[1], range[2]];
    const num = (s: string) => (s === '*' ? undefined : Number.isNaN(Number(s)) ? s : Number(s));
    const [min, max] = [num(lo), num(hi)];
    return (v) => {
      const x = typeof min === 'number' || typeof max === 'number' ? Number(v) : String(v);
      return (min === undefined || x >= min) && (max === undefined || x <= max);
    };
  }
  if (/[*?]/.test(value)) {
    const pattern = value.toLowerCase();
    return (v) => wildcardMatch(pattern, String(v).toLowerCase());
  }
  const lower = value.toLowerCase();
  return (v) => String(v).toLowerCase() === lower;
}

export function parseQuery(q: string): Term {
  const terms = q
    .split(/\s+AND\s+/i)
    .map((t) => t.trim().replace(/^\((.*)\)$/, '$1'))
    .filter(Boolean)
    .map((term): Term => {
      const colon = term.indexOf(':');
      if (colon <= 0) fail('format', { reason: `q: expected field:value, got "${term}"` });
      const path = term.slice(0, colon).split('.');
      const test = matcher(term.slice(colon + 1));
      return (item) => valueAt(item, path).some(test);
    });
  return (item) => terms.every((t) => t(item));
}

function comparator(sort: string): (a: Wire, b: Wire) => number {
  const keys = sort.split(',').map((part) => {
    const [field, dir = 'asc'] = part.trim().split(':');
    if (!field || !/^(asc|desc)$/i.test(dir)) fail('format', { reason: `sort: expected field:asc|desc, got "${part}"` });
    return { path: field.split('.'), sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { path, sign } of keys) {
      const [x, y] = [valueAt(a, path)[0], valueAt(b, path)[0]];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (cmp !== 0) return sign * cmp;
    }
    return 0;
  };
}

/** An own property of an object (not an array index): `__proto__`, `constructor` and the like are never fields. */
const own = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, key) ? (v as Wire)[key] : undefined;

function project(item: Wire, fields: string[][]): Wire {
  const out: Wire = {};
  for (const path of fields) {
    let value: unknown = item;
    for (const key of path) value = own(value, key);
    // A field the item lacks is left out, without empty parents (`contact: {}`) in its place.
    if (value === undefined) continue;
    let dst = out;
    let src: unknown = item;
    for (const key of path.slice(0, -1)) {
      src = own(src, key);
      // An embedded object keeps its `object` and `id` too (`fields=customer.contact`), as its schema requires.
      if (!Object.hasOwn(dst, key)) {
        const { object, id } = src as Wire;
        dst[key] = { ...(object !== undefined && { object }), ...(id !== undefined && { id }) };
      }
      dst = dst[key] as Wire;
    }
    dst[path[path.length - 1]] = value;
  }
  return out;
}

/**
 * One page of a collection. Entities are formatted lazily: without `q` or `sort` only the page
 * itself is turned into wire objects.
 */
export function listPage<E, W extends object>(entities: Iterable<E>, format: (e: E) => W, query: ListQuery) {
  const offset = query.offset ?? 0;
  const count = query.count ?? DEFAULT_PAGE_SIZE;
  let page: W[];
  let total: number;
  if (query.q || query.sort) {
    let items = Array.from(entities, format);
    if (query.q) {
      const matches = parseQuery(query.q);
      items = items.filter((item) => matches(item as Wire));
    }
    if (query.sort) {
      const compare = comparator(query.sort);
      items.sort((a, b) => compare(a as Wire, b as Wire));
    }
    total = items.length;
    page = items.slice(offset, offset + count);
  } else {
    const all = Array.isArray(entities) ? (entities as E[]) : Array.from(entities);
    total = all.length;
    page = all.slice(offset, offset + count).map(format);
  }
  if (query.fields) {
    const fields = query.fields.split(',').map((f) => f.trim().split('.')).concat([['object'], ['id']]);
    // `object` and `id` are always kept, so the projection still satisfies the item schema.
    page = page.map((item) => project(item as Wire, fields) as W);
  }
  return { count: total, data: page };
}
