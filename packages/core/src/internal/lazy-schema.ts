/**
 * A schema built on first use: `build()` runs the first time anything reads, writes or inspects the
 * returned object, and every later operation goes to the schema it built, the same one each time.
 *
 * Why: building zod schemas is most of what importing a package costs (importing core alone
 * constructed over 800 of them), and a process that only sends a text needs a few dozen. Wrapping
 * each module-level schema keeps its exported type and its API (`parse`, `safeParse`, `shape`,
 * `_zod`, `instanceof`, nesting in other schemas) while its construction moves to the first parse.
 *
 * The returned object is a `Proxy` over the built schema. Every property read goes through one trap,
 * a few nanoseconds beside a parse. The identity of the proxy is what callers and other schemas
 * hold; nothing in zod compares a schema with the one it built.
 *
 * `build` must be pure and must not read the proxy it is building (that would recurse): module-level
 * schemas referring to each other do so through their own proxies, which is fine.
 *
 * @internal
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const built = (): T => {
    schema ??= build();
    return schema;
  };
  // The target only satisfies the Proxy invariants: it stays extensible and holds nothing but the
  // hook Node's `util.inspect` (console.log) reads from a proxy's target, bypassing the traps: without
  // it a logged schema would print as `{}`.
  const target = {};
  Object.defineProperty(target, Symbol.for('nodejs.util.inspect.custom'), {
    configurable: true,
    value: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) =>
      inspect(built(), options),
  });
  return new Proxy(target as T, {
    get: (_target, key) => Reflect.get(built(), key),
    set: (_target, key, value) => Reflect.set(built(), key, value),
    has: (_target, key) => Reflect.has(built(), key),
    ownKeys: () => Reflect.ownKeys(built()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(built(), key);
      // A property the empty target lacks may not be reported as non-configurable.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(built(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(built(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
    // Freezing or sealing the proxy would fix the target's shape, which must stay free to report the
    // built schema's keys; refused (a TypeError), as for any object whose `preventExtensions` fails.
    preventExtensions: () => false,
  });
}
