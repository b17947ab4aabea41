// undici ships no types for its lib/ files; this one is loaded on its own, see global-dispatcher.ts.
declare module 'undici/lib/global.js' {
  import type { Dispatcher } from 'undici';

  export function getGlobalDispatcher(): Dispatcher;
  export function setGlobalDispatcher(dispatcher: Dispatcher): void;
}
