// The collection query every list route honours: `count` (default 20, at most 1000), `offset`,
// `sort` (`field:asc,other:desc`), `fields` (comma list, nested `a.b`) and a simple `q`: terms
// `path:value` joined by AND, values with `*`/`?` wildcards or a range `[min TO max]`, compared
// case-insensitively; a term matches an array when any element matches. OR/NOT/aggregations
// are not emulated (docs/behaviour.md).
//
// No list request may hold the event loop for long: a wildcard is matched in time linear in the
// value (bounded pattern, `*`-separated segments found left to right), `q` and `sort` read only
// the fields they name from each formatted item and keep no wire object but the page's, and the
// route handlers run the same code in slices (`listPageAsync`), letting other requests in between.
import type { ListQuery } from '../schemas/common.js';
import { fail } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
/** The largest `count` (the schema answers 400 above it) and `offset`. */
export const MAX_PAGE_SIZE = 1000;
export const MAX_OFFSET = 10_000_000;
/** Bounds of a `q`: its length, its `AND` terms, and the wildcards (`*` and `?`) of one value. */
export const MAX_Q_LENGTH = 1024;
export const MAX_Q_TERMS = 16;
export const MAX_PATTERN_LENGTH = 256;
export const MAX_WILDCARDS = 64;

type Wire = Record<string, unknown>;
type Term = (item: Wire) => boolean;

/** The values at a path, following own properties only (`__proto__.toString` is no field). */
function valueAt(item: unknown, path: string[]): unknown[] {
  let values: unknown[] = [item];
  for (const key of path) {
    const next: unknown[] = [];
    for (const v of values) {
      const child = v && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Wire)[key] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined && child !== null) next.push(child);
    }
    values = next;
  }
  return values;
}

/** `seg` (literal characters and `?`) at `at` in `value`. */
function segmentAt(seg: string, value: string, at: number): boolean {
  for (let i = 0; i < seg.length; i++) if (seg[i] !== '?' && seg[i] !== value[at + i]) return false;
  return true;
}

/**
 * The leftmost start of `seg` within value[from, to), or -1. A literal segment is an indexOf; one
 * with `?` runs Shift-And over 32-bit words: O((to - from) × ⌈seg/32⌉), never value × segment.
 */
function findSegment(seg: string, value: string, from: number, to: number): number {
  const m = seg.length;
  if (!seg.includes('?')) {
    const at = value.indexOf(seg, from);
    return at >= 0 && at + m <= to ? at : -1;
  }
  const words = Math.ceil(m / 32);
  const any = new Uint32Array(words);
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) if (seg[i] === '?') any[i >> 5] |= 1 << (i & 31);
  for (let i = 0; i < m; i++) {
    if (seg[i] === '?') continue;
    const c = seg.charCodeAt(i);
    let mask = masks.get(c);
    if (!mask) masks.set(c, (mask = Uint32Array.from(any)));
    mask[i >> 5] |= 1 << (i & 31);
  }
  const state = new Uint32Array(words);
  const lastWord = (m - 1) >> 5;
  const lastBit = 1 << ((m - 1) & 31);
  for (let v = from; v < to; v++) {
    const mask = masks.get(value.charCodeAt(v)) ?? any;
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const s = state[w];
      state[w] = ((s << 1) | carry) & mask[w];
      carry = s >>> 31;
    }
    if (state[lastWord] & lastBit) return v - m + 1;
  }
  return -1;
}

