import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode } from './error-code.js';
import {
  ApiError,
  AuthenticationError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
  WebhookVerificationError,
} from './errors.js';
import { SwitchboardError } from './switchboard-error.js';

type ErrorClass = {
  new (message: string, options: { provider: string; capability: string }): SwitchboardError;
  isInstance(error: unknown): boolean;
  readonly name: string;
};

interface ClassCase {
  name: string;
  Class: ErrorClass;
  code: ErrorCode;
  retryable: boolean;
}

/** Every class with the code and retryability it defaults to. */
const classes: ClassCase[] = (
  [
    [SwitchboardError, 'unknown', false],
    [ValidationError, 'validation_failed', false],
    [AuthenticationError, 'auth_failed', false],
    [RateLimitError, 'rate_limited', true],
    [ApiError, 'unknown', false],
    [UnsupportedFeatureError, 'unsupported_feature', false],
    [NetworkError, 'network_error', true],
    [TimeoutError, 'timeout', true],
    [WebhookVerificationError, 'webhook_verification_failed', false],
  ] as const
).map(([Class, code, retryable]) => ({ name: Class.name, Class, code, retryable }));
const subclasses = classes.slice(1);

function create(Class: ErrorClass, message = 'boom'): SwitchboardError {
  return new Class(message, { provider: 'wati', capability: 'send.location' });
}

describe('error classes', () => {
  it.each(classes)('$name: instanceof Error, SwitchboardError and itself, with its name', ({ Class }) => {
    const error = create(Class);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toBeInstanceOf(Class);
    expect(error.name).toBe(Class.name);
    expect(error.message).toBe('boom');
    expect(String(error)).toBe(`${Class.name}: boom`);
    expect(error.stack?.split('\n')[0]).toBe(`${Class.name}: boom`);
  });

  it.each(classes)(
    '$name: defaults code to $code and retryable to $retryable',
    ({ Class, code, retryable }) => {
      const error = new Class('x', { provider: 'p', capability: 'c' });
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(retryable);
      expect(error.status).toBeUndefined();
      expect(error.providerCode).toBeUndefined();
      expect(error.requestId).toBeUndefined();
      expect(error.retryAfterMs).toBeUndefined();
      expect(error.cause).toBeUndefined();
      expect('cause' in error).toBe(false);
    },
  );

  it('defaults provider to core', () => {
    expect(new SwitchboardError('x').provider).toBe('core');
    expect(new ValidationError('x').provider).toBe('core');
  });

  it.each(subclasses)(
    '$name: takes every common field from options, overriding the defaults',
    ({ Class }) => {
      const cause = new Error('socket hang up');
      const error = new Class('failed', {
        provider: 'whatsapp-cloud',
        capability: 'send.list',
        code: 'provider_unavailable',
        retryable: !create(Class).retryable,
        status: 503,
        providerCode: 131000,
        requestId: 'AbCdEfGh123',
        retryAfterMs: 1500,
        cause,
      } as ConstructorParameters<ErrorClass>[1]);
      expect(error).toMatchObject({
        provider: 'whatsapp-cloud',
        code: 'provider_unavailable',
        retryable: !create(Class).retryable,
        status: 503,
        providerCode: 131000,
        requestId: 'AbCdEfGh123',
        retryAfterMs: 1500,
      });
      expect(error.cause).toBe(cause);
    },
  );

  it('keeps a string providerCode as the provider spells it', () => {
    expect(new ApiError('x', { providerCode: 'Ticket has been expired' }).providerCode).toBe(
      'Ticket has been expired',
    );
  });

  it('ValidationError carries its issues and their field paths', () => {
    const issues = [
      { path: 'to', message: 'phone number is empty' },
      { path: 'buttons.1.title', message: 'Too big' },
    ];
    const error = new ValidationError('Invalid message', { issues });
    expect(error.issues).toEqual(issues);
    expect(error.fields).toEqual(['to', 'buttons.1.title']);
    expect(new ValidationError('x').issues).toEqual([]);
  });

  it('UnsupportedFeatureError names provider and capability', () => {
    const error = new UnsupportedFeatureError('no', { provider: 'wati', capability: 'send.location' });
    expect(error.provider).toBe('wati');
    expect(error.capability).toBe('send.location');
  });

  it('ApiError keeps the redacted url and response body', () => {
    const error = new ApiError('bad', {
      url: 'https://api.example/x?token=[REDACTED]',
      responseBody: '<html>',
    });
    expect(error.url).toBe('https://api.example/x?token=[REDACTED]');
    expect(error.responseBody).toBe('<html>');
  });

  it('NetworkError assumes the request may have been sent unless told otherwise', () => {
    expect(new NetworkError('reset').requestMayHaveBeenSent).toBe(true);
    expect(new NetworkError('refused', { requestMayHaveBeenSent: false }).requestMayHaveBeenSent).toBe(false);
  });

  it('lists every neutral error code, and no other', () => {
    expect([...ERROR_CODES].sort()).toEqual(
      [
        'validation_failed',
        'unsupported_feature',
        'auth_failed',
        'rate_limited',
        'session_window_closed',
        'invalid_recipient',
        'template_not_found',
        'media_invalid',
        'provider_unavailable',
        'network_error',
        'timeout',
        'webhook_verification_failed',
        'unknown',
      ].sort(),
    );
  });
});

