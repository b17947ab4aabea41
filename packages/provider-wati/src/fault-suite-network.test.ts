// Fault suite, connection faults: resets before and during the response, a server that never
// answers, and slow bodies, each as one logical send (a session text and a template) against a raw
// loopback server. After any of them the send may have been processed, so without an
// idempotencyKey it must not be sent twice.
// Timeouts run on a fake clock the test moves by exactly `timeoutMs` once the attempt is held (or
// its headers arrived), so no row depends on how fast the machine answers.
import { NetworkError, type RetryOptions, type SendOptions, TimeoutError } from '@switchboard/core';
import {
  type ExpectedError,
  expectError,
  guardSuite,
  held,
  json,
  nextTurn,
  type RawFaultServer,
  type Responder,
  resetBeforeResponse,
  rstBeforeResponse,
  type SendLog,
  startRawFaultServer,
  stepTimeouts,
  until,
  useFakeWaits,
} from '@switchboard/provider-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultSend, PROVIDER, SEND_KINDS, type SendKind } from './__fixtures__/fault-provider.js';

let server: RawFaultServer;
beforeAll(async () => {
  server = await startRawFaultServer();
});
afterAll(() => server.close());
guardSuite(() => server);

/** The accepted answer of `kind` and the headers announcing it. */
function answerOf(kind: SendKind) {
  const body = JSON.stringify(kind.accepted);
  return { body, head: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } };
}

/** The first held request, once it arrived. */
async function firstHeld() {
  await until(() => server.held.length > 0);
  return server.held[0] as (typeof server.held)[number];
}

/** Sends the headers and half the body, waits until the client has the headers, then resets. */
async function resetMidBody(log: SendLog, kind: SendKind): Promise<void> {
  const { body, head } = answerOf(kind);
  const exchange = await firstHeld();
  exchange.head(200, head);
  await exchange.write(body.slice(0, body.length / 2));
  await until(() => log.responses.length > 0);
  exchange.reset();
}

/** Sends the headers only, waits until the client has them, then resets. */
async function resetAfterHeaders(log: SendLog, kind: SendKind): Promise<void> {
  const exchange = await firstHeld();
  exchange.head(200, answerOf(kind).head);
  await until(() => log.responses.length > 0);
  exchange.reset();
}

/** Headers and part of the body at once, then nothing more. */
const stalledBody: Responder = (exchange) => {
  exchange.head(200, { 'content-type': 'application/json', 'content-length': 100 });
  void exchange.write('{"result":');
};

interface Row {
  name: string;
  answers: Responder[];
  /** Acts on held requests while the send runs. */
  drive?: (log: SendLog, kind: SendKind) => Promise<void>;
  options?: SendOptions;
  retry?: RetryOptions;
  /** The attempts time out: the clock moves by this once each attempt has `reached` its stage. */
  timeoutMs?: number;
  /** Where an attempt waits for its timeout: held unanswered, or stalled after its headers. */
  reached?: 'held' | 'headers';
  requests: number;
  error?: ExpectedError;
}

/** Whether attempt n has reached the stage where `row` lets its timeout fire. */
function reachedBy(row: Row, log: SendLog): (attempt: number) => boolean {
  return row.reached === 'headers'
    ? (attempt) => log.responses.length >= attempt
    : (attempt) => server.held.length >= attempt;
}

const network: ExpectedError = { is: NetworkError.isInstance, code: 'network_error', retryable: true };
const timeout: ExpectedError = {
  is: TimeoutError.isInstance,
  code: 'timeout',
  retryable: true,
  message: /did not (answer|finish its response to) POST .* within 200 ms/,
};
const key = { idempotencyKey: 'order-7' };