/**
 * `*` (any run) and `?` (one character) over the whole value, in time linear in the value: the
 * first segment is a prefix, the last a suffix, and each one between is taken at its leftmost
 * place after the previous (segments have a fixed length, so leftmost is never wrong for `*`).
 * Not a RegExp and not backtracking: one `q=id:*a*a*a…b` over a long value took seconds.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  const segs = pattern.split('*');
  if (segs.length === 1) return value.length === pattern.length && segmentAt(pattern, value, 0);
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (value.length < first.length + last.length) return false;
  if (!segmentAt(first, value, 0) || !segmentAt(last, value, value.length - last.length)) return false;
  let pos = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i];
    if (!seg) continue;
    const at = findSegment(seg, value, pos, end);
    if (at < 0) return false;
    pos = at + seg.length;
  }
  return true;
}

/**
 * Clients URL-encode the value inside `q` before their HTTP library encodes the query again
 * (`q=contact.email:max%40example.com` arrives as `max%40example.com`): such a value is decoded once.
 * A `%` not followed by two hex digits is taken literally.
 */
function decodedValue(raw: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function matcher(raw: string): (v: unknown) => boolean {
  const value = decodedValue(raw.replace(/^"(.*)"$/, '$1'));
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
    const wildcards = value.length - value.replace(/[*?]/g, '').length;
    if (value.length > MAX_PATTERN_LENGTH || wildcards > MAX_WILDCARDS) {
      fail('format', { reason: `q: a wildcard value has at most ${MAX_PATTERN_LENGTH} characters and ${MAX_WILDCARDS} wildcards` });
    }
    const pattern = value.toLowerCase();
    return (v) => wildcardMatch(pattern, String(v).toLowerCase());
  }
  const lower = value.toLowerCase();
  return (v) => String(v).toLowerCase() === lower;
}

export function parseQuery(q: string): Term {
  if (q.length > MAX_Q_LENGTH) fail('format', { reason: `q: at most ${MAX_Q_LENGTH} characters` });
  const parts = q
    .split(/\s+AND\s+/i)
    .map((t) => t.trim().replace(/^\((.*)\)$/, '$1'))
    .filter(Boolean);
  if (parts.length > MAX_Q_TERMS) fail('format', { reason: `q: at most ${MAX_Q_TERMS} terms` });
  const terms = parts.map((term): Term => {
      const colon = term.indexOf(':');
      if (colon <= 0) fail('format', { reason: `q: expected field:value, got "${term}"` });
      const path = term.slice(0, colon).split('.');
      const test = matcher(term.slice(colon + 1));
      return (item) => valueAt(item, path).some(test);
    });
  return (item) => terms.every((t) => t(item));
}

interface SortKey {
  path: string[];
  sign: number;
}

