import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from '../http/rate-limiter.js';
import { isProviderGateway, type ProviderGateway } from './provider-gateway.js';

const gateway: ProviderGateway = {
  id: 'relay',
  baseUrl: (api) => `https://relay.example/${api}`,
  headers: () => ({ 'x-relay-key': 'relay-secret' }),
  secrets: ['relay-secret'],
  rateLimiter: undefined,
  mapError: () => undefined,
  upstreamCredentialHint: () => 're-link the account in the relay',
};

describe('isProviderGateway', () => {
  it('accepts a gateway with or without a limiter and a path rewriter', () => {
    expect(isProviderGateway(gateway)).toBe(true);
    expect(
      isProviderGateway({
        ...gateway,
        rateLimiter: new TokenBucketRateLimiter({ requestsPerSecond: 10 }),
        rewritePath: (api: string, path: string) => `/${api}${path}`,
      }),
    ).toBe(true);
    // `rateLimiter` is a required key of the type, but a JavaScript caller may leave it out.
    const { rateLimiter: _left, ...withoutLimiterKey } = gateway;
    expect(isProviderGateway(withoutLimiterKey)).toBe(true);
  });

  it.each([
    ['a limiter that cannot acquire', { rateLimiter: 10 }],
    ['a path rewriter that is not a function', { rewritePath: '/v1' }],
    ['secrets that are not an array', { secrets: 'relay-secret' }],
    ['no id', { id: undefined }],
    ['no mapError', { mapError: undefined }],
    ['no upstreamCredentialHint', { upstreamCredentialHint: 'ask the relay' }],
  ])('refuses a gateway with %s', (_case, change) => {
    expect(isProviderGateway({ ...gateway, ...change })).toBe(false);
  });

  it('refuses what is not an object', () => {
    for (const value of [undefined, null, 'maton', 42, () => gateway]) {
      expect(isProviderGateway(value)).toBe(false);
    }
  });
});
