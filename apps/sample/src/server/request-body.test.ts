import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { postJson, startSandboxApp } from '../test-support/sandbox-app.js';
import { API_MAX_BODY_BYTES } from './read-json-body.js';
import type { RunningServer } from './start-server.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];

interface RawAnswer {
  status: number | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request with node:http, which (unlike fetch) can stream a body without `content-length`
 * (`transfer-encoding: chunked`, as curl `-T -` or any streaming client does) and set any header.
 */
function send(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: string[] },
): Promise<RawAnswer> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
      },
    );
    outgoing.on('error', reject);
    for (const chunk of options.chunks ?? []) outgoing.write(chunk);
    outgoing.end();
  });
}

describe('API request bodies', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startSandboxApp('whatsapp-cloud');
  });
  afterAll(() => app.close());

  it('reads a chunked JSON body (no content-length)', async () => {
    const json = JSON.stringify({ type: 'text', to: ada.phone, text: 'Streamed in two chunks' });
    const answer = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      chunks: [json.slice(0, 20), json.slice(20)],
    });
    expect(answer.headers['transfer-encoding']).toBeUndefined();
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ provider: 'whatsapp-cloud', to: ada.phone });
  });

  it('answers 413 to a chunked body that grows past the limit, and closes the connection', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = [
      '{"type":"text","text":"',
      ...Array.from({ length: API_MAX_BODY_BYTES / chunk.length + 1 }, () => chunk),
      '"}',
    ];
    const answer = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      chunks,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { name: 'PayloadTooLargeError', limitBytes: API_MAX_BODY_BYTES },
    });
  });

  it('answers 413 from the declared content-length, without reading the body', async () => {
    const answer = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json', 'content-length': String(API_MAX_BODY_BYTES + 1) },
      chunks: ['{}'],
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
  });

  it.each(['GET', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'])(
    'answers %s on a POST-only API path with 405 and an Allow header',
    async (method) => {
      const answer = await send(app.url, { method, path: '/api/messages' });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('POST');
      expect(JSON.parse(answer.body)).toMatchObject({
        error: { code: 'method_not_allowed', message: `${method} is not allowed on /api/messages: use POST` },
      });
    },
  );

  it('answers 405 listing GET and HEAD on a read-only path, and 404 where there is no route', async () => {
    const conversations = await send(app.url, { method: 'POST', path: '/api/conversations' });
    expect(conversations.status).toBe(405);
    expect(conversations.headers.allow).toBe('GET, HEAD');
    const page = await send(app.url, { method: 'DELETE', path: '/' });
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET, HEAD');
    const nothing = await send(app.url, { method: 'POST', path: '/api/nothing-here' });
    expect(nothing.status).toBe(404);
    expect(JSON.parse(nothing.body)).toMatchObject({ error: { code: 'not_found' } });
    // The page's files are served by one `/:file` route; an unknown file is not "a method away".
    expect((await send(app.url, { method: 'POST', path: '/nothing.js' })).status).toBe(404);
  });

  it('answers 415 to a body that is not declared JSON, and to a body without a content type', async () => {
    const body = JSON.stringify({ type: 'text', to: ada.phone, text: 'hi' });
    const form = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      chunks: [body],
    });
    expect(form.status).toBe(415);
    expect(form.headers.accept).toBe('application/json');
    expect(JSON.parse(form.body)).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const untyped = await send(app.url, { method: 'POST', path: '/api/messages', chunks: [body] });
    expect(untyped.status).toBe(415);
  });

  it('marks a conversation read on a POST without a body, and still refuses a body that is not JSON', async () => {
    await postJson(`${app.url}/api/sandbox/inbound`, { from: ada.phone, text: 'Anyone there?' });
    const empty = await send(app.url, { method: 'POST', path: `/api/conversations/${ada.phone}/read` });
    expect(empty.status, empty.body).toBe(200);
    expect(JSON.parse(empty.body)).toMatchObject({ conversation: { phone: ada.phone, unread: 0 } });
    const zeroLength = await send(app.url, {
      method: 'POST',
      path: `/api/conversations/${ada.phone}/read`,
      headers: { 'content-length': '0' },
    });
    expect(zeroLength.status, zeroLength.body).toBe(200);
    const text = await send(app.url, {
      method: 'POST',
      path: `/api/conversations/${ada.phone}/read`,
      headers: { 'content-type': 'text/plain' },
      chunks: ['{}'],
    });
    expect(text.status).toBe(415);
  });

  it('refuses a cross-origin POST even with a JSON content type', async () => {
    const body = JSON.stringify({ type: 'text', to: ada.phone, text: 'From another site' });
    const foreign = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json', origin: 'https://attacker.example' },
      chunks: [body],
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: 'forbidden_origin' } });
    // Another server on localhost is the same site, but not the same origin.
    const sameSite = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
      chunks: [body],
    });
    expect(sameSite.status).toBe(403);
    const own = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json', origin: app.url },
      chunks: [body],
    });
    expect(own.status, own.body).toBe(200);
    // Behind a proxy that rewrites Host, a modern browser's Sec-Fetch-Site still vouches for the page.
    const proxied = await send(app.url, {
      method: 'POST',
      path: '/api/messages',
      headers: {
        'content-type': 'application/json',
        origin: 'https://inbox.example',
        'sec-fetch-site': 'same-origin',
      },
      chunks: [body],
    });
    expect(proxied.status, proxied.body).toBe(200);
  });
});
