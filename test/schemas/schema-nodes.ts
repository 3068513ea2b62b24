// A small walk through JSON Schema objects, shared by the schema tests.
/** The slice of JSON Schema this test walks. */
export interface SchemaNode {
  type?: string;
  title?: string;
  $id?: string;
  const?: unknown;
  enum?: readonly unknown[];
  required?: readonly string[];
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** Walks `a.b.c` through properties, stepping into `items` of arrays on the way and at the end. */
export function at(schema: unknown, path: string): SchemaNode {
  let node = schema as SchemaNode;
  for (const segment of path === '' ? [] : path.split('.')) {
    if (node.type === 'array' && node.items) node = node.items;
    const next = node.properties?.[segment];
    if (!next) throw new Error(`no property "${segment}" on the way to "${path}"`);
    node = next;
  }
  return node.type === 'array' && node.items ? node.items : node;
}

export function wireType(node: SchemaNode): string | undefined {
  return node.type === 'array' ? `${node.items?.type}[]` : node.type;
}
