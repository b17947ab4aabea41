import { faults } from '@switchboard/testing';
import { vi } from 'vitest';

/** A promise and the function that resolves it. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * A resolver that never answers: `arrived` resolves once the server has the request, `clientLeft`
 * once the client dropped the connection. Tests wait for these instead of sleeping.
 */
export function hangingResolver() {
  const arrived = deferred();
  const clientLeft = deferred();
  const resolver = async ({ request }: { request: Request }): Promise<Response> => {
    arrived.resolve();
    const response = await faults.hang(request);
    clientLeft.resolve();
    return response;
  };
  return { resolver, arrived: arrived.promise, clientLeft: clientLeft.promise };
}

// An attempt timeout the tests hold back; no other timer uses this delay.
export const HELD_TIMEOUT_MS = 4321;
const NEVER_MS = 2 ** 31 - 1;

/**
 * Holds back every timer set for `ms` (the transport's attempt timer, given that timeout) until
 * the test fires it, so an attempt times out right after the event the test awaits (the server
 * has the request, the headers arrived) however slow the machine is. Every other timer stays
 * real: undici drives its sockets with its own timers, which fake timers would freeze.
 */
export function holdTimers(ms: number): { armedCount: () => number; fire: () => void } {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const held = new Map<NodeJS.Timeout, () => void>();
  let armed = 0;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    delay?: number,
    ...args: unknown[]
  ) => {
    if (delay !== ms) return realSetTimeout(callback, delay, ...args);
    armed += 1;
    // A real handle, so clearTimeout treats it as usual, that never fires by itself.
    const handle = realSetTimeout(() => undefined, NEVER_MS).unref();
    held.set(handle, () => callback(...args));
    return handle;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((handle) => {
    held.delete(handle as NodeJS.Timeout);
    realClearTimeout(handle);
  });
  return {
    armedCount: () => armed,
    fire() {
      const pending = [...held];
      // Exactly one: a cleared timer (say, stopped when the headers arrived) must fail the test.
      if (pending.length !== 1)
        throw new Error(`expected one pending ${ms} ms timer, found ${pending.length}`);
      const [handle, callback] = pending[0] as [NodeJS.Timeout, () => void];
      held.delete(handle);
      realClearTimeout(handle);
      callback();
    },
  };
}
