// Fault suite, unreadable answers to a send: malformed JSON, HTML pages, oversized bodies (over core's
// 64 MiB `maxResponseBytes`) and 200 bodies that are not a send result, each as one logical send
// against a raw loopback server. The request was processed, so none of them may be sent again,
// with or without an idempotencyKey.
import { ApiError, type SendOptions } from '@switchboard/core';
import {
  BAD_GATEWAY_PAGE,
  declaredOversized,
  expectError,
  guardSuite,
  json,
  MAX_RESPONSE_BYTES,
  nextTurn,
  type RawFaultServer,
  type Responder,
  rejection,
  startRawFaultServer,
  streamedOversized,
  text,
} from '@switchboard/provider-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultSend, PROVIDER, SEND_PATH } from './__fixtures__/fault-provider.js';

let server: RawFaultServer;
beforeAll(async () => {
  server = await startRawFaultServer();
});
afterAll(() => server.close());
guardSuite(() => server);

interface Row {
  name: string;
  answer: Responder;
  message: RegExp;
}

const rows: Row[] = [
  {
    name: 'malformed JSON (200 {"messages": [)',
    answer: text(200, '{"messages": [', 'application/json'),
    message: /with application\/json "\{"messages": \[" instead of JSON/,
  },
  {
    name: 'an HTML page with status 200 (a proxy login page)',
    answer: text(200, BAD_GATEWAY_PAGE.replaceAll('Bad Gateway', 'Sign in'), 'text/html'),
    message: /with text\/html page "Sign in" instead of JSON/,
  },
  {
    name: 'a body whose content-length is over maxResponseBytes (dropped on the headers)',
    answer: declaredOversized,
    message: new RegExp(`with a body over ${MAX_RESPONSE_BYTES} bytes`),
  },
  {
    name: 'a chunked body that grows past maxResponseBytes',
    answer: streamedOversized,
    message: new RegExp(`with a body over ${MAX_RESPONSE_BYTES} bytes`),
  },
  {
    name: 'a 200 JSON body without a message id',
    answer: json(200, { messaging_product: 'whatsapp', messages: [] }),
    message: /unexpected body \(messages: /,
  },
  {
    name: 'an empty 200 body',
    answer: text(200, '', 'application/json'),
    message: /unexpected body/,
  },
];

const sendOptions: { label: string; options: SendOptions }[] = [
  { label: 'no idempotencyKey', options: {} },
  { label: 'an idempotencyKey', options: { idempotencyKey: 'order-9' } },
];

describe(`fault suite (${PROVIDER}): unreadable answers, one logical send each`, () => {
  describe.each(sendOptions)('with $label', ({ options }) => {
    it.each(rows)('$name: ApiError, not retryable, exactly 1 request', async (row) => {
      server.script(SEND_PATH, row.answer);
      const { send, log } = faultSend(server);

      const error = await rejection(send(options));
      await nextTurn();

      expectError(error, {
        is: ApiError.isInstance,
        code: 'unknown',
        retryable: false,
        status: 200,
        message: row.message,
      });
      expect(error).toMatchObject({ provider: PROVIDER });
      expect(server.count(SEND_PATH)).toBe(1);
      expect(log.attempts).toStrictEqual([1]);
      expect(log.retries).toStrictEqual([]);
    });
  });
});
