import { describe, expect, it } from 'vitest';
import webhookStatusSent from './__fixtures__/contracts/webhook-status-sent.json' with { type: 'json' };
import webhookTextMessage from './__fixtures__/contracts/webhook-text-message.json' with { type: 'json' };
import { buildCloudMessageWebhook, buildCloudStatusWebhook } from './webhook-payloads.js';

const account = {
  businessAccountId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '+1 555-078-3881',
};

describe('webhook payload builders', () => {
  it('buildCloudMessageWebhook reproduces the contract’s inbound text example exactly', () => {
    const payload = buildCloudMessageWebhook({
      ...account,
      contact: { waId: '16505551234', name: 'Sheena Nelson' },
      message: {
        from: '16505551234',
        id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        timestamp: '1749416383',
        type: 'text',
        text: { body: 'Does it come in another color?' },
      },
    });
    expect(payload).toStrictEqual(webhookTextMessage);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(webhookTextMessage));
  });

  it('buildCloudStatusWebhook reproduces the contract’s sent status example exactly', () => {
    const payload = buildCloudStatusWebhook({
      ...account,
      messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA',
      status: 'sent',
      timestamp: new Date(1750263773 * 1000),
      recipientId: '16505551234',
      pricingCategory: 'marketing',
      conversation: { id: '6ceb9d929c1a5a7d2b0f1b2c3d4e5f60', expiresAt: new Date(1750350180 * 1000) },
    });
    expect(payload).toStrictEqual(webhookStatusSent);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(webhookStatusSent));
  });

  it('gives failed statuses errors instead of pricing, with a default error', () => {
    const payload = buildCloudStatusWebhook({
      ...account,
      messageId: 'wamid.X',
      status: 'failed',
      timestamp: new Date(1750263773 * 1000),
      recipientId: '16505551234',
      pricingCategory: 'marketing',
    });
    const [status] = payload.entry[0]?.changes[0]?.value.statuses ?? [];
    expect(status?.pricing).toBeUndefined();
    expect(status?.conversation).toBeUndefined();
    expect(status?.errors).toEqual([
      expect.objectContaining({ code: 131000, title: 'Something went wrong' }),
    ]);
  });

  it('addresses statuses of BSUID sends by recipient_user_id and echoes callback data', () => {
    const payload = buildCloudStatusWebhook({
      ...account,
      messageId: 'wamid.Y',
      status: 'read',
      timestamp: new Date(0),
      recipientUserId: 'US.13491208655302741918',
      bizOpaqueCallbackData: 'order-42',
    });
    expect(payload.entry[0]?.changes[0]?.value.statuses).toStrictEqual([
      {
        id: 'wamid.Y',
        status: 'read',
        timestamp: '0',
        recipient_user_id: 'US.13491208655302741918',
        biz_opaque_callback_data: 'order-42',
      },
    ]);
  });
});
