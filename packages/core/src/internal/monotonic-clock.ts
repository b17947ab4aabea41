/**
 * Milliseconds since an arbitrary origin, never going back: `performance.now()`'s clock, read
 * through `process.hrtime`.
 *
 * Why not `performance.now()`: Node defines the global `performance` lazily, and its first read
 * loads `perf_hooks` and ten internal modules, 13.6 M instructions (Node 24), a tenth of what
 * Switchboard's own code costs on a cold start to the first send, for a clock. undici's request
 * path does not load them; Node's `fetch` does, so whatsapp-api-js already pays for them
 * (`docs/performance.md`, "The first send without perf_hooks"). Read at each call, not kept, so
 * that fake timers faking `hrtime` drive it.
 *
 * @internal
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