describe('isInstance', () => {
  it.each(classes)('$name: isInstance recognises its own instances', ({ Class }) => {
    expect(Class.isInstance(create(Class))).toBe(true);
  });

  it.each(subclasses)('SwitchboardError.isInstance recognises a $name', ({ Class }) => {
    expect(SwitchboardError.isInstance(create(Class))).toBe(true);
  });

  it.each(subclasses)('$name: isInstance rejects every sibling class and the base class', ({ Class }) => {
    for (const { Class: Other } of classes) {
      if (Other === Class) continue;
      expect(Class.isInstance(create(Other)), `${Class.name}.isInstance(new ${Other.name})`).toBe(false);
    }
  });

  it('RateLimitError.isInstance(new ApiError) is false', () => {
    expect(RateLimitError.isInstance(new ApiError('x'))).toBe(false);
    expect(SwitchboardError.isInstance(new RateLimitError('x'))).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'RateLimitError'],
    ['a plain Error', new Error('x')],
    ['a look-alike object', { name: 'RateLimitError', code: 'rate_limited', retryable: true }],
    ['an object with a forged string marker', { [Symbol.for('switchboard.error')]: 'RateLimitError' }],
  ])('rejects %s', (_label, value) => {
    for (const { Class } of classes) expect(Class.isInstance(value)).toBe(false);
  });

  it('recognises subclasses of a Switchboard class', () => {
    class MetaApiError extends ApiError {}
    const error = new MetaApiError('x', { provider: 'whatsapp-cloud' });
    expect(ApiError.isInstance(error)).toBe(true);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
  });

  it('works unbound, e.g. as a filter callback', () => {
    const errors = [new RateLimitError('a'), new ApiError('b'), new Error('c'), new RateLimitError('d')];
    expect(errors.filter(RateLimitError.isInstance).map((error) => error.message)).toEqual(['a', 'd']);
    expect(errors.filter(SwitchboardError.isInstance)).toHaveLength(3);
  });

  it('narrows an unknown value to the class', () => {
    const caught: unknown = new RateLimitError('slow down', { retryAfterMs: 2000 });
    if (!RateLimitError.isInstance(caught)) throw new Error('expected a RateLimitError');
    expect(caught.retryAfterMs).toBe(2000);
    const issues: unknown = new ValidationError('bad', { issues: [{ path: 'to', message: 'x' }] });
    expect(ValidationError.isInstance(issues) && issues.fields).toEqual(['to']);
  });

  it('keeps a sibling check from narrowing a SwitchboardError to never', () => {
    const error: SwitchboardError = new TimeoutError('slow', { status: 504 });
    if (RateLimitError.isInstance(error)) throw new Error('not a rate limit');
    // Compiles only because the false branch still has a SwitchboardError.
    expect(error.status).toBe(504);
  });
});

