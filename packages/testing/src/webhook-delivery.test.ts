import { createHmac } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer } from './loopback-server.js';
import { deliverWebhook, signPayload } from './webhook-delivery.js';

const secret = 'app-secret';

/** Computed here, independently of signPayload, over the bytes the receiver actually got. */
function hmacHex(bytes: Uint8Array, key: string): string {
  return createHmac('sha256', key).update(bytes).digest('hex');
}

async function receiver() {
  return startLoopbackServer({
    handlers: [http.post('/webhooks/whatsapp', () => HttpResponse.text('EVENT_RECEIVED'))],
  });
}

describe('deliverWebhook', () => {
  it('signs the exact bytes of a string body with escaped non-ASCII text', async () => {
    await using app = await receiver();
    // Meta escapes non-ASCII in webhook JSON; re-serializing would change the bytes and the signature.
    const body = '{"entry":[{"text":{"body":"caf\\u00e9 \\ud83d\\ude00"}}]}';

    const result = await deliverWebhook({ url: `${app.url}/webhooks/whatsapp`, body, signWith: { secret } });

    expect(result).toMatchObject({ status: 200, body: 'EVENT_RECEIVED' });
    const [received] = app.requests;
    expect(received?.text()).toBe(body);
    expect(received?.headers.get('content-type')).toBe('application/json');
    expect(received?.headers.get('x-hub-signature-256')).toBe(
      `sha256=${hmacHex(received?.body ?? new Uint8Array(), secret)}`,
    );
    expect(received?.json()).toEqual({ entry: [{ text: { body: 'café 😀' } }] });
    const reserialized = new TextEncoder().encode(JSON.stringify(received?.json()));
    expect(hmacHex(reserialized, secret)).not.toBe(hmacHex(received?.body ?? new Uint8Array(), secret));
  });

  it('serializes an object once and signs those bytes', async () => {
    await using app = await receiver();
    const payload = { object: 'whatsapp_business_account', entry: [{ id: '123', text: 'olá 👋' }] };

    await deliverWebhook({ url: `${app.url}/webhooks/whatsapp`, body: payload, signWith: { secret } });

    const [received] = app.requests;
    expect(received?.text()).toBe(JSON.stringify(payload));
    expect(received?.headers.get('x-hub-signature-256')).toBe(
      `sha256=${hmacHex(received?.body ?? new Uint8Array(), secret)}`,
    );
  });

  it('sends byte bodies untouched with a custom signature header, prefix and extra headers', async () => {
    await using app = await receiver();
    const bytes = new TextEncoder().encode('{"event":"message"}');

    await deliverWebhook({
      url: new URL('/webhooks/whatsapp', app.url),
      body: bytes,
      headers: { 'x-wati-event': 'message' },
      signWith: { secret, header: 'x-signature', prefix: '' },
    });

    const [received] = app.requests;
    expect(received?.body).toEqual(bytes);
    expect(received?.headers.get('x-signature')).toBe(hmacHex(bytes, secret));
    expect(received?.headers.has('x-hub-signature-256')).toBe(false);
    expect(received?.headers.get('x-wati-event')).toBe('message');
  });

  it('sends no signature without signWith and returns error answers as they are', async () => {
    await using app = await startLoopbackServer({
      handlers: [http.post('/hook', () => HttpResponse.text('bad signature', { status: 401 }))],
    });

    const result = await deliverWebhook({ url: `${app.url}/hook`, body: {} });

    expect(result.status).toBe(401);
    expect(result.body).toBe('bad signature');
    expect(app.requests[0]?.headers.has('x-hub-signature-256')).toBe(false);
  });

  it('uses the given fetch implementation', async () => {
    const seen: Request[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      seen.push(new Request(input, init));
      return new Response('handled', { status: 202 });
    };

    const result = await deliverWebhook({ url: 'http://127.0.0.1:9/hook', body: 'x', fetchImpl });

    expect(result).toMatchObject({ status: 202, body: 'handled' });
    expect(seen[0]?.method).toBe('POST');
    expect(await seen[0]?.text()).toBe('x');
  });
});

describe('signPayload', () => {
  it('is the hex HMAC-SHA256 of the payload, for strings and bytes alike', () => {
    const expected = hmacHex(new TextEncoder().encode('café'), 'key');
    expect(signPayload('café', 'key')).toBe(expected);
    expect(signPayload(new TextEncoder().encode('café'), 'key')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
});
