import { createWebhookHandler, type InboundEvent, WebhookVerificationError } from '@switchboard/core';
import { thrownValidationError } from '@switchboard/provider-test-kit';
import { describe, expect, it } from 'vitest';
import { fixture } from '../__fixtures__/wati-server.js';
import { createWati } from '../wati-provider.js';
import { createWatiWebhooks } from './wati-webhooks.js';

const SECRET = 'k9V2s7Qw-4bXn8Lp-Zt3Hc6Re';
const BODY = JSON.stringify(fixture('webhook-message-received.json'));
const URL_WITH_SECRET = `https://app.example.com/webhooks/wati/${SECRET}`;

describe('createWatiWebhooks', () => {
  it('parses a delivery carrying the secret into the events the provider gives', async () => {
    const webhookSecret = { value: SECRET, pathSegment: true };
    const source = createWatiWebhooks({ webhookSecret });
    expect(source.id).toBe('wati');
    const delivery = { body: BODY, headers: {}, url: URL_WITH_SECRET };
    const events = await source.webhooks.parse(delivery);
    expect(events.map((event) => event.kind)).toEqual(['message']);
    const provider = createWati({
      transport: 'direct',
      baseUrl: 'https://live-mt-server.wati.io/123456',
      token: 'test-token-value',
      webhookSecret,
    });
    expect(events).toEqual(await provider.webhooks.parse(delivery));
  });

  it('rejects a delivery without the secret, in the header or the path', async () => {
    const { webhooks } = createWatiWebhooks({ webhookSecret: { value: SECRET, pathSegment: true } });
    const guessed = webhooks.parse({
      body: BODY,
      headers: {},
      url: 'https://app.example.com/webhooks/wati/guess',
    });
    await expect(guessed).rejects.toSatisfy(WebhookVerificationError.isInstance);
    const headerOnly = createWatiWebhooks({ webhookSecret: { value: SECRET } }).webhooks;
    await expect(headerOnly.parse({ body: BODY, headers: {}, url: URL_WITH_SECRET })).rejects.toSatisfy(
      WebhookVerificationError.isInstance,
    );
    await expect(
      headerOnly.parse({ body: BODY, headers: { 'X-Switchboard-Webhook-Secret': SECRET } }),
    ).resolves.toHaveLength(1);
  });

  it('refuses to run without a secret unless told to accept unverified deliveries', async () => {
    const error = thrownValidationError(() => createWatiWebhooks({}));
    expect(error.fields).toEqual(['webhookSecret']);
    expect(error.message).toContain('WATI_WEBHOOK_SECRET');
    expect(error.message).toContain('allowUnverified');
    expect(error.provider).toBe('wati');

    const unverified = createWatiWebhooks({ allowUnverified: true });
    await expect(unverified.webhooks.parse({ body: BODY, headers: {} })).resolves.toHaveLength(1);
  });

  it('names each invalid option in English without echoing the secret', () => {
    const empty = thrownValidationError(() => createWatiWebhooks({ webhookSecret: { value: '' } }));
    expect(empty.issues).toEqual([{ path: 'webhookSecret.value', message: 'must not be empty' }]);

    const header = thrownValidationError(() =>
      createWatiWebhooks({ webhookSecret: { value: SECRET, header: 'x secret' } }),
    );
    expect(header.issues).toEqual([
      { path: 'webhookSecret.header', message: 'must be a valid HTTP header name' },
    ]);

    const misspelt = thrownValidationError(() =>
      createWatiWebhooks({ webhookSecret: { value: SECRET, pathsegment: true } as never }),
    );
    expect(misspelt.issues).toEqual([{ path: 'webhookSecret', message: 'unknown key "pathsegment"' }]);
    expect(misspelt.message).not.toContain(SECRET);

    const notAnObject = thrownValidationError(() => createWatiWebhooks({ webhookSecret: SECRET as never }));
    expect(notAnObject.issues).toEqual([
      { path: 'webhookSecret', message: 'must be an object { value, header?, pathSegment? }' },
    ]);
    expect(notAnObject.message).not.toContain(SECRET);
  });

  it("serves core's webhook handler: 200 after every event, 401 without the secret", async () => {
    const received: InboundEvent[] = [];
    const source = createWatiWebhooks({ webhookSecret: { value: SECRET, pathSegment: true } });
    const handler = createWebhookHandler(source, (event) => {
      received.push(event);
    });
    const post = (url: string) =>
      handler(
        new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }),
      );

    expect((await post(URL_WITH_SECRET)).status).toBe(200);
    expect(received.map((event) => event.kind)).toEqual(['message']);
    expect((await post('https://app.example.com/webhooks/wati/guess')).status).toBe(401);
    expect((await handler(new Request(URL_WITH_SECRET))).status).toBe(200);
  });
});
