import {
  CAPABILITIES,
  type MessagingProvider,
  requireFacet,
  requireOperation,
  TokenBucketRateLimiter,
  UnsupportedFeatureError,
  ValidationError,
} from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DIRECT_JSON_HEADERS,
  directCloud,
  envelope,
  PHONE_NUMBER_ID,
  startGraphServer,
  WAMID,
  wire,
} from './__fixtures__/graph-server.js';
import { WHATSAPP_CLOUD_LIMITS } from './whatsapp-cloud-limits.js';

describe('markRead', () => {
  it('posts { messaging_product, status: read, message_id } to the messages endpoint', async () => {
    await using server = await startGraphServer();
    await expect(
      directCloud(server).markRead('wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYz'),
    ).resolves.toBeUndefined();
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `/v21.0/${PHONE_NUMBER_ID}/messages`,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYz',
      },
    });
  });

  it('rejects an empty id before any request', async () => {
    await using server = await startGraphServer();
    await expect(directCloud(server).markRead('')).rejects.toSatisfy(ValidationError.isInstance);
    expect(server.requests).toHaveLength(0);
  });
});

describe('capabilities', () => {
  it('lists everything but contacts, conversation history and operators when webhooks are configured', async () => {
    await using server = await startGraphServer();
    const cloud = directCloud(server, { appSecret: 'app-secret', verifyToken: 'verify-me' });
    const missing = CAPABILITIES.filter((capability) => !cloud.capabilities.has(capability));
    expect(missing).toEqual([
      'contacts.list',
      'contacts.upsert',
      'contacts.updateAttributes',
      'conversations.messages',
      'operators.assign',
    ]);
  });

  it('does not claim webhook signatures without appSecret, nor the handshake without verifyToken', async () => {
    await using server = await startGraphServer();
    const bare = directCloud(server);
    expect(bare.capabilities.has('webhooks.signature')).toBe(false);
    expect(bare.capabilities.has('webhooks.verification')).toBe(false);
    const signed = directCloud(server, { appSecret: 'app-secret' });
    expect(signed.capabilities.has('webhooks.signature')).toBe(true);
    expect(signed.capabilities.has('webhooks.verification')).toBe(false);
  });

  it.each([
    ['contacts', 'contacts.list'],
    ['conversations', 'conversations.messages'],
    ['operators', 'operators.assign'],
  ] as const)(
    'has no %s facet: requireFacet throws UnsupportedFeatureError naming %s',
    async (facet, capability) => {
      await using server = await startGraphServer();
      const cloud = directCloud(server);
      expect(cloud[facet]).toBeUndefined();
      expect(facet in cloud).toBe(false);
      const error = (() => {
        try {
          requireFacet(cloud, facet);
        } catch (caught) {
          return caught;
        }
      })();
      expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'whatsapp-cloud', capability, code: 'unsupported_feature' });
      expect(() => requireOperation(cloud, capability)).toThrow(`does not support ${capability}`);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('publishes Meta’s limits', async () => {
    await using server = await startGraphServer();
    expect(directCloud(server).limits).toBe(WHATSAPP_CLOUD_LIMITS);
    expect(WHATSAPP_CLOUD_LIMITS).toMatchObject({
      textMaxLength: 4096,
      captionMaxLength: 1024,
      buttons: { min: 1, max: 3, titleMaxLength: 20, idMaxLength: 256 },
      list: {
        sectionsMax: 10,
        rowsMax: 10,
        rowTitleMaxLength: 24,
        rowDescriptionMaxLength: 72,
        buttonTextMaxLength: 20,
      },
      interactive: { bodyMaxLength: 1024, headerMaxLength: 60, footerMaxLength: 60 },
      bulkBatchSize: 1,
    });
  });

  it('states the sticker limits through core’s MediaLimit (static 100 KB, animated 500 KB)', async () => {
    await using server = await startGraphServer();
    const provider: MessagingProvider = directCloud(server);
    expect(provider.limits.media.sticker).toStrictEqual({
      maxBytes: 500 * 1024,
      staticMaxBytes: 100 * 1024,
      mimeTypes: ['image/webp'],
      extensions: ['.webp'],
    });
  });
});