describe('isInstance across duplicate package copies', () => {
  async function loadCopy() {
    vi.resetModules();
    const errors: typeof import('./errors.js') = await import('./errors.js');
    const base: typeof import('./switchboard-error.js') = await import('./switchboard-error.js');
    return { ...errors, SwitchboardError: base.SwitchboardError };
  }

  it('loads a genuinely separate copy of the classes', async () => {
    const copy = await loadCopy();
    expect(copy.RateLimitError).not.toBe(RateLimitError);
    expect(copy.SwitchboardError).not.toBe(SwitchboardError);
  });

  it('recognises an error of copy A with copy B isInstance, though instanceof fails', async () => {
    const copy = await loadCopy();
    const fromCopy = new copy.RateLimitError('slow down', { retryAfterMs: 1000 });
    expect(fromCopy instanceof RateLimitError).toBe(false);
    expect(fromCopy instanceof SwitchboardError).toBe(false);
    expect(RateLimitError.isInstance(fromCopy)).toBe(true);
    expect(SwitchboardError.isInstance(fromCopy)).toBe(true);
    expect(ApiError.isInstance(fromCopy)).toBe(false);

    const local = new ValidationError('bad');
    expect(local instanceof copy.ValidationError).toBe(false);
    expect(copy.ValidationError.isInstance(local)).toBe(true);
    expect(copy.SwitchboardError.isInstance(local)).toBe(true);
    expect(copy.NetworkError.isInstance(local)).toBe(false);
  });

  it.each(classes)('recognises a $name from the other copy', async ({ name, Class: Local }) => {
    const copy = await loadCopy();
    const Foreign = (copy as unknown as Record<string, ErrorClass>)[name];
    if (Foreign === undefined) throw new Error(`no class ${name} in the copy`);
    expect(Local.isInstance(create(Foreign))).toBe(true);
    expect(Foreign.isInstance(create(Local))).toBe(true);
  });

  it('describes a cause from the other copy with its public fields', async () => {
    const copy = await loadCopy();
    const cause = new copy.ApiError('upstream', {
      provider: 'wati',
      status: 502,
      requestId: 'r-1',
      code: 'provider_unavailable',
    });
    const json = new NetworkError('wrapped', { cause }).toJSON();
    expect(json.cause).toEqual({
      name: 'ApiError',
      code: 'provider_unavailable',
      message: 'upstream',
      provider: 'wati',
      retryable: false,
      status: 502,
      requestId: 'r-1',
    });
  });

  it("keeps the subclass fields of a cause from the other copy, as of the package's own", async () => {
    const copy = await loadCopy();
    const issues = [{ path: 'to', message: 'must be a phone number' }];
    const foreign = new NetworkError('wrapped', {
      cause: new copy.ValidationError('bad', { issues }),
    }).toJSON();
    const local = new NetworkError('wrapped', { cause: new ValidationError('bad', { issues }) }).toJSON();
    expect(foreign.cause).toEqual(local.cause);
    expect(foreign.cause).toMatchObject({ issues });
  });
});

