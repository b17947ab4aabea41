import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SafeParsable } from '../errors/from-zod.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { TokenBucketRateLimiter } from '../http/rate-limiter.js';
import { DEFAULT_RETRY, resolveRetryOptions } from '../http/retry-policy.js';
import { HttpTransport } from '../http/transport.js';
import { loadProvider } from './load-provider.js';
import type { MessagingProvider } from './messaging-provider.js';
import type { ProviderDefinition } from './provider-definition.js';
import { transportConfigShape, transportOptionsShape } from './provider-transport-options.js';

const config = z.strictObject(transportConfigShape);
const runtime = z.strictObject(transportOptionsShape);

function fieldsOf(schema: SafeParsable, value: unknown): string[] {
  try {
    parseOrThrow(schema, value, { what: 'options' });
  } catch (error) {
    return (error as { fields: string[] }).fields;
  }
  return [];
}

describe('shared transport options', () => {
  it('accepts JSON-friendly values in config and instances at runtime', () => {
    expect(
      config.parse({ retry: false, rateLimit: { requestsPerSecond: 5, burst: 2 }, timeoutMs: 1000 }),
    ).toBeTruthy();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1 });
    const dispatcher = new Agent();
    const parsed = runtime.parse({ rateLimit: limiter, dispatcher, hooks: { onRetry: () => {} } });
    expect(parsed.rateLimit).toBe(limiter);
    expect(parsed.dispatcher).toBe(dispatcher);
  });

  it('names the bad field of a malformed retry or rate, and refuses instances in a config file', () => {
    expect(fieldsOf(config, { retry: { maxRetries: -1 } })).toEqual(['retry.maxRetries']);
    expect(fieldsOf(config, { retry: true })).toEqual(['retry']);
    expect(fieldsOf(config, { rateLimit: { requestsPerSecond: 0 } })).toEqual([
      'rateLimit.requestsPerSecond',
    ]);
    expect(fieldsOf(config, { timeoutMs: -5 })).toEqual(['timeoutMs']);
    expect(fieldsOf(config, { dispatcher: {} })).toEqual(['']);
  });

  it('refuses a dispatcher that cannot dispatch and hooks that are not functions, at creation', () => {
    expect(fieldsOf(runtime, { dispatcher: {} })).toEqual(['dispatcher']);
    expect(fieldsOf(runtime, { dispatcher: { dispatch: 'yes' } })).toEqual(['dispatcher']);
    expect(fieldsOf(runtime, { hooks: { onRequest: 1 } })).toEqual(['hooks']);
    expect(fieldsOf(runtime, { hooks: { onRetry: () => {}, onResponse: 'log' } })).toEqual(['hooks']);
    // Hooks it does not know are not its business: a caller may keep other functions there.
    expect(fieldsOf(runtime, { hooks: { onRequest: () => {}, label: 'audit' } })).toEqual([]);
  });
});

describe('explicit undefined in transport options', () => {
  it('means the default, like an absent key', () => {
    const parsed = config.parse({ retry: { maxRetries: undefined, maxDelayMs: 100 }, timeoutMs: undefined });
    expect(parsed.retry).toStrictEqual({ maxDelayMs: 100 });
    expect(resolveRetryOptions(parsed.retry)).toStrictEqual({ ...DEFAULT_RETRY, maxDelayMs: 100 });
  });

  it('lets loadProvider create a provider whose factory builds a transport', () => {
    const schema = z.strictObject(transportConfigShape);
    const definition: ProviderDefinition<typeof schema> = {
      id: 'transported',
      configSchema: schema,
      env: [],
      secretFields: [],
      fromEnv: () => undefined,
      create(options) {
        const transport = new HttpTransport({
          provider: 'transported',
          baseUrl: 'https://api.example',
          retry: options.retry,
          timeoutMs: options.timeoutMs,
        });
        return { id: 'transported', transport } as unknown as MessagingProvider;
      },
    };
    const config = { provider: 'transported', transported: { retry: { maxRetries: undefined } } };
    expect(loadProvider(config, [definition]).id).toBe('transported');
  });
});
