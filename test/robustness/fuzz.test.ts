// Fuzzing every route: the routes come from GET /openapi.json (so a new route is covered without
// editing this file) plus the control plane, which the document hides. Each gets malformed JSON,
// bodies that are not objects, every top-level property in each wrong JSON type, 100 kB strings,
// 5 000 levels of nesting, unicode/emoji/NUL, prototype-pollution keys, a body over 1 MiB, other
// Content-Types, garbage path parameters and hostile list queries. Every answer must be a 4xx in
// the secuconnect envelope (the OAuth shape on /oauth/token) that changed nothing — unless the
// input happens to be valid, then the call may succeed (no 500) and the state is reset — and
// Object.prototype stays clean.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, makeApp, OTHER, tokenFor } from '../helpers.js';

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  params: { name: string; schema: { enum?: string[] } }[];
  /** Top-level properties of the JSON body, with their declared types. */
  body?: Record<string, { type?: string | string[] }>;
  list: boolean;
}

interface Case {
  name: string;
  url: string;
  payload?: string;
  headers?: Record<string, string>;
  /** Input no server may accept (bad JSON, poisoned keys, garbage ids): must be a 4xx. */
  mustFail: boolean;
}

const app: FastifyInstance = await makeApp();
const tokens = { demo: await tokenFor(app, DEMO), other: await tokenFor(app, OTHER) };
afterAll(() => app.close());

const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
const apiRoutes: Route[] = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase() as Route['method'],
    path,
    params: (op.parameters ?? []).filter((p: any) => p.in === 'path'),
    body: op.requestBody?.content?.['application/json']?.schema?.properties,
    list: (op.parameters ?? []).some((p: any) => p.in === 'query' && p.name === 'q'),
  })),
);
// The control plane is hidden from the document: its write routes, by hand.
const stxParam = [{ name: 'smartTransactionId', schema: {} }];
const controlRoutes: Route[] = [
  { method: 'POST', path: '/__mock/reset', params: [], body: { client_id: { type: 'string' } }, list: false },
  { method: 'POST', path: '/__mock/clock', params: [], body: { client_id: { type: 'string' }, advance_seconds: { type: 'integer' } }, list: false },
  { method: 'POST', path: '/__mock/checkout/{smartTransactionId}/approve', params: stxParam, body: { method: { type: 'string' } }, list: false },
  { method: 'POST', path: '/__mock/checkout/{smartTransactionId}/decline', params: stxParam, body: { method: { type: 'string' } }, list: false },
  { method: 'POST', path: '/__mock/smart-transactions/{smartTransactionId}/settle', params: stxParam, list: false },
];
const routes = [...apiRoutes, ...controlRoutes];
const listPaths = apiRoutes.filter((r) => r.method === 'GET' && r.list).map((r) => r.path);

function get(path: string, token = tokens.demo) {
  return app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
}

/** A real id for each path parameter, from the default scenario: the first of the list above it. */
async function realIds(): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const route of apiRoutes) {
    for (const p of route.params) {
      if (ids[p.name]) continue;
      if (p.schema.enum) ids[p.name] = p.schema.enum.includes('debit') ? 'debit' : p.schema.enum[0];
      else ids[p.name] = (await get(route.path.slice(0, route.path.indexOf(`/{${p.name}}`)))).json().data[0].id;
    }
  }
  return ids;
}
const ids = await realIds();
const otherStx = (await get('/api/v2/Smart/Transactions', tokens.other)).json().data[0].id as string;

const fill = (path: string, values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? ids[name]);

