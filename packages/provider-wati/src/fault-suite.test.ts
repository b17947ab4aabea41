// Fault suite, HTTP status faults: 429 storms with Retry-After (seconds and HTTP-date), 500, 502
// HTML gateway pages and 503, each as one logical send (a session text and a template) against a
// raw loopback server. Per send it asserts the requests the server received (no duplicate after an
// ambiguous failure), the typed error, and the waits the transport announced (`onRetry`), stepped
// on a fake clock, never timed.
import { ApiError, RateLimitError, type RetryOptions, type SendOptions } from '@switchboard/core';
import {
  BAD_GATEWAY_PAGE,
  type ExpectedError,
  expectError,
  guardSuite,
  json,
  nextTurn,
  type RawFaultServer,
  type Responder,
  retryAfterDate,
  startRawFaultServer,
  stepRetries,
  text,
  useFakeClock,
} from '@switchboard/provider-test-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSend, PROVIDER, SEND_KINDS, type SendKind } from './__fixtures__/fault-provider.js';

let server: RawFaultServer;
beforeAll(async () => {
  server = await startRawFaultServer();
});
afterAll(() => server.close());
guardSuite(() => server);
beforeEach(() => useFakeClock());

const throttled = (headers: Parameters<typeof json>[2] = {}) =>
  json(429, { message: 'Too many requests, slow down' }, headers);
const unavailable = (headers: Parameters<typeof json>[2] = {}) =>
  text(503, 'Service Unavailable', 'text/plain', headers);
const serverError = () => json(500, { result: false, info: 'Internal server error' });
const badGateway = () => text(502, BAD_GATEWAY_PAGE, 'text/html; charset=utf-8');

interface Row {
  name: string;
  /** The server's answer to each request, in order. */
  answers: Responder[];
  options?: SendOptions;
  retry?: RetryOptions;
  /** Requests the server must have received for the one logical send. */
  requests: number;
  /** The exact waits announced before each retry (Retry-After honoured)… */
  delays?: number[];
  /** …or, for backoff, the largest each may be. */
  maxDelay?: number;
  /** The error the send must fail with; success when absent. */
  error?: ExpectedError;
}

const rateLimited = (retryAfterMs: number | undefined): ExpectedError => ({
  is: RateLimitError.isInstance,
  code: 'rate_limited',
  retryable: true,
  status: 429,
  retryAfterMs,
});
const providerDown = (status: number, message?: RegExp): ExpectedError => ({
  is: ApiError.isInstance,
  code: 'provider_unavailable',
  retryable: true,
  status,
  ...(message ? { message } : {}),
});

function rows(kind: SendKind): Row[] {
  const sent = () => json(200, kind.accepted);
  return [
    {
      name: '429 ×2 with Retry-After: 30 (seconds), then 200: waits 30 s each time, 3 requests, sent',
      answers: [throttled({ 'retry-after': '30' }), throttled({ 'retry-after': '30' }), sent()],
      requests: 3,
      delays: [30_000, 30_000],
    },
    {
      name: '429 ×2 with Retry-After as an HTTP-date 45 s ahead, then 200: waits 45 s each time, 3 requests',
      answers: [throttled(retryAfterDate(45_000)), throttled(retryAfterDate(45_000)), sent()],
      requests: 3,
      delays: [45_000, 45_000],
    },
    {
      name: '429 ×2 as plain text without Retry-After, then 200: backoff, 3 requests',
      answers: [
        text(429, 'Too Many Requests', 'text/plain'),
        text(429, 'Too Many Requests', 'text/plain'),
        sent(),
      ],
      requests: 3,
      maxDelay: 5,
    },
    {
      name: 'a 429 storm that does not end: 1 + maxRetries requests, then RateLimitError with the last Retry-After',
      answers: Array.from({ length: 4 }, () => throttled({ 'retry-after': '2' })),
      requests: 4,
      delays: [2000, 2000, 2000],
      error: rateLimited(2000),
    },
    {
      name: 'Retry-After: 120 (over maxRetryAfterMs 60 s): no retry, retryAfterMs on the error, 1 request',
      answers: [throttled({ 'retry-after': '120' })],
      requests: 1,
      delays: [],
      error: rateLimited(120_000),
    },
    {
      name: 'an HTTP-date Retry-After 90 s ahead over maxRetryAfterMs 30 s: no retry, retryAfterMs 90 s, 1 request',
      answers: [throttled(retryAfterDate(90_000))],
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 30_000 },
      requests: 1,
      delays: [],
      error: rateLimited(90_000),
    },
    {
      name: '503 ×2, then 200: a 503 proves the send was not processed, so it is retried: 3 requests, sent',
      answers: [unavailable(), unavailable(), sent()],
      requests: 3,
      maxDelay: 5,
    },
    {
      name: '503 with Retry-After: 7, then 200: waits 7 s, 2 requests',
      answers: [unavailable({ 'retry-after': '7' }), sent()],
      requests: 2,
      delays: [7000],
    },
    {
      name: '503 that does not end: 1 + maxRetries requests, then provider_unavailable',
      answers: Array.from({ length: 4 }, () => unavailable()),
      requests: 4,
      maxDelay: 5,
      error: providerDown(503),
    },
    {
      name: '500: the send may have gone out, so no retry: exactly 1 request, provider_unavailable',
      answers: [serverError()],
      requests: 1,
      delays: [],
      error: providerDown(500, /Internal server error/),
    },
    {
      name: '500 ×2 then 200 with an idempotencyKey: retried, 3 requests, sent',
      answers: [serverError(), serverError(), sent()],
      options: { idempotencyKey: 'order-42' },
      requests: 3,
      maxDelay: 5,
    },
    {
      name: '502 HTML gateway page: ambiguous, so no retry: exactly 1 request, provider_unavailable naming the page',
      answers: [badGateway()],
      requests: 1,
      delays: [],
      error: providerDown(502, /text\/html page "Bad Gateway"/),
    },
    {
      name: '502 HTML gateway page then 200 with an idempotencyKey: retried, 2 requests, sent',
      answers: [badGateway(), sent()],
      options: { idempotencyKey: 'order-43' },
      requests: 2,
      maxDelay: 5,
    },
  ];
}

describe.each(SEND_KINDS)(`fault suite (${PROVIDER}): HTTP status faults, one $label send each`, (kind) => {
  it.each(rows(kind))('$name', async (row) => {
    server.script(kind.path, ...row.answers);
    const { send, log } = faultSend(server, kind, row.retry ? { retry: row.retry } : {});

    const outcome = await stepRetries(send(row.options), log);
    await nextTurn();

    expect(server.count(kind.path)).toBe(row.requests);
    expect(log.attempts).toStrictEqual(Array.from({ length: row.requests }, (_, index) => index + 1));
    const delays = log.retries.map((retry) => retry.delayMs);
    if (row.delays) expect(delays).toStrictEqual(row.delays);
    if (row.maxDelay !== undefined) {
      expect(delays).toHaveLength(row.requests - 1);
      for (const delay of delays) expect(delay).toBeLessThanOrEqual(row.maxDelay);
    }
    if (row.error) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expectError(outcome.reason, row.error);
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ provider: PROVIDER });
    } else {
      expect(outcome).toMatchObject({ status: 'fulfilled', value: { id: kind.id, status: 'accepted' } });
    }
  });
});
