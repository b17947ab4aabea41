// `node:crypto` costs about 4 ms of a fresh process and `node:stream` about 2 ms (Node 24, measured
// for #14): at import, every application paid them, a webhook-only function most of its budget,
// whether it hashed or streamed yet or not. They are loaded on their first use instead, through
// `process.getBuiltinModule` (Node ≥ 22.3; the packages require 22.19): unlike `createRequire(import.meta.url)`
// it needs no module URL, which an application bundled to CommonJS does not have.

let crypto: typeof import('node:crypto') | undefined;
let stream: typeof import('node:stream') | undefined;
let streamPromises: typeof import('node:stream/promises') | undefined;

/** `node:crypto`, loaded on first use. */
export function nodeCrypto(): typeof import('node:crypto') {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto;
}

/** `node:stream`, loaded on first use. */
export function nodeStream(): typeof import('node:stream') {
  stream ??= process.getBuiltinModule('node:stream');
  return stream;
}

/** `node:stream/promises`, loaded on first use. */
export function nodeStreamPromises(): typeof import('node:stream/promises') {
  streamPromises ??= process.getBuiltinModule('node:stream/promises');
  return streamPromises;
}