function parseSort(sort: string): SortKey[] {
  return sort.split(',').map((part) => {
    const [field, dir = 'asc'] = part.trim().split(':');
    if (!field || !/^(asc|desc)$/i.test(dir)) fail('format', { reason: `sort: expected field:asc|desc, got "${part}"` });
    return { path: field.split('.'), sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
}

// The same order as `String.prototype.localeCompare` without arguments, without its per-call cost.
// Made by the first sort: making it loads ICU's collation data, some milliseconds of start-up.
let collator: Intl.Collator | undefined;

/** Compares sort keys read beforehand: `keys[a + i]` is the first value at the i-th path. */
function compareKeys(sortKeys: SortKey[], keys: unknown[], a: number, b: number): number {
  for (let i = 0; i < sortKeys.length; i++) {
    const x = keys[a + i];
    const y = keys[b + i];
    if (x === y) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : (collator ??= new Intl.Collator()).compare(String(x), String(y));
    if (cmp !== 0) return sortKeys[i].sign * cmp;
  }
  return 0;
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

/** Event-loop time one slice of a list may take before `listPageAsync` lets other work in. */
const SLICE_MS = 8;

/** Tells a loop when its slice of event-loop time is used up (looked at every 64 steps). */
class Slice {
  private since = performance.now();
  over(step: number): boolean {
    if ((step & 63) !== 63 || performance.now() - this.since <= SLICE_MS) return false;
    this.since = performance.now();
    return true;
  }
}

/**
 * A stable sort that can pause: runs of 256 sorted by Array.prototype.sort (stable too, so the
 * order is the one `rows.sort(compare)` gives), then merged pairwise, bottom-up.
 */
function* mergeSort<T>(rows: T[], compare: (a: T, b: T) => number, slice: Slice): Generator<void, T[]> {
  const RUN = 256;
  let src = rows.slice();
  for (let lo = 0; lo < src.length; lo += RUN) {
    const run = src.slice(lo, lo + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) src[lo + i] = run[i];
    if (slice.over(63)) yield;
  }
  let dst = new Array<T>(src.length);
  let steps = 0;
  for (let width = RUN; width < src.length; width *= 2) {
    for (let lo = 0; lo < src.length; lo += 2 * width) {
      const mid = Math.min(lo + width, src.length);
      const hi = Math.min(lo + 2 * width, src.length);
      let [i, j, k] = [lo, mid, lo];
      while (i < mid && j < hi) {
        dst[k++] = compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        if (slice.over(++steps)) yield;
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/**
 * One page of a collection, as a generator that yields wherever it may pause (`listPage` runs it
 * through, `listPageAsync` pauses there). Entities are formatted lazily: without `q` or `sort` only
 * the page itself is turned into wire objects; with them each item is formatted once to read the
 * fields `q` and `sort` name and dropped, and the page is formatted again at the end.
 */
function* pageSteps<E, W extends object>(entities: Iterable<E>, format: (e: E) => W, query: ListQuery): Generator<void, { count: number; data: W[] }> {
  const offset = query.offset ?? 0;
  const count = query.count ?? DEFAULT_PAGE_SIZE;
  const all = Array.isArray(entities) ? (entities as E[]) : Array.from(entities);
  let page: W[];
  let total: number;
  if (query.q || query.sort) {
    const matches = query.q ? parseQuery(query.q) : undefined;
    const sortKeys = query.sort ? parseSort(query.sort) : undefined;
    // Matches are kept as indexes into `all` and their sort keys in one flat array (key j of match
    // m at m × keys + j): no object per match for the collector to copy about.
    const matched: number[] = [];
    const keyCount = sortKeys?.length ?? 0;
    const keyValues: unknown[] = [];
    const slice = new Slice();
    for (let i = 0; i < all.length; i++) {
      if (slice.over(i)) yield;
      const item = format(all[i]) as Wire;
      if (matches && !matches(item)) continue;
      matched.push(i);
      for (let j = 0; j < keyCount; j++) keyValues.push(valueAt(item, sortKeys![j].path)[0]);
    }
    let order = matched.map((_, m) => m);
    if (sortKeys) order = yield* mergeSort(order, (a, b) => compareKeys(sortKeys, keyValues, a * keyCount, b * keyCount), slice);
    total = order.length;
    page = [];
    for (const m of order.slice(offset, offset + count)) {
      if (slice.over(page.length)) yield;
      page.push(format(all[matched[m]]));
    }
  } else {
    total = all.length;
    page = [];
    const slice = new Slice();
    for (const entity of all.slice(offset, offset + count)) {
      if (slice.over(page.length)) yield;
      page.push(format(entity));
    }
  }
  if (query.fields) {
    const fields = query.fields.split(',').map((f) => f.trim().split('.')).concat([['object'], ['id']]);
    // `object` and `id` are always kept, so the projection still satisfies the item schema.
    page = page.map((item) => project(item as Wire, fields) as W);
  }
  return { count: total, data: page };
}

/** One page of a collection, computed in one go. */
export function listPage<E, W extends object>(entities: Iterable<E>, format: (e: E) => W, query: ListQuery) {
  const steps = pageSteps(entities, format, query);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same page, giving the event loop back every few milliseconds while it formats and filters:
 * a `q` over a large collection delays other requests by a slice, not by the whole scan. The
 * entities are the ones stored when the request began.
 */
export async function listPageAsync<E, W extends object>(entities: Iterable<E>, format: (e: E) => W, query: ListQuery) {
  const steps = pageSteps(entities, format, query);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
