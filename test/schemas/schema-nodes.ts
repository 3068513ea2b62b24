// A small walk through JSON Schema objects, shared by the schema tests.
import { sharedSchemasById } from '../../server/schemas/shared.js';

/** The slice of JSON Schema this test walks. */
export interface SchemaNode {
  type?: string;
  title?: string;
  $id?: string;
  $ref?: string;
  const?: unknown;
  enum?: readonly unknown[];
  required?: readonly string[];
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** A `{ $ref: '<$id>' }` is the shared schema it names. */
export function deref(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const target = sharedSchemasById[node.$ref] as SchemaNode | undefined;
  if (!target) throw new Error(`$ref "${node.$ref}" names no shared schema`);
  return target;
}

/** Walks `a.b.c` through properties, stepping into `items` of arrays and through `$ref`s on the way and at the end. */
export function at(schema: unknown, path: string): SchemaNode {
  let node = deref(schema as SchemaNode);
  for (const segment of path === '' ? [] : path.split('.')) {
    if (node.type === 'array' && node.items) node = deref(node.items);
    const next = node.properties?.[segment];
    if (!next) throw new Error(`no property "${segment}" on the way to "${path}"`);
    node = deref(next);
  }
  return node.type === 'array' && node.items ? deref(node.items) : node;
}

export function wireType(node: SchemaNode): string | undefined {
  node = deref(node);
  return node.type === 'array' ? `${node.items && deref(node.items).type}[]` : node.type;
}
