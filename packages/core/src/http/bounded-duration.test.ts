import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { faults, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { getGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { transportConfigShape } from '../provider/provider-transport-options.js';
import { clampTimerMs, MAX_TIMER_MS } from './bounded-duration.js';
import { dispatchRequest } from './dispatch-request.js';
import { sleep } from './retry-policy.js';
import { HttpTransport, type TransportOptions } from './transport.js';

const OVERFLOW = 2 ** 31;

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

/** The ValidationError `fn` throws or rejects with; fails on anything else. */
async function validationErrorOf(fn: () => unknown): Promise<ValidationError> {
  try {
    await fn();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** Collects the names of process warnings emitted while `run` is pending. */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const names: string[] = [];
  const listener = (warning: Error) => names.push(warning.name);
  process.on('warning', listener);
  try {
    await run();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return names;
}

describe('clampTimerMs', () => {
  it.each([
    [0, 0],
    [-5, 0],
    [Number.NaN, 0],
    [1500, 1500],
    [MAX_TIMER_MS, MAX_TIMER_MS],
    [OVERFLOW, MAX_TIMER_MS],
    [Number.POSITIVE_INFINITY, MAX_TIMER_MS],
  ])('clamps %d to %d', (ms, expected) => {
    expect(clampTimerMs(ms)).toBe(expected);
  });
});

describe('duration options beyond the timer limit', () => {
  const transport = (options: Partial<TransportOptions>) =>
    new HttpTransport({ provider: 'test', baseUrl: 'https://api.example', ...options });

  it.each([
    ['timeoutMs', { timeoutMs: OVERFLOW }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: OVERFLOW } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: OVERFLOW } }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: 2 ** 32 } }],
  ])('are rejected by HttpTransport naming %s', async (field, options) => {
    const error = await validationErrorOf(() => transport(options));
    expect(error.fields).toEqual([field]);
  });

  it('are rejected per request before anything is sent', async () => {
    const error = await validationErrorOf(() =>
      transport({ baseUrl: server.url }).requestText({ method: 'GET', path: '/x', timeoutMs: OVERFLOW }),
    );
    expect(error.fields).toEqual(['timeoutMs']);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['timeoutMs', { timeoutMs: OVERFLOW }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: OVERFLOW } }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: OVERFLOW } }],
  ])('are rejected by the providers’ config schema naming %s', async (field, options) => {
    const schema = z.strictObject(transportConfigShape);
    const error = await validationErrorOf(() => parseOrThrow(schema, options, { what: 'config' }));
    expect(error.fields).toEqual([field]);
    expect(error.message).not.toContain(String(OVERFLOW));
  });

  it('accept the limit itself', () => {
    const schema = z.strictObject(transportConfigShape);
    const limit = {
      timeoutMs: MAX_TIMER_MS,
      retry: { maxDelayMs: MAX_TIMER_MS, maxRetryAfterMs: MAX_TIMER_MS },
    };
    expect(schema.parse(limit)).toEqual(limit);
    expect(() => transport(limit)).not.toThrow();
  });
});

describe('computed waits beyond the timer limit', () => {
  it('sleep keeps waiting instead of overflowing to 1 ms, without a TimeoutOverflowWarning', async () => {
    const warnings = await warningsDuring(async () => {
      const controller = new AbortController();
      let slept = false;
      const pending = sleep(OVERFLOW, controller.signal).then(
        () => {
          slept = true;
        },
        () => undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(slept).toBe(false);
      controller.abort(new Error('done'));
      await pending;
    });
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('an attempt timer past the limit waits for the response instead of timing out at once', async () => {
    server.use(
      http.get('/slow', async ({ request }) => {
        await faults.delay(30, request.signal);
        return HttpResponse.json({ ok: true });
      }),
    );
    const warnings = await warningsDuring(async () => {
      const response = await dispatchRequest(getGlobalDispatcher(), {
        origin: new URL(server.url).origin,
        path: '/slow',
        method: 'GET',
        headers: {},
        body: undefined,
        timeoutMs: OVERFLOW,
        maxBytes: 1024,
        signal: undefined,
      });
      expect(response.status).toBe(200);
    });
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });
});

describe('timers in core', () => {
  it('all go through setBoundedTimeout, so none can overflow', () => {
    const root = join(import.meta.dirname, '..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const name = relative(root, path);
          if (name === join('http', 'bounded-duration.ts')) continue;
          if (/\bset(?:Timeout|Interval)\s*\(/.test(readFileSync(path, 'utf8'))) offenders.push(name);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
