// Small tools to edit the JSON-Schema tree of Meta's OpenAPI file in place.

/** A JSON-Schema node of Meta's OpenAPI file, as parsed from YAML. */
export type SchemaNode = Record<string, unknown>;
/** `components.schemas` of Meta's OpenAPI file: schema name → schema. */
export type SchemaMap = Record<string, SchemaNode>;

/** Adds `if: { <property>: const value } then: <then>` to the schema's `allOf`. */
export function addConditional(
  schema: SchemaNode,
  value: string,
  then: SchemaNode,
  propertyName = 'type',
): void {
  const allOf = Array.isArray(schema.allOf) ? (schema.allOf as SchemaNode[]) : [];
  allOf.push({ if: { required: [propertyName], properties: { [propertyName]: { const: value } } }, then });
  schema.allOf = allOf;
}

/** The object at `path` under `root`; throws when a step is missing, so a changed file cannot skip a fix silently. */
export function node(root: SchemaMap | SchemaNode, ...path: (string | number)[]): SchemaNode {
  let current: unknown = root;
  for (const step of path) {
    const next: unknown = (current as Record<string | number, unknown> | undefined)?.[step];
    if (typeof next !== 'object' || next === null) throw new Error(`no schema node at ${path.join('/')}`);
    current = next;
  }
  return current as SchemaNode;
}

/**
 * Throws unless `parent[key]` equals `expected` (deeply; `undefined` means absent). A fix calls it first,
 * on the defect it corrects, so it fails loudly once Meta's file changes there (fixed upstream, or moved)
 * instead of silently patching something else.
 */
export function expectDefect(parent: SchemaNode, key: string, expected: unknown): void {
  const actual = parent[key];
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `expected ${key} = ${JSON.stringify(expected) ?? 'absent'}, found ${JSON.stringify(actual) ?? 'absent'}`,
    );
  }
}

/** Calls `visit` on every object node under `root` (each shared node once). */
export function walk(root: unknown, visit: (child: SchemaNode) => void, seen = new Set<unknown>()): void {
  if (typeof root !== 'object' || root === null || seen.has(root)) return;
  seen.add(root);
  if (!Array.isArray(root)) visit(root as SchemaNode);
  for (const value of Object.values(root)) walk(value, visit, seen);
}