describe('sendBulk', () => {
  it('sends the template to each recipient and reports results in recipient order', async () => {
    let count = 0;
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', async ({ request }) => {
        const body = (await request.json()) as { to: string };
        count += 1;
        if (body.to === '447700900123') {
          return HttpResponse.json(
            {
              error: {
                message: '(#131026) Message undeliverable',
                type: 'OAuthException',
                code: 131026,
                error_data: { messaging_product: 'whatsapp', details: 'The recipient is not on WhatsApp.' },
                fbtrace_id: 'Abc123',
              },
            },
            { status: 400 },
          );
        }
        return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${body.to}` }] });
      }),
    );
    const result = await directCloud(server).sendBulk({
      template: { name: 'order_update', language: 'en_US' },
      campaign: 'order-updates-2026',
      recipients: [
        { to: '+1 650 555 1234', parameters: ['Ada'] },
        { to: '+44 7700 900123', parameters: ['Bob'] },
        { to: '16505550000', parameters: { name: 'Cy' } },
      ],
    });
    expect(count).toBe(3);
    expect(result).toStrictEqual({
      results: [
        { to: '16505551234', ok: true, id: 'wamid.16505551234' },
        {
          to: '447700900123',
          ok: false,
          error: {
            code: 'invalid_recipient',
            message: expect.stringContaining('The recipient is not on WhatsApp'),
            retryable: false,
            providerCode: 131026,
            status: 400,
          },
        },
        { to: '16505550000', ok: true, id: 'wamid.16505550000' },
      ],
    });
    const bodies = server.requests
      .map((request) => wire(request).body)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    // The campaign is Meta's callback data on every send, so every status webhook echoes it.
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(body).toMatchObject({ biz_opaque_callback_data: 'order-updates-2026' });
    expect(bodies).toContainEqual({
      ...envelope(),
      biz_opaque_callback_data: 'order-updates-2026',
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }],
      },
    });
    expect(bodies).toContainEqual({
      ...envelope('16505550000'),
      biz_opaque_callback_data: 'order-updates-2026',
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'name', text: 'Cy' }] }],
      },
    });
  });

  it('sends no callback data without a campaign', async () => {
    await using server = await startGraphServer();
    await directCloud(server).sendBulk({
      template: { name: 'order_update', language: 'en_US' },
      recipients: [{ to: '16505551234' }],
    });
    expect(wire(server.requests[0]).body).not.toHaveProperty('biz_opaque_callback_data');
  });

  it('takes bizOpaqueCallbackData from providerOptions over the campaign', async () => {
    await using server = await startGraphServer();
    const data = JSON.stringify({ campaign: 'spring', batch: 7 });
    const result = await directCloud(server).sendBulk(
      {
        template: { name: 'order_update', language: 'en_US' },
        campaign: 'spring',
        recipients: [{ to: '16505551234' }, { to: '16505550000' }],
      },
      { providerOptions: { 'whatsapp-cloud': { bizOpaqueCallbackData: data }, wati: { other: 1 } } },
    );
    expect(result.results.every((recipient) => recipient.ok)).toBe(true);
    expect(server.requests.map((request) => wire(request).body)).toEqual([
      expect.objectContaining({ biz_opaque_callback_data: data }),
      expect.objectContaining({ biz_opaque_callback_data: data }),
    ]);
  });

  it('rejects invalid provider options before any send', async () => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .sendBulk(
        { template: { name: 'x', language: 'en' }, recipients: [{ to: '16505551234' }] },
        { providerOptions: { 'whatsapp-cloud': { bizOpaqueCallbackData: 'x'.repeat(513) } } },
      )
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual([
      'providerOptions.whatsapp-cloud.bizOpaqueCallbackData',
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an invalid request before any send', async () => {
    await using server = await startGraphServer();
    await expect(
      directCloud(server).sendBulk({ template: { name: 'x', language: 'en' }, recipients: [] }),
    ).rejects.toSatisfy(ValidationError.isInstance);
    expect(server.requests).toHaveLength(0);
  });
});

describe('send options', () => {
  it('passes the abort signal through', async () => {
    await using server = await startGraphServer();
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(
      directCloud(server).send({ type: 'text', to: '16505551234', text: 'x' }, { signal: controller.signal }),
    ).rejects.toThrow('caller gave up');
  });

  it('sends providerOptions.whatsapp-cloud.bizOpaqueCallbackData as biz_opaque_callback_data', async () => {
    await using server = await startGraphServer();
    const data = 'x'.repeat(512);
    await directCloud(server).send(
      { type: 'text', to: '16505551234', text: 'x', replyTo: 'wamid.Q' },
      {
        providerOptions: {
          'whatsapp-cloud': { bizOpaqueCallbackData: data },
          wati: { broadcastName: 'n/a' },
        },
      },
    );
    expect(wire(server.requests[0]).body).toStrictEqual({
      ...envelope(),
      context: { message_id: 'wamid.Q' },
      biz_opaque_callback_data: data,
      type: 'text',
      text: { preview_url: false, body: 'x' },
    });
  });

  it.each([
    [
      'longer than Meta’s 512 characters',
      { bizOpaqueCallbackData: 'x'.repeat(513) },
      'bizOpaqueCallbackData',
    ],
    ['empty', { bizOpaqueCallbackData: '' }, 'bizOpaqueCallbackData'],
    ['not a string', { bizOpaqueCallbackData: 42 }, 'bizOpaqueCallbackData'],
    ['an unknown option', { bizOpaqueCallbackDta: 'typo' }, ''],
  ])('rejects callback data %s before any request, naming the field', async (_label, own, field) => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' }, { providerOptions: { 'whatsapp-cloud': own } })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toEqual([
      field === '' ? 'providerOptions.whatsapp-cloud' : `providerOptions.whatsapp-cloud.${field}`,
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the wamid of the response as SendResult.id', async () => {
    await using server = await startGraphServer();
    expect((await directCloud(server).send({ type: 'text', to: '16505551234', text: 'x' })).id).toBe(WAMID);
  });

  it('close() ends a send waiting for the rate limiter and refuses later calls, before any request', async () => {
    await using server = await startGraphServer();
    // One token a minute, spent here: the send waits for the limiter, with a timer pending.
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1 / 60, burst: 1 });
    await limiter.acquire();
    const cloud = directCloud(server, { rateLimit: limiter });
    const waiting = cloud
      .send({ type: 'text', to: '16505551234', text: 'hi' })
      .catch((caught: unknown) => caught);
    await expect(cloud.close()).resolves.toBeUndefined();
    const closed = { name: 'AbortError', message: 'The whatsapp-cloud provider was closed' };
    expect(await waiting).toMatchObject(closed);
    await expect(cloud.markRead('wamid.X')).rejects.toMatchObject(closed);
    await expect(cloud.templates.list()).rejects.toMatchObject(closed);
    expect(server.requests).toHaveLength(0);
  });
});