/** What GETs show: the count of every list of both tenants, and the object the route acts on. */
async function fingerprint(route: Route) {
  const out: Record<string, unknown> = {};
  for (const path of listPaths) {
    out[path] = (await get(`${path}?count=0`)).json().count;
    out[`other ${path}`] = (await get(`${path}?count=0`, tokens.other)).json().count;
  }
  // The object the route acts on: the API's GET of its first path parameter.
  const param = route.params[0]?.name;
  const read = apiRoutes.find((r) => r.method === 'GET' && r.path.endsWith(`/{${param}}`));
  if (read) {
    const res = await get(fill(read.path, {}));
    out.target = { status: res.statusCode, body: res.json() };
  }
  return out;
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const HUGE = 'x'.repeat(100_000);
const UNICODE = 'Grüße 😀 \u0000 NUL, \u202e RTL, \ud800 lone surrogate, 𝕏 \uFEFF BOM, 中文, \u0007';
/** One value of each JSON type; `number` is not an integer, so it is wrong for integers too. */
const VALUES: Record<string, string> = { string: '"text"', number: '1.5', object: '{"a":1}', array: '[1]', null: 'null' };
const POLLUTION = ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":[{"__proto__":{"polluted":"yes"}}]}'];
const GARBAGE_IDS = [
  `STX_${'Z'.repeat(30)}`,
  'NOPE',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('😀'),
  '__proto__',
  'constructor',
  'x'.repeat(10_000),
  '%E0%A4%A',
];
const HOSTILE_QUERIES = [
  'count=-1', 'count=abc', 'count=1e309', 'offset=-5', 'count=99999999999999999999',
  'sort=__proto__:asc', 'sort=created:sideways', 'sort=,,,', 'fields=__proto__', 'fields=constructor.prototype.polluted',
  'fields=customer.contact', 'fields=customer.__proto__', 'fields=merchant.companyname,...,a..b',
  'q=nocolon', 'q=__proto__:x', 'q=constructor.prototype:x', 'q=[', 'q=id:[a TO', `q=id:${'*'.repeat(40)}Z`,
  `q=id:${'*?'.repeat(30)}Z`, `q=${'a'.repeat(100_000)}:b`, 'q=id:((((((((((', `q=${encodeURIComponent(UNICODE.replace('\ud800', ''))}:x`,
  'foo=bar', '__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes',
];

function cases(route: Route): Case[] {
  const url = fill(route.path, {});
  const out: Case[] = [];
  for (const p of route.params) {
    // Another tenant's id is as unknown as garbage, except to the control plane (which finds any tenant's).
    const foreign = route.path.startsWith('/api/v2') && p.name === 'smartTransactionId' ? [otherStx] : [];
    for (const id of [...GARBAGE_IDS, ...foreign, ...(p.schema.enum ? ['bitcoin'] : [])]) {
      out.push({ name: `path ${p.name}=${id.slice(0, 40)}`, url: fill(route.path, { [p.name]: id }), payload: route.body ? '{}' : undefined, mustFail: true });
    }
  }
  if (route.method === 'GET') {
    if (route.list) for (const q of HOSTILE_QUERIES) out.push({ name: `query ${q.slice(0, 60)}`, url: `${url}?${q}`, mustFail: false });
    return out;
  }
  const body = (name: string, payload: string, mustFail = false, headers?: Record<string, string>) => out.push({ name, url, payload, headers, mustFail });
  for (const bad of ['{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '{"a": NaN}', "{'a':1}", '{"a":1,}', '\ud800']) body(`malformed ${bad}`, bad, true);
  for (const json of ['1', '"text"', '[]', 'true', '[{}]']) body(`body ${json}`, json, true);
  // JSON null is "no body", like an empty one: an action route takes it.
  body('body null', 'null');
  body('deep array body', deepArray(5000), true);
  for (const json of POLLUTION) body(`pollution ${json}`, json, true);
  // A plain key named `prototype` is just an unknown field (dropped); it must not reach Object.prototype either.
  body('prototype key', '{"prototype":{"polluted":"yes"}}');
  body('oversize body', `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}`, true);
  body('text/plain', '{}', false, { 'content-type': 'text/plain' });
  body('form data', 'a=1&b=2', false, { 'content-type': 'application/x-www-form-urlencoded' });
  body('multipart', '--x\r\n\r\n--x--', false, { 'content-type': 'multipart/form-data; boundary=x' });
  body('json with charset', '{}', false, { 'content-type': 'application/json; charset=utf-8' });
  const props = Object.entries(route.body ?? {});
  const strings = props.filter(([, s]) => s.type === 'string').map(([name]) => name);
  for (const [name, schema] of props) {
    const declared = ([] as string[]).concat(schema.type ?? []);
    for (const [type, json] of Object.entries(VALUES)) {
      if (declared.includes(type)) continue;
      body(`${name} as ${type}`, `{"${name}":${json}}`);
    }
    body(`${name} 5000 levels deep (arrays)`, `{"${name}":${deepArray(5000)}}`);
    body(`${name} 5000 levels deep (objects)`, `{"${name}":${deepObject(5000)}}`);
    body(`${name} with __proto__ inside`, `{"${name}":{"__proto__":{"polluted":"yes"}}}`, true);
    body(`${name} with constructor.prototype inside`, `{"${name}":{"constructor":{"prototype":{"polluted":"yes"}}}}`, true);
    body(`${name} with a prototype key inside`, `{"${name}":{"prototype":{"polluted":"yes"}}}`);
  }
  for (const name of strings) body(`${name} 100 kB`, JSON.stringify({ [name]: HUGE }));
  if (strings.length) body('unicode in every string', JSON.stringify(Object.fromEntries(strings.map((n) => [n, UNICODE]))));
  return out;
}

function send(route: Route, c: Case) {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens.demo}`, accept: 'application/json' };
  if (c.payload !== undefined) headers['content-type'] = 'application/json';
  return app.inject({ method: route.method, url: c.url, headers: { ...headers, ...c.headers }, payload: c.payload });
}

/** A 4xx in the shape the route answers errors in. */
function expectErrorShape(route: Route, res: LightMyRequestResponse, where: string) {
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, where).toBeLessThan(500);
  const body = res.json();
  if (route.path === '/oauth/token') {
    expect(res.statusCode, where).toBe(400);
    expect(body, where).toEqual({ error: expect.any(String), error_description: expect.any(String) });
    return;
  }
  expect(body, where).toEqual({
    status: 'error',
    error: expect.stringMatching(/^Product\w+Exception$/),
    error_details: expect.any(String),
    error_user: expect.any(String),
    code: expect.any(Number),
    supportId: expect.stringMatching(/^[0-9a-f]{32}$/),
  });
  expect(res.statusMessage, where).toBe(body.error);
}

describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_, route) => {
  it('answers every hostile input with a 4xx in its error shape, changes nothing, and keeps Object.prototype clean', async () => {
    let before = await fingerprint(route);
    for (const c of cases(route)) {
      const res = await send(route, c);
      const where = `${route.method} ${route.path}, ${c.name}: ${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(res.statusCode, where).toBeLessThan(500);
      expect(({} as any).polluted, where).toBeUndefined();
      expect(Object.prototype, where).not.toHaveProperty('polluted');
      if (res.statusCode < 400) {
        // The input was valid after all (an unknown field dropped, a string that may hold anything).
        expect(c.mustFail, `${where} should have been refused`).toBe(false);
        expect((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
        before = await fingerprint(route);
        continue;
      }
      expectErrorShape(route, res, where);
      const after = await fingerprint(route);
      expect(after, `${where} changed the state`).toEqual(before);
    }
    expect((await app.inject({ method: 'GET', url: '/__mock/health' })).statusCode).toBe(200);
    expect((await get('/api/v2/Smart/Transactions?count=1')).statusCode).toBe(200);
  }, 60_000);
});
