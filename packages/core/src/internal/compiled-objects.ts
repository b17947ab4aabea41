import * as z from 'zod/mini';
import { type $ZodObject, type $ZodObjectDef, $ZodObjectJIT, type ParsePayload } from 'zod/v4/core';

/**
 * Parses an object schema takes with zod's plain parser before it switches to the parser zod
 * compiles for its shape (`new Function`).
 *
 * Why: classic zod's `z.object` compiles its parser, `zod/mini`'s does not, and without it a text
 * send ran 7–8 % more instructions (`docs/performance.md`, "Per-send work, counted without HTTP").
 * Compiling on the first parse would add the compile of every object schema a cold start touches to
 * that cold start; after two parses only the schemas a process keeps using pay for it, as V8 tiers
 * up hot code.
 */
export const PARSES_BEFORE_COMPILING = 2;

/**
 * Makes `schema` switch to zod's compiled object parser once it has been parsed
 * {@link PARSES_BEFORE_COMPILING} times, and makes every schema derived from it (`.check`,
 * `extend`, `omit`, … clone through `_zod.constr`) do the same. Either parser gives the same result
 * and issues: the compiled one is zod's own, which classic zod always uses and which falls back to
 * the plain one where it does not apply (async parses among them); `compiled-objects.test.ts` checks
 * it on core's schemas.
 */
export function compileWhenWarm<T extends $ZodObject>(schema: T): T {
  const internals = schema._zod;
  const plain = internals.parse;
  // With no checks, zod made `run` the very `parse` function at construction; with checks, `run`
  // calls `parse` itself. Either way both must follow the switch.
  const runIsParse = internals.run === plain;
  const use = (parse: typeof plain) => {
    internals.parse = parse;
    if (runIsParse) internals.run = parse;
  };
  let parses = 0;
  use((payload: ParsePayload, context) => {
    parses += 1;
    if (parses >= PARSES_BEFORE_COMPILING) {
      // Installs zod's compiling parser on this instance; it keeps the parser it finds as its
      // fallback, so the plain one goes back first. The `$ZodObject` part of that initializer sees
      // its trait already set and does nothing again. Done here rather than at construction, so
      // that a schema parsed once or never (most of a cold start's) does not pay for it.
      use(plain);
      $ZodObjectJIT.init(schema, internals.def);
      use(internals.parse);
    }
    return plain(payload, context);
  });
  internals.constr = CompiledObject as unknown as typeof internals.constr;
  return schema;
}

/**
 * What zod's `clone` constructs a derived schema with (`new schema._zod.constr(def)`): a
 * `zod/mini` object that compiles once warm too. A constructor returning an object makes `new`
 * return that object.
 */
function CompiledObject(def: $ZodObjectDef): $ZodObject {
  return compileWhenWarm(new z.ZodMiniObject(def as ConstructorParameters<typeof z.ZodMiniObject>[0]));
}

/** `zod/mini`'s `object`, whose parser is compiled once warm (see {@link compileWhenWarm}). */
export const object: typeof z.object = (shape, params) => compileWhenWarm(z.object(shape, params));

/** `zod/mini`'s `strictObject`, whose parser is compiled once warm. */
export const strictObject: typeof z.strictObject = (shape, params) =>
  compileWhenWarm(z.strictObject(shape, params));

/** `zod/mini`'s `looseObject`, whose parser is compiled once warm. */
export const looseObject: typeof z.looseObject = (shape, params) =>
  compileWhenWarm(z.looseObject(shape, params));
