import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../loopback-server.js';
import { looseFetch } from './__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from './wati-emulator.js';
import { watiWebhookPayloads } from './webhooks/wati-webhook-payloads.js';

/**
 * Example payloads from WATI's API documentation (docs.wati.io), field for field; only the formatting is ours. The
 * message-received example has fewer fields than the full sample the docs now show.
 */
function contract(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

/** Keys and JSON types, recursively; arrays by their first element. */
function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, shapeOf(inner)]),
    );
  }
  return typeof value;
}

async function receiver() {
  return startLoopbackServer({ handlers: [http.post('/webhooks/wati', () => HttpResponse.text('ok'))] });
}

describe('agreement with the WATI contract examples', () => {
  it('the v2 sendTemplateMessage response has exactly the keys and types of send-template-v2-response.json', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const example = contract('send-template-v2-response.json');

    const response = await looseFetch(`${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-wati-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        template_name: 'update_for_you',
        broadcast_name: 'update_for_you',
        parameters: [],
      }),
    });
    const body = await response.json();

    // `parameters: []` in the example carries no element type; ours echoes what was sent.
    expect(shapeOf(body)).toStrictEqual(shapeOf(example));
    expect(body.receivers[0].localMessageId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('the emulated "message" webhook carries every field of webhook-message-received.json, with the same types', async () => {
    await using app = await receiver();
    await using wati = createWatiEmulator({ webhook: { url: `${app.url}/webhooks/wati` } });
    const example = contract('webhook-message-received.json');

    await wati.simulateInboundMessage({ from: '911234567890', name: 'Wati User', text: 'Hello there' });

    const delivered = app.requests.map((request) => request.json<Record<string, unknown>>());
    const message = delivered.find((payload) => payload.eventType === 'message');
    expect(shapeOf(message)).toMatchObject(shapeOf(example) as object);
    expect(message).toMatchObject({
      eventType: 'message',
      owner: false,
      waId: '911234567890',
      senderName: 'Wati User',
      text: 'Hello there',
    });
    expect(message?.timestamp).toMatch(/^\d{10}$/);
    expect(message?.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect(example.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect(
      shapeOf(watiWebhookPayloads.messageReceived({ type: 'text', waId: '911234567890', text: 'x' })),
    ).toMatchObject(shapeOf(example) as object);
  });

  it('the emulated v1 "sessionMessageSent" webhook has exactly the keys and types of webhook-session-message-sent.json', async () => {
    await using app = await receiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: '911234567890' }],
      webhook: {
        url: `${app.url}/webhooks/wati`,
        eventVersion: 'v1',
        statusDelaysMs: { sent: 0, delivered: 0, read: 0 },
      },
    });
    const { tenantUrl } = await wati.listen();
    const example = contract('webhook-session-message-sent.json');

    await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/911234567890?messageText=Brand new offer`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-wati-token' },
    });
    await wati.flushWebhooks();

    const sent = app.requests
      .map((request) => request.json<Record<string, unknown>>())
      .find((p) => p.eventType === 'sessionMessageSent');
    expect(shapeOf(sent)).toStrictEqual(shapeOf(example));
    expect(Object.keys(sent ?? {})).toEqual(Object.keys(example));
    // The v2 twin is a superset of the v1 event.
    const v2 = watiWebhookPayloads.sessionMessageSentV2({ waId: '911234567890', text: 'x' });
    expect(shapeOf(v2)).toMatchObject({
      ...(shapeOf(example) as object),
      eventType: 'string',
      assigneeId: 'null',
    });
  });
});
