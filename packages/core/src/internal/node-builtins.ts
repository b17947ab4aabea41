import { createRequire } from 'node:module';

// `node:crypto` costs about 4 ms of a fresh process and `node:stream` about 2 ms (Node 24, measured
// for #14): at import, every application paid them, a webhook-only function most of its budget,
// whether it hashed or streamed yet or not. They are loaded on their first use instead.
// `createRequire` rather than `process.getBuiltinModule`, which Node 22.0–22.2 lack; `node:module`
// itself is already loaded by Node's module loader.
const requireBuiltin = createRequire(import.meta.url);

let crypto: typeof import('node:crypto') | undefined;
let stream: typeof import('node:stream') | undefined;
let streamPromises: typeof import('node:stream/promises') | undefined;

/** `node:crypto`, loaded on first use. */
export function nodeCrypto(): typeof import('node:crypto') {
  crypto ??= requireBuiltin('node:crypto') as typeof import('node:crypto');
  return crypto;
}

/** `node:stream`, loaded on first use. */
export function nodeStream(): typeof import('node:stream') {
  stream ??= requireBuiltin('node:stream') as typeof import('node:stream');
  return stream;
}

/** `node:stream/promises`, loaded on first use. */
export function nodeStreamPromises(): typeof import('node:stream/promises') {
  streamPromises ??= requireBuiltin('node:stream/promises') as typeof import('node:stream/promises');
  return streamPromises;
}
