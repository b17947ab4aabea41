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
 * is loaded instead, and this package's tests fail (they assert the lean path is taken).
 */
export function loadGetGlobalDispatcher(): Promise<GetGlobalDispatcher> {
  loading ??= firstGetGlobalDispatcher([() => import('undici/lib/global.js'), () => import('undici')]).catch(
    (error: unknown) => {
      // Not cached: a later request tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

let loading: Promise<GetGlobalDispatcher> | undefined;

/**
 * The `getGlobalDispatcher` of the first module that loads and has one; the last loader's error
 * when none does.
 */
export async function firstGetGlobalDispatcher(
  loaders: readonly (() => Promise<{ getGlobalDispatcher?: unknown }>)[],
): Promise<GetGlobalDispatcher> {
  let lastError: unknown = new Error('No module to load undici from');
  for (const load of loaders) {
    try {
      const { getGlobalDispatcher } = await load();
      if (typeof getGlobalDispatcher === 'function') return getGlobalDispatcher as GetGlobalDispatcher;
      lastError = new TypeError('The module loaded for undici has no getGlobalDispatcher function');
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
