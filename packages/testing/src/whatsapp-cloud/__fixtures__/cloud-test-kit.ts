import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

// Test-only helpers (this folder is excluded from the build): plain fetch calls to the emulator and a bare
// node:http webhook receiver, so the tests depend on nothing the emulator itself uses.

export const TOKEN = 'test-access-token';
export const PHONE_NUMBER_ID = '106540352242922';
export const WABA_ID = '102290129340398';
export const VERSION = 'v23.0';
export const RECIPIENT = '16505551234';

// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON answers with expect().
export type Loose = any;

/** An HTTP answer of the emulator. */
export interface GraphResult {
  status: number;
  headers: Headers;
  body: Loose;
}

export interface CallOptions {
  /** Sent as a JSON body with `content-type: application/json`. */
  json?: unknown;
  form?: FormData;
  /** `null` sends no Authorization header; default the test token. */
  token?: string | null;
  headers?: Record<string, string>;
  rawBody?: string;
}

/** Calls `{baseUrl}{path}` and parses the answer as JSON (or keeps the text when it is not JSON). */
export async function callGraph(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<GraphResult> {
  const headers = new Headers(options.headers);
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  let body: RequestInit['body'];
  if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    body = options.form;
  } else if (options.rawBody !== undefined) {
    body = options.rawBody;
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (e.g. media bytes): keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** `POST /{version}/{phone}/messages` with a JSON body. */
export function sendMessage(baseUrl: string, body: unknown, options: CallOptions = {}): Promise<GraphResult> {
  return callGraph(baseUrl, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/messages`, { ...options, json: body });
}

/** A text message body as Meta documents it. */
export function textMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: RECIPIENT,
    type: 'text',
    text: { body: text },
    ...extra,
  };
}

/** `POST /{version}/{phone}/media` with a file part. */
export function uploadMedia(
  baseUrl: string,
  file: { bytes: Uint8Array; type: string; name: string },
  fields: { messaging_product?: string | null; type?: string | null } = {},
): Promise<GraphResult> {
  const form = new FormData();
  if (fields.messaging_product !== null)
    form.set('messaging_product', fields.messaging_product ?? 'whatsapp');
  if (fields.type !== null) form.set('type', fields.type ?? file.type);
  form.set('file', new Blob([file.bytes.slice()], { type: file.type }), file.name);
  return callGraph(baseUrl, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, { form });
}

/** One POST the receiver got, with the exact bytes. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: Loose;
}

export interface WebhookReceiver extends AsyncDisposable {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` webhooks have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A bare node:http server on 127.0.0.1:0 that records webhook POSTs and answers `status`. */
export async function startWebhookReceiver(status = 200): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED');
      for (const waiter of waiters.filter((candidate) => received.length >= candidate.count))
        waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * The structure of a JSON value: objects become their sorted keys with each member's structure, arrays the
 * structure of their first item, scalars their type. Two values agree when their structures are equal.
 */
export function structureOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [structureOf(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, structureOf((value as Record<string, unknown>)[key])]),
    );
  }
  return value === null ? 'null' : typeof value;
}

/** Asserts a Graph error answer: status, code, Meta's message prefix, WhatsApp error data and a trace id. */
export function expectGraphError(
  result: { status: number; body: Loose },
  status: number,
  code: number,
  details: RegExp,
) {
  expect(result.status).toBe(status);
  expect(result.body.error).toMatchObject({
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp' },
  });
  expect(result.body.error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
  expect(result.body.error.error_data.details).toMatch(details);
  expect(result.body.error.fbtrace_id).toMatch(/^[\w-]{10,}$/);
}

/** Checks the Meta signature with node:crypto over the bytes received, independently of the emulator's code. */
export function expectSignedBy(webhook: ReceivedWebhook, secret: string) {
  const expected = `sha256=${createHmac('sha256', secret).update(webhook.raw).digest('hex')}`;
  expect(webhook.headers['x-hub-signature-256']).toBe(expected);
}

/** The first status object of a status webhook. */
export function statusOf(webhook: ReceivedWebhook): Loose {
  return webhook.json.entry[0].changes[0].value.statuses[0];
}
