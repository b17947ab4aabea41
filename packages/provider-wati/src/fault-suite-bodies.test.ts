// Fault suite, answers to a send that are not a success: malformed JSON, HTML pages, oversized
// bodies (over core's 64 MiB `maxResponseBytes`) and WATI's HTTP 200 soft failures (`result: false`),
// each as one logical send (a session text and a template) against a raw loopback server. WATI got
// the request in every case, so none of them may be sent again, with or without an idempotencyKey.
import { ApiError, type ErrorCode, type SendOptions } from '@switchboard/core';
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
import { faultSend, PROVIDER, SEND_KINDS, SESSION_TEXT, TEMPLATE } from './__fixtures__/fault-provider.js';

let server: RawFaultServer;
beforeAll(async () => {
  server = await startRawFaultServer();
});
afterAll(() => server.close());
guardSuite(() => server);

interface Row {
  name: string;
  answer: Responder;
  code: ErrorCode;
  message: RegExp;
}

const unreadable: Row[] = [
  {
    name: 'malformed JSON (200 {"messages": [)',
    answer: text(200, '{"messages": [', 'application/json'),
    code: 'unknown',
    message: /with application\/json "\{"messages": \[" instead of JSON/,
  },
  {
    name: 'an HTML page with status 200 (a proxy login page)',
    answer: text(200, BAD_GATEWAY_PAGE.replaceAll('Bad Gateway', 'Sign in'), 'text/html'),
    code: 'unknown',
    message: /with text\/html page "Sign in" instead of JSON/,
  },
  {
    name: 'a body whose content-length is over maxResponseBytes (dropped on the headers)',
    answer: declaredOversized,
    code: 'unknown',
    message: new RegExp(`with a body over ${MAX_RESPONSE_BYTES} bytes`),
  },
  {
    name: 'a chunked body that grows past maxResponseBytes',
    answer: streamedOversized,
    code: 'unknown',
    message: new RegExp(`with a body over ${MAX_RESPONSE_BYTES} bytes`),
  },
  {
    name: 'HTTP 200 { result: false } without a reason',
    answer: json(200, { result: false }),
    code: 'unknown',
    message: /WATI did not accept send\.\w+ \(HTTP 200\): no reason given/,
  },
];

/** WATI's HTTP 200 refusals, with the code their text is classified as. */
const softFailures = {
  session: [
    {
      name: 'HTTP 200 { result: false, info: "Ticket has been expired." } (session window closed)',
      answer: json(200, { result: false, info: 'Ticket has been expired.' }),
      code: 'session_window_closed',
      message: /"Ticket has been expired\."\s*\(the 24-hour session window is closed/,
    },
    {
      name: 'HTTP 200 { ok: false, result: "error", info: "Invalid WhatsApp number" }',
      answer: json(200, { ok: false, result: 'error', info: 'Invalid WhatsApp number' }),
      code: 'invalid_recipient',
      message: /WATI did not accept send\.text \(HTTP 200\): "Invalid WhatsApp number"/,
    },
  ],
  template: [
    {
      name: 'HTTP 200 { result: false, info: "Template not found" }',
      answer: json(200, { result: false, info: 'Template order_update not found' }),
      code: 'template_not_found',
      message: /WATI did not accept send\.template \(HTTP 200\): "Template order_update not found"/,
    },
    {
      name: 'HTTP 200 { result: false, info: "Invalid WhatsApp number", validWhatsAppNumber: false }',
      answer: json(200, { result: false, info: 'Invalid WhatsApp number', validWhatsAppNumber: false }),
      code: 'invalid_recipient',
      message: /"Invalid WhatsApp number"/,
    },
  ],
} satisfies Record<string, Row[]>;

const cases = [
  ...SEND_KINDS.flatMap((kind) => unreadable.map((row) => ({ kind, row }))),
  ...softFailures.session.map((row) => ({ kind: SESSION_TEXT, row })),
  ...softFailures.template.map((row) => ({ kind: TEMPLATE, row })),
].map(({ kind, row }) => ({ ...row, kind, label: `${kind.label} send, ${row.name}` }));

const sendOptions: { label: string; options: SendOptions }[] = [
  { label: 'no idempotencyKey', options: {} },
  { label: 'an idempotencyKey', options: { idempotencyKey: 'order-9' } },
];

describe(`fault suite (${PROVIDER}): answers that are not a success, one logical send each`, () => {
  describe.each(sendOptions)('with $label', ({ options }) => {
    it.each(cases)('$label: ApiError $code, not retryable, exactly 1 request', async (row) => {
      server.script(row.kind.path, row.answer);
      const { send, log } = faultSend(server, row.kind);

      const error = await rejection(send(options));
      await nextTurn();

      expectError(error, {
        is: ApiError.isInstance,
        code: row.code,
        retryable: false,
        status: 200,
        message: row.message,
      });
      expect(error).toMatchObject({ provider: PROVIDER });
      expect(server.count(row.kind.path)).toBe(1);
      expect(log.attempts).toStrictEqual([1]);
      expect(log.retries).toStrictEqual([]);
    });
  });
});
