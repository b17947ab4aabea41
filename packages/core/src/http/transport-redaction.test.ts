import { inspect } from 'node:util';
import { faults, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import type { Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../errors/errors.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { ResponseEvent, RetryEvent } from './hooks.js';
import { httpStatusError } from './http-error.js';
import { HttpTransport, type TransportOptions } from './transport.js';

// Letters and digits only, so `\u` escapes of plain ASCII are the only way it can be disguised.
const TOKEN = 'abcdef123456';
const ESCAPED = '\\u0061bcdef123456';
const ok = z.looseObject({ ok: z.literal(true) });

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterEach(() => {
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

function transport(options: Partial<TransportOptions> = {}): HttpTransport {
  return new HttpTransport({
    provider: 'test',
    baseUrl: server.url,
    headers: { authorization: `Bearer ${TOKEN}` },
    secrets: [TOKEN],
    ...options,
  });
}

/** Everything a log line could show of `value`, errors with their JSON and stack. */
function shown(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item instanceof Error ? { json: (item as SwitchboardError).toJSON?.(), stack: item.stack } : item,
  );
}

function expectNoToken(value: unknown): void {
  const text = shown(value);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(ESCAPED);
}

describe('onResponse', () => {
  it('receives response headers redacted like request headers', async () => {
    server.use(
      http.get(
        '/page',
        () =>
          new HttpResponse('{"ok":true}', {
            headers: {
              'content-type': 'application/json',
              'set-cookie': 'session=s3cr3t-session-cookie; HttpOnly',
              link: '<https://api.example/next?access_token=gateway-injected-9>; rel="next"',
              'x-echo': `token ${TOKEN}`,
            },
          }),
      ),
    );
    const events: ResponseEvent[] = [];
    await transport({ hooks: { onResponse: (event) => events.push(event) } }).requestJson(
      { method: 'GET', path: '/page' },
      ok,
    );
    const headers = events[0]?.responseHeaders ?? {};
    expect(headers['set-cookie']).toBe('[redacted]');
    expect(headers.link).toBe('<https://api.example/next?access_token=[redacted]>; rel="next"');
    expect(headers['x-echo']).toBe('token [redacted]');
    expect(headers['content-type']).toBe('application/json');
    expect(events[0]?.headers.authorization).toBe('Bearer [redacted]');
    expectNoToken(events);
    expect(shown(events)).not.toContain('s3cr3t-session-cookie');
    expect(shown(events)).not.toContain('gateway-injected-9');
  });
});

describe('errors and onRetry', () => {
  it('redact a request id echoing the token, in the retry event and the thrown error', async () => {
    server.use(http.get('/busy', () => faults.status(503, { headers: { 'x-request-id': TOKEN } })));
    const retries: RetryEvent[] = [];
    const error = await transport({
      retry: { maxRetries: 1, baseDelayMs: 1 },
      hooks: { onRetry: (event) => retries.push(event) },
    })
      .requestJson({ method: 'GET', path: '/busy' }, ok)
      .catch((caught: unknown) => caught);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect((error as SwitchboardError).requestId).toBe('[redacted]');
    expect(retries[0]?.error.requestId).toBe('[redacted]');
    expectNoToken([error, retries]);
  });

  it('redact what an error mapper copied from the response headers', async () => {
    server.use(http.get('/denied', () => faults.status(401, { headers: { 'x-debug': `key=${TOKEN}` } })));
    const error = await transport({
      retry: false,
      mapError: (context) =>
        new ApiError(`denied (${context.headers['x-debug']}) ${TOKEN}`, { requestId: TOKEN }),
    })
      .requestJson({ method: 'GET', path: '/denied' }, ok)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expectNoToken(error);
  });

  it('redact the cause a dispatcher failed with', async () => {
    const dispatcher = {
      dispatch() {
        throw new Error(`proxy refused https://user:${TOKEN}@proxy.example`);
      },
    } as unknown as Dispatcher;
    const error = await transport({ retry: false, dispatcher })
      .requestJson({ method: 'GET', path: '/x' }, ok)
      .catch((caught: unknown) => caught);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect(shown(error)).toContain('[redacted]');
    expectNoToken(error);
  });
});

describe('secrets a server escapes in JSON with \\u escapes of ASCII', () => {
  it('are redacted from returned data (raw)', async () => {
    server.use(http.get('/echo', () => new HttpResponse(`{"ok":true,"echo":"${ESCAPED}"}`)));
    const response = await transport().requestJson({ method: 'GET', path: '/echo' }, ok);
    expect(response.data.echo).toBe('[redacted]');
    expectNoToken(response.data);
  });

  it('are redacted from error messages and response bodies', async () => {
    server.use(
      http.post('/send', () =>
        faults.status(400, {
          body: `{"error":{"message":"bad token ${ESCAPED}"}}`,
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    const error = await transport({ retry: false, mapError: (context) => httpStatusError(context) })
      .requestJson({ method: 'POST', path: '/send', body: { type: 'json', value: {} } }, ok)
      .catch((caught: unknown) => caught);
    expect((error as ApiError).responseBody).toBe('{"error":{"message":"bad token [redacted]"}}');
    expectNoToken(error);
  });

  it('are redacted from requestText results', async () => {
    server.use(http.get('/text', () => new HttpResponse(`echo ${ESCAPED}`)));
    const response = await transport().requestText({ method: 'GET', path: '/text' });
    expect(response.data).toBe('echo [redacted]');
  });
});

describe('secrets percent-encoded in the request URL', () => {
  it('are redacted from the URL errors and hooks show', async () => {
    const secret = 'mk/live+key=0123456789';
    server.use(http.get('/find', () => faults.status(404)));
    const urls: string[] = [];
    const error = await transport({
      secrets: [secret],
      retry: false,
      hooks: { onRequest: (event) => urls.push(event.url) },
    })
      .requestJson({ method: 'GET', path: '/find', query: { q: secret } }, ok)
      .catch((caught: unknown) => caught);
    expect((error as ApiError).url).toBe(`${server.url}/find?q=[redacted]`);
    expect(shown([error, urls])).not.toContain('0123456789');
    expect(server.requests[0]?.query.get('q')).toBe(secret);
  });
  it('are redacted from a successful response’s url, with sensitive query values masked, when it is read', async () => {
    const secret = 'mk/live+key=0123456789';
    server.use(http.get('/find', () => HttpResponse.json({ ok: true })));
    const query: Record<string, string> = { q: secret, pin: '4321', page: '2' };
    const sensitiveQuery = ['pin'];
    const response = await transport({ secrets: [secret] }).requestJson(
      { method: 'GET', path: '/find', query, sensitiveQuery },
      ok,
    );
    // A caller reusing its objects for the next request changes nothing of this one's URL.
    query.page = '3';
    sensitiveQuery.length = 0;
    const shown = `${server.url}/find?q=[redacted]&pin=%5Bredacted%5D&page=2`;
    expect(response.url).toBe(shown);
    expect(response.url).toBe(response.url);
    expect(JSON.stringify(response)).toContain(`"url":"${shown}"`);
    expect(inspect(response)).toContain(`url: '${shown}'`);
    expect(server.requests[0]?.query.get('pin')).toBe('4321');
  });
});
