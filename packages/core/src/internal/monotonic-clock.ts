/**
 * Milliseconds since an arbitrary origin, never going back: `performance.now()`'s clock, read
 * through `process.hrtime`.
 *
 * Why not `performance.now()`: Node defines the global `performance` lazily, and its first read
 * loads `perf_hooks` and ten internal modules, which undici's request path does not need: a first
 * send cost 1.5 M (Cloud) to 4 M (WATI) instructions more for them (Node 24, `pnpm bench`;
 * `docs/performance.md`, "The first send without perf_hooks"). Read at each call, not kept, so
 * that fake timers faking `hrtime` drive it.
 *
 * @internal
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
