/**
 * Core's light entries in one module: the errors (`@switchboard/core/errors`), the webhook plumbing
 * (`@switchboard/core/webhooks`) and the functions of `zod/mini` (`@switchboard/core/zod`).
 *
 * Not a public API: once built, `@switchboard/maton` and the provider adapters import all three
 * through this entry (their build maps those imports here), and the three entries re-export it, so a
 * process loads this code from two files (this module and the chunk it shares with core's index)
 * instead of eight: a provider's webhook entry runs a fifth to two fifths fewer instructions. Its
 * names may change in any release; applications import the entries above, which share its classes
 * (`instanceof ValidationError` holds whichever entry threw it).
 *
 * @internal
 * @packageDocumentation
 */
export * from './errors/index.js';
export * from './webhooks/index.js';
export * from './zod.js';
