import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError } from '../errors/errors.js';
import {
  firstGetGlobalDispatcher,
  loadGetGlobalDispatcher,
  UNDICI_MODULES,
  UndiciUnavailable,
} from './global-dispatcher.js';
import { networkFailure } from './network-error.js';

const run = promisify(execFile);

describe('loadGetGlobalDispatcher', () => {
  const original = getGlobalDispatcher();
  afterEach(() => setGlobalDispatcher(original));

  it("reads the dispatcher undici's own getGlobalDispatcher gives, one an application set included", async () => {
    const read = await loadGetGlobalDispatcher();
    expect(read()).toBe(getGlobalDispatcher());
    const proxyLike = new Agent();
    setGlobalDispatcher(proxyLike);
    expect(read()).toBe(proxyLike);
    await proxyLike.close();
  });

  it("loads undici's global dispatcher alone, not its index (fetch, WebSocket, cache, mocks)", async () => {
    // A fresh process, so no other test has loaded undici's index before; it runs this module's
    // source (Node strips its types), since the published build bundles it into core's entries.
    const script = `
      import { createRequire } from 'node:module';
      const { loadGetGlobalDispatcher } = await import(${JSON.stringify(new URL('./global-dispatcher.ts', import.meta.url).href)});
      (await loadGetGlobalDispatcher())();
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('undici'));
      console.log(JSON.stringify(loaded));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    const loaded = (JSON.parse(stdout) as string[]).map((path) => path.replaceAll('\\', '/'));
    expect(loaded.some((path) => path.endsWith('/undici/lib/global.js'))).toBe(true);
    expect(loaded.filter((path) => path.endsWith('/undici/index.js'))).toEqual([]);
    expect(loaded.filter((path) => path.includes('/undici/lib/web/'))).toEqual([]);
  });
});

describe('firstGetGlobalDispatcher', () => {
  const dispatcher = new Agent();
  const found = () => dispatcher;

  it('falls back to the next module when one cannot be loaded or has no getGlobalDispatcher', async () => {
    const missing = Object.assign(new Error("Cannot find module 'undici/lib/global.js'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const read = await firstGetGlobalDispatcher([
      () => Promise.reject(missing),
      () => Promise.resolve({ getGlobalDispatcher: 'not a function' }),
      () => Promise.resolve({ getGlobalDispatcher: found }),
    ]);
    expect(read()).toBe(dispatcher);
  });

  it('throws a failure other than a missing module at once, without trying the next module', async () => {
    // An ES module bundle without `require`: undici/lib/global.js is inlined, and fails.
    const unbundlable = new Error('Dynamic require of "node:assert" is not supported');
    const fallback = vi.fn(() => Promise.resolve({ getGlobalDispatcher: found }));
    await expect(firstGetGlobalDispatcher([() => Promise.reject(unbundlable), fallback])).rejects.toBe(
      unbundlable,
    );
    expect(fallback).not.toHaveBeenCalled();
  });

  it("rejects with the first module's error when none has one", async () => {
    const notFound = (message: string) => Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });
    const missingFile = notFound("Cannot find module '/app/node_modules/undici/lib/global.js'");
    const missingPackage = notFound("Cannot find package 'undici'");
    await expect(
      firstGetGlobalDispatcher([() => Promise.reject(missingFile), () => Promise.reject(missingPackage)]),
    ).rejects.toBe(missingFile);
    await expect(
      firstGetGlobalDispatcher([() => Promise.resolve({}), () => Promise.reject(missingPackage)]),
    ).rejects.toThrow('The module loaded for undici has no getGlobalDispatcher function');
  });
});

describe('UNDICI_MODULES', () => {
  it("falls back to undici's index, which reads the same global dispatcher", async () => {
    const [, index] = UNDICI_MODULES;
    const { getGlobalDispatcher: fromIndex } = (await index?.()) ?? {};
    expect(fromIndex).toBe(getGlobalDispatcher);
  });
});

describe('undici that cannot be loaded', () => {
  it('is a NetworkError saying nothing was sent, which a retry would not mend', () => {
    const cause = new Error('Dynamic require of "node:assert" is not supported');
    const error = networkFailure(new UndiciUnavailable(cause), {
      provider: 'whatsapp-cloud',
      method: 'POST',
      url: 'https://graph.facebook.com/v21.0/1/messages',
      secrets: [],
    });
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      retryable: false,
      requestMayHaveBeenSent: false,
      cause,
      message:
        'Did not send POST https://graph.facebook.com/v21.0/1/messages to whatsapp-cloud: Could not load undici: Dynamic require of "node:assert" is not supported. ' +
        "undici is CommonJS: an application bundled as ES modules must define `require` (see @switchboard/core's README, 'Bundling an application')",
    });
  });

  it('names the fix for a require left in an ES module bundle by another bundler too', () => {
    const cause = new ReferenceError('require is not defined in ES module scope, you can use import instead');
    expect(new UndiciUnavailable(cause).message).toMatch(
      /scope, you can use import instead\. undici is CommonJS: .*'Bundling an application'/,
    );
  });

  it('gives any other cause as it is', () => {
    const cause = Object.assign(new Error("Cannot find package 'undici'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(new UndiciUnavailable(cause).message).toBe("Could not load undici: Cannot find package 'undici'");
  });
});
