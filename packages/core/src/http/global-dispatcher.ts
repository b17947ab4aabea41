import type { Dispatcher } from 'undici';

/** Reads undici's global dispatcher. */
export type GetGlobalDispatcher = () => Dispatcher;

/**
 * Loads undici's `getGlobalDispatcher`, once, on the first request.
 *
 * Only `undici/lib/global.js` is loaded (the global dispatcher: its `Agent`, client and HTTP/1
 * parser, all a request needs), not undici's index, which also evaluates fetch, WebSocket, the
 * cache, the mocks and every interceptor. A fresh process's first POST took 35 ms of CPU over a bare
 * process this way against 72 ms through the index, measured with Node 24 and undici 8.12 — as much
 * as Node's own `fetch` (`pnpm bench`, cold start). It is the same dispatcher: both read one global
 * symbol, so one set with undici's `setGlobalDispatcher` (a proxy agent, say) is the one used.
 * undici declares no `exports` map, so the file resolves; should a later undici move it, the index
 * is loaded instead (see {@link UNDICI_MODULES}), and this package's tests fail (they assert the
 * lean path is taken).
 */
export function loadGetGlobalDispatcher(): Promise<GetGlobalDispatcher> {
  loading ??= firstGetGlobalDispatcher(UNDICI_MODULES).catch((error: unknown) => {
    // Not cached: a later request tries again.
    loading = undefined;
    throw new UndiciUnavailable(error);
  });
  return loading;
}

/**
 * undici could not be loaded, so no request left the process. The transport reports it as a
 * `NetworkError` that is not retryable and says the request was not sent: a retry within the same
 * send would fail the same way (the next send tries to load undici again), and an outbox may safely
 * send again once the application is fixed.
 */
export class UndiciUnavailable extends Error {
  override readonly name = 'UndiciUnavailable';

  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    // A CommonJS `require` left in an ES module bundle: esbuild's shim says the first, an output
    // without any shim the second. The fix is one line of the application's build, named here.
    const hint = /^Dynamic require of |^require is not defined/.test(detail)
      ? ". undici is CommonJS: an application bundled as ES modules must define `require` (see @switchboard/core's README, 'Bundling an application')"
      : '';
    super(`Could not load undici: ${detail}${hint}`, { cause });
  }
}

/**
 * Where `getGlobalDispatcher` is loaded from, in order: `undici/lib/global.js`, then undici's index
 * (only when that file is not found: see {@link firstGetGlobalDispatcher}).
 *
 * The index is imported with a specifier a bundler does not read. A literal `import('undici')` made
 * esbuild inline all of undici (fetch, WebSocket, the cache, the mocks) into every application
 * bundle that contains core, for a fallback a bundle never takes: its bundler inlines
 * `undici/lib/global.js` at build time, or fails there, so the file is never missing at run time.
 * A minimal send-a-text app went from 882 to 618 KB minified, and its first send from 361 to 320.5 M
 * instructions (`docs/performance.md`).
 */
export const UNDICI_MODULES: readonly (() => Promise<{ getGlobalDispatcher?: unknown }>)[] = [
  () => import('undici/lib/global.js'),
  () => importAtRunTime('undici'),
];

/** `import(specifier)`, resolved by Node when it runs, never by a bundler at build time. */
function importAtRunTime(specifier: string): Promise<{ getGlobalDispatcher?: unknown }> {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
}

let loading: Promise<GetGlobalDispatcher> | undefined;

/**
 * The `getGlobalDispatcher` of the first module that loads and has one. The next module is tried
 * only when one is not found or has no such function; any other failure is thrown at once. In an
 * application bundled as ES modules without `require`, `undici/lib/global.js` is there but fails
 * (`Dynamic require of "node:…" is not supported`): that is the error to report, and a fallback
 * resolved from the bundle's folder could load another copy of undici, of another version, that
 * happens to sit beside it. When no module has the function, the first one's error.
 */
export async function firstGetGlobalDispatcher(
  loaders: readonly (() => Promise<{ getGlobalDispatcher?: unknown }>)[],
): Promise<GetGlobalDispatcher> {
  // Boxed: a loader may reject with undefined.
  let first: { error: unknown } | undefined;
  for (const load of loaders) {
    let loaded: { getGlobalDispatcher?: unknown };
    try {
      loaded = await load();
    } catch (error) {
      if (!isModuleNotFound(error)) throw error;
      first ??= { error };
      continue;
    }
    if (typeof loaded.getGlobalDispatcher === 'function')
      return loaded.getGlobalDispatcher as GetGlobalDispatcher;
    first ??= { error: new TypeError('The module loaded for undici has no getGlobalDispatcher function') };
  }
  throw first === undefined ? new Error('No module to load undici from') : first.error;
}

/** Node's error for a module or package that does not resolve (ES modules, then CommonJS). */
function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
