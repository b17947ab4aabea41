import { createWebhookHandler, type InboundEvent, WebhookVerificationError } from '@switchboard/core';
import { thrownValidationError } from '@switchboard/provider-test-kit';
import { describe, expect, it } from 'vitest';
import { APP_SECRET, VERIFY_TOKEN } from '../__fixtures__/graph-server.js';
import { fixtureBytes, signedDelivery, webhookCloud } from '../__fixtures__/webhook-deliveries.js';
import { createWhatsAppCloudWebhooks } from './whatsapp-cloud-webhooks.js';

const raw = fixtureBytes('webhook-batched.json');

describe('createWhatsAppCloudWebhooks', () => {
  it('parses a signed delivery into the events the provider gives', async () => {
    const source = createWhatsAppCloudWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    expect(source.id).toBe('whatsapp-cloud');
    const events = await source.webhooks.parse(signedDelivery(raw));
    expect(events.length).toBeGreaterThan(1);
    expect(events).toEqual(await webhookCloud().webhooks.parse(signedDelivery(raw)));
  });

  it('rejects a delivery that is not signed with the app secret', async () => {
    const { webhooks } = createWhatsAppCloudWebhooks({ appSecret: APP_SECRET });
    const unsigned = webhooks.parse({ body: raw, headers: { 'content-type': 'application/json' } });
    await expect(unsigned).rejects.toSatisfy(WebhookVerificationError.isInstance);
    const forged = webhooks.parse(signedDelivery(raw, 'another-app-secret'));
    await expect(forged).rejects.toSatisfy(WebhookVerificationError.isInstance);
  });

  it('refuses to run without an app secret unless told to accept unverified deliveries', async () => {
    const error = thrownValidationError(() => createWhatsAppCloudWebhooks({ verifyToken: VERIFY_TOKEN }));
    expect(error.fields).toEqual(['appSecret']);
    expect(error.message).toContain('WHATSAPP_APP_SECRET');
    expect(error.message).toContain('allowUnverified');
    expect(error.provider).toBe('whatsapp-cloud');

    const unverified = createWhatsAppCloudWebhooks({ allowUnverified: true });
    const events = await unverified.webhooks.parse({ body: raw, headers: {} });
    expect(events.map((event) => event.kind)).toEqual(
      (await webhookCloud().webhooks.parse(signedDelivery(raw))).map((event) => event.kind),
    );
    // With an app secret, allowUnverified changes nothing: deliveries are still checked.
    const checked = createWhatsAppCloudWebhooks({ appSecret: APP_SECRET, allowUnverified: true });
    await expect(checked.webhooks.parse({ body: raw, headers: {} })).rejects.toSatisfy(
      WebhookVerificationError.isInstance,
    );
  });

  it('names each invalid option in English without echoing secrets', () => {
    const empty = thrownValidationError(() => createWhatsAppCloudWebhooks({ appSecret: '' }));
    expect(empty.issues).toEqual([{ path: 'appSecret', message: 'must not be empty (omit it instead)' }]);

    const wrongType = thrownValidationError(() =>
      createWhatsAppCloudWebhooks({ appSecret: APP_SECRET, verifyToken: 42 as unknown as string }),
    );
    expect(wrongType.issues).toEqual([{ path: 'verifyToken', message: 'must be a string' }]);

    const misspelt = thrownValidationError(() =>
      createWhatsAppCloudWebhooks({ appSecret: APP_SECRET, app_secret: APP_SECRET } as never),
    );
    expect(misspelt.issues).toEqual([{ path: '', message: 'unknown key "app_secret"' }]);
    expect(misspelt.message).not.toContain(APP_SECRET);

    const none = thrownValidationError(() => createWhatsAppCloudWebhooks(undefined as never));
    expect(none.message).toContain('must be an object { appSecret?, verifyToken?, allowUnverified? }');
  });

  it("answers Meta's handshake with the verify token, and only with it", async () => {
    const { webhooks } = createWhatsAppCloudWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    const url = (token: string) =>
      `https://hooks.example.com/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const accepted = webhooks.handleVerification(url(VERIFY_TOKEN));
    expect(accepted.status).toBe(200);
    await expect(accepted.text()).resolves.toBe('1158201444');
    expect(webhooks.handleVerification(url('wrong')).status).toBe(403);
    const noToken = createWhatsAppCloudWebhooks({ appSecret: APP_SECRET }).webhooks;
    expect(noToken.handleVerification(url(VERIFY_TOKEN)).status).toBe(403);
  });

  it("serves core's webhook handler: 200 after every event, 401 for a forged delivery", async () => {
    const received: InboundEvent[] = [];
    const handler = createWebhookHandler(createWhatsAppCloudWebhooks({ appSecret: APP_SECRET }), (event) => {
      received.push(event);
    });
    const post = (headers: Record<string, string>) =>
      handler(new Request('https://hooks.example.com/whatsapp', { method: 'POST', headers, body: raw }));

    const { headers } = signedDelivery(raw);
    expect((await post(headers as Record<string, string>)).status).toBe(200);
    expect(received.length).toBeGreaterThan(1);
    const forged = signedDelivery(raw, 'another-app-secret').headers as Record<string, string>;
    expect((await post(forged)).status).toBe(401);
  });
});
