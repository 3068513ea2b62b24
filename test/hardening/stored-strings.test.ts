// Memory budget, part one: nothing a client sends is unbounded. Every string of every request body
// (as /openapi.json publishes it) has a maxLength, every list a maxItems and no object takes
// properties of its own choosing; past a bound the answer is a 400 naming the field, nothing stored.
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../server/schemas/scenario.js';
import { sharedSchemasById } from '../../server/schemas/shared.js';
import { demoApi, expectEnvelope, makeApp } from '../helpers.js';

interface Node {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  maxItems?: number;
  additionalProperties?: unknown;
  properties?: Record<string, Node>;
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
}

/** Every unbounded place under `node`, as `where: what`. */
function unbounded(node: Node, where: string, resolve: (ref: string) => Node, seen = new Set<string>()): string[] {
  if (node.$ref) {
    if (seen.has(node.$ref)) return [];
    return unbounded(resolve(node.$ref), where, resolve, new Set(seen).add(node.$ref));
  }
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const out: string[] = [];
  if (types.includes('string') && node.maxLength === undefined && !node.enum && node.const === undefined) out.push(`${where}: string without maxLength`);
  if (types.includes('array') && node.maxItems === undefined) out.push(`${where}: array without maxItems`);
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) out.push(`${where}: open object`);
  // A bound on the node holds for its branches (`dob` is one of two formats, at most 32 characters).
  const inherited = { maxLength: node.maxLength, maxItems: node.maxItems };
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
    out.push(...unbounded({ ...inherited, ...branch }, where, resolve, seen));
  }
  if (node.items) out.push(...unbounded(node.items, `${where}[]`, resolve, seen));
  for (const [name, child] of Object.entries(node.properties ?? {})) out.push(...unbounded(child, `${where}.${name}`, resolve, seen));
  return out;
}

describe('every string a client sends is bounded', () => {
  it('holds for every request body in /openapi.json', async () => {
    const app = await makeApp();
    const doc = (await app.inject('/openapi.json')).json();
    const resolve = (ref: string) => doc.components.schemas[ref.split('/').pop()!] as Node;
    const found: string[] = [];
    let bodies = 0;
    for (const [path, operations] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema: Node }> } }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [type, { schema }] of Object.entries(operation.requestBody?.content ?? {})) {
          bodies++;
          found.push(...unbounded(schema, `${method.toUpperCase()} ${path} (${type})`, resolve));
        }
      }
    }
    expect(bodies).toBeGreaterThan(15);
    expect(found).toEqual([]);
  });

  it('the walk finds an unbounded string, list or open object', () => {
    const planted = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'integer' } }, c: { type: 'object', additionalProperties: true } } };
    expect(unbounded(planted, 'x', () => ({}))).toEqual(['x.a: string without maxLength', 'x.b: array without maxItems', 'x.c: open object']);
  });

  it('holds for the strings a scenario file gives a client', () => {
    const clients = (scenarioSchema.properties.clients as unknown as Node).items!;
    const resolve = (ref: string) => (sharedSchemasById as Record<string, Node>)[ref];
    // A scenario's lists are the operator's own file; its strings are stored like the API's.
    const strings = unbounded(clients, 'clients[]', resolve).filter((problem) => problem.includes('string'));
    expect(strings).toEqual([]);
  });
});

describe('past a bound', () => {
  it('a 256-character surname is a 400 naming the field, and no customer is stored', async () => {
    const { app, call } = await demoApi();
    const before = [...app.store.allTenants()].map((t) => t.customers.size);
    const res = await call('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: 'x'.repeat(256) } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toContain('surname');
    expect([...app.store.allTenants()].map((t) => t.customers.size)).toEqual(before);
    expect((await call('POST', '/Payment/Customers', { contact: { forename: 'Max', surname: 'x'.repeat(255) } })).status).toBe(200);
  });

  it('a basket of 501 products is a 400 naming the list', async () => {
    const { app, call } = await demoApi();
    const product = { id: 1, desc: 'Tee', quantity: 1, priceOne: 1 };
    const body = (n: number) => ({ intent: 'sale', basket: { products: Array.from({ length: n }, () => product) }, basket_info: { sum: n, currency: 'EUR' } });
    const before = [...app.store.allTenants()].map((t) => t.smartTransactions.size);
    const res = await call('POST', '/Smart/Transactions', body(501));
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toContain('products');
    expect([...app.store.allTenants()].map((t) => t.smartTransactions.size)).toEqual(before);
    expect((await call('POST', '/Smart/Transactions', body(500))).status).toBe(200);
  });
});