function rows(kind: SendKind): Row[] {
  const sent = () => json(200, kind.accepted);
  return [
    {
      name: 'connection closed after the request was read, before any response: exactly 1 request',
      answers: [resetBeforeResponse],
      requests: 1,
      error: network,
    },
    {
      name: 'TCP RST after the request was read, before any response: exactly 1 request',
      answers: [rstBeforeResponse],
      requests: 1,
      error: network,
    },
    {
      name: 'reset before the response, with an idempotencyKey: retried, 2 requests, sent',
      answers: [resetBeforeResponse, sent()],
      options: key,
      requests: 2,
    },
    {
      name: 'reset after the status and headers arrived: exactly 1 request',
      answers: [held],
      drive: resetAfterHeaders,
      requests: 1,
      error: network,
    },
    {
      name: 'reset half-way through the body: exactly 1 request',
      answers: [held],
      drive: resetMidBody,
      requests: 1,
      error: network,
    },
    {
      name: 'reset half-way through the body, with an idempotencyKey: retried, 2 requests, sent',
      answers: [held, sent()],
      drive: resetMidBody,
      options: key,
      requests: 2,
    },
    {
      name: 'a server that never answers: TimeoutError after timeoutMs, exactly 1 request',
      answers: [held],
      timeoutMs: 200,
      reached: 'held',
      requests: 1,
      error: timeout,
    },
    {
      name: 'a server that never answers, with an idempotencyKey: 1 + maxRetries requests, TimeoutError',
      answers: [held, held, held],
      options: key,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      timeoutMs: 200,
      reached: 'held',
      requests: 3,
      error: timeout,
    },
    {
      name: 'a body that stalls after its first bytes: TimeoutError, exactly 1 request',
      answers: [stalledBody],
      timeoutMs: 200,
      reached: 'headers',
      requests: 1,
      error: timeout,
    },
    {
      name: 'a body that stalls, with an idempotencyKey: retried, 2 requests, sent',
      answers: [stalledBody, sent()],
      options: key,
      timeoutMs: 200,
      reached: 'headers',
      requests: 2,
    },
  ];
}

describe.each(SEND_KINDS)(`fault suite (${PROVIDER}): connection faults, one $label send each`, (kind) => {
  it.each(rows(kind))('$name', async (row) => {
    server.script(kind.path, ...row.answers);
    if (row.timeoutMs) useFakeWaits();
    const { send, log } = faultSend(server, kind, {
      ...(row.retry ? { retry: row.retry } : {}),
      ...(row.timeoutMs ? { timeoutMs: row.timeoutMs } : {}),
    });

    const [outcome] = row.timeoutMs
      ? [await stepTimeouts(send(row.options), log, row.timeoutMs, reachedBy(row, log))]
      : await Promise.allSettled([send(row.options), row.drive?.(log, kind)]);
    await nextTurn();

    expect(server.count(kind.path)).toBe(row.requests);
    expect(log.attempts).toHaveLength(row.requests);
    if (row.error) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') {
        expectError(outcome.reason, row.error);
        expect(outcome.reason).toMatchObject({ provider: PROVIDER });
        if (NetworkError.isInstance(outcome.reason)) expect(outcome.reason.requestMayHaveBeenSent).toBe(true);
      }
    } else {
      expect(outcome).toMatchObject({ status: 'fulfilled', value: { id: kind.id, status: 'accepted' } });
    }
    // The client gave up on every held request: none is left open behind the error.
    await until(() => server.held.every((exchange) => exchange.closed));
  });

  it('a body sent slowly, in chunks the test releases: the send waits for the last byte, 1 request', async () => {
    server.script(kind.path, held);
    const { send, log } = faultSend(server, kind);
    let settled = false;
    const sending = send().finally(() => {
      settled = true;
    });

    const exchange = await firstHeld();
    const { body, head } = answerOf(kind);
    exchange.head(200, head);
    const chunks = body.match(/.{1,16}/gs) ?? [];
    for (const chunk of chunks.slice(0, -1)) {
      await exchange.write(chunk);
      await nextTurn();
    }
    await until(() => log.responses.length > 0);
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(settled).toBe(false);
    exchange.end(chunks.at(-1));

    await expect(sending).resolves.toMatchObject({ id: kind.id, status: 'accepted' });
    expect(server.count(kind.path)).toBe(1);
    expect(log.attempts).toStrictEqual([1]);
  });
});
