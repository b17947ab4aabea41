import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from '../http/rate-limiter.js';
import { isProviderGateway, type ProviderGateway, providerGatewayProblem } from './provider-gateway.js';

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
    [
      'a limiter that cannot acquire',
      { rateLimiter: 10 },
      'rateLimiter is not a RateLimiter (an object with acquire)',
    ],
    ['a path rewriter that is not a function', { rewritePath: '/v1' }, 'rewritePath is not a function'],
    ['secrets that are not an array', { secrets: 'relay-secret' }, 'secrets is not an array of strings'],
    // A secret that is not a string could never be redacted (and crashed the transport's setup).
    ['a secret that is null', { secrets: [null] }, 'secrets is not an array of strings'],
    ['a secret that is a number', { secrets: ['relay-secret', 1] }, 'secrets is not an array of strings'],
    ['no id', { id: undefined }, 'id is not a string'],
    ['no mapError', { mapError: undefined }, 'mapError is not a function'],
    [
      'no upstreamCredentialHint',
      { upstreamCredentialHint: 'ask the relay' },
      'upstreamCredentialHint is not a function',
    ],
  ])('refuses a gateway with %s, naming the member and never its value', (_case, change, problem) => {
    expect(isProviderGateway({ ...gateway, ...change })).toBe(false);
    expect(providerGatewayProblem({ ...gateway, ...change })).toBe(problem);
  });

  it('refuses what is not an object', () => {
    for (const value of [undefined, null, 'maton', 42, () => gateway]) {
      expect(isProviderGateway(value)).toBe(false);
      expect(providerGatewayProblem(value)).toBe('it is not an object');
    }
    expect(providerGatewayProblem(gateway)).toBeUndefined();
  });
});