describe('toJSON', () => {
  it('is not changed by a subclass with a describe method of its own, nor a cause that fakes the class', () => {
    class DescribedError extends ApiError {
      describe(): string {
        return `my error: ${this.message}`;
      }
    }
    const fake = Object.create(SwitchboardError.prototype) as SwitchboardError;
    const error = new DescribedError('boom', { provider: 'custom', cause: fake });
    expect(error.toJSON()).toMatchObject({ name: 'ApiError', message: 'boom', provider: 'custom' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ message: 'boom', cause: { message: '' } });
  });

  it('describes an error seen through a Proxy, as loggers and reactive wrappers hand it over', () => {
    const proxied = new Proxy(new RateLimitError('slow down', { provider: 'wati', retryAfterMs: 1000 }), {});
    expect(JSON.parse(JSON.stringify(proxied))).toMatchObject({
      name: 'RateLimitError',
      message: 'slow down',
      retryAfterMs: 1000,
    });
  });

  it('contains the common fields and omits the undefined ones', () => {
    expect(new AuthenticationError('bad token', { provider: 'wati' }).toJSON()).toEqual({
      name: 'AuthenticationError',
      code: 'auth_failed',
      message: 'bad token',
      provider: 'wati',
      retryable: false,
    });
  });

  it('contains status, providerCode, requestId and retryAfterMs when set', () => {
    const error = new RateLimitError('slow down', {
      provider: 'whatsapp-cloud',
      status: 429,
      providerCode: 130429,
      requestId: 'AbC123',
      retryAfterMs: 3000,
    });
    expect(error.toJSON()).toEqual({
      name: 'RateLimitError',
      code: 'rate_limited',
      message: 'slow down',
      provider: 'whatsapp-cloud',
      retryable: true,
      status: 429,
      providerCode: 130429,
      requestId: 'AbC123',
      retryAfterMs: 3000,
    });
  });

  it('contains the issues of a ValidationError', () => {
    const issues = [{ path: 'to', message: 'phone number is empty' }];
    expect(new ValidationError('Invalid message', { issues }).toJSON()).toMatchObject({
      code: 'validation_failed',
      issues,
    });
  });

  it('contains the capability of an UnsupportedFeatureError', () => {
    const json = new UnsupportedFeatureError('no', {
      provider: 'wati',
      capability: 'send.location',
    }).toJSON();
    expect(json).toMatchObject({
      code: 'unsupported_feature',
      provider: 'wati',
      capability: 'send.location',
    });
  });

  it('contains the url and response body of an ApiError only when known', () => {
    expect(new ApiError('x', { url: 'https://a.example/v1', responseBody: '{}' }).toJSON()).toMatchObject({
      url: 'https://a.example/v1',
      responseBody: '{}',
    });
    expect(Object.keys(new ApiError('x').toJSON())).not.toContain('url');
  });

  it('has no stack, at any depth', () => {
    const error = new ApiError('outer', { cause: new TimeoutError('inner', { cause: new Error('root') }) });
    const text = JSON.stringify(error);
    expect(text).not.toContain('stack');
    expect(text).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('reduces an Error cause to name, string code and message, dropping its other properties', () => {
    const cause = Object.assign(new TypeError('connect ECONNREFUSED 10.0.0.1:443'), {
      code: 'ECONNREFUSED',
      errno: -111,
      config: { headers: { Authorization: 'Bearer sk-live-SECRET' } },
    });
    const json = new NetworkError('Could not connect', { cause }).toJSON();
    expect(json.cause).toEqual({
      name: 'TypeError',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 10.0.0.1:443',
    });
    expect(JSON.stringify(json)).not.toContain('SECRET');
  });

  it('ignores a non-string code on an Error cause', () => {
    const cause = Object.assign(new Error('x'), { code: 42 });
    expect(new NetworkError('y', { cause }).toJSON().cause).toEqual({ name: 'Error', message: 'x' });
  });

  it('keeps the chain of wrapped causes (undici "fetch failed" hides the reason one level down)', () => {
    const root = Object.assign(new Error('getaddrinfo ENOTFOUND graph.facebook.com'), { code: 'ENOTFOUND' });
    const cause = new TypeError('fetch failed', { cause: root });
    expect(new NetworkError('DNS lookup failed', { cause }).toJSON().cause).toEqual({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { name: 'Error', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND graph.facebook.com' },
    });
  });

  it('describes a Switchboard cause with its own JSON', () => {
    const cause = new RateLimitError('throttled', { provider: 'wati', retryAfterMs: 10 });
    expect(new ApiError('gave up', { cause }).toJSON().cause).toEqual(cause.toJSON());
  });

  it('turns a non-Error cause into a string', () => {
    expect(new ApiError('x', { cause: 'socket closed' }).toJSON().cause).toBe('socket closed');
    expect(new ApiError('x', { cause: 503 }).toJSON().cause).toBe('503');
    expect(new ApiError('x', { cause: null }).toJSON().cause).toBe('null');
  });

  it('is JSON.stringify-able with a circular cause object, without leaking its contents', () => {
    const cause: Record<string, unknown> = { token: 'sk-live-SECRET' };
    cause.self = cause;
    const error = new ApiError('x', { cause });
    const text = JSON.stringify(error);
    expect(JSON.parse(text).cause).toBe('[object Object]');
    expect(text).not.toContain('SECRET');
  });

  it('survives a cause object without a prototype or with a throwing toString', () => {
    const bare = Object.create(null) as object;
    const hostile = {
      toString() {
        throw new Error('nope');
      },
    };
    expect(new ApiError('x', { cause: bare }).toJSON().cause).toBe('[object Object]');
    expect(new ApiError('x', { cause: hostile }).toJSON().cause).toBe('[object Object]');
  });

  it('survives a cycle of Switchboard errors', () => {
    const inner = new NetworkError('inner');
    const outer = new ApiError('outer', { cause: inner });
    Object.defineProperty(inner, 'cause', { value: outer });
    const json = JSON.parse(JSON.stringify(outer));
    expect(json.cause.message).toBe('inner');
    expect(json.cause.cause).toBe('[Circular]');
  });

  it('truncates a very deep cause chain', () => {
    let error: Error = new Error('root');
    for (let depth = 0; depth < 50; depth++) error = new Error(`level ${depth}`, { cause: error });
    const text = JSON.stringify(new NetworkError('top', { cause: error }));
    expect(text).toContain('[Truncated]');
    expect(text.length).toBeLessThan(1000);
  });

  it('is what JSON.stringify uses', () => {
    const error = new TimeoutError('slow', { provider: 'wati' });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.toJSON());
    expect(JSON.parse(JSON.stringify({ error }))).toEqual({ error: error.toJSON() });
  });
});
