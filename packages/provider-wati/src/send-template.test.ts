import { ApiError, ValidationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  directWati,
  fixture,
  MATON_PREFIX,
  matonWati,
  startWatiServer,
  TENANT,
  TOKEN,
  UUID,
  wire,
} from './__fixtures__/wati-server.js';

const V2_RESPONSE = fixture('send-template-v2-response.json');
const V1_RESPONSE = fixture('send-template-v1-response.json');

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v2/sendTemplateMessage`, () => HttpResponse.json(V2_RESPONSE)),
    http.post(`${TENANT}/api/v1/sendTemplateMessage`, () => HttpResponse.json(V1_RESPONSE)),
    http.post(`${MATON_PREFIX}/api/v2/sendTemplateMessage`, () => HttpResponse.json(V2_RESPONSE)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

const named = {
  to: '+1 415-555-1234',
  type: 'template',
  template: { name: 'order_update', language: 'en_US', parameters: { name: 'John', ordernumber: '12345' } },
} as const;

describe('send template (sendTemplateMessage)', () => {
  it('posts JSON to the v2 endpoint by default and returns the receiver localMessageId as the id', async () => {
    const result = await directWati(server).send(named);
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v2/sendTemplateMessage`,
      query: { whatsappNumber: '14155551234' },
      contentType: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(request?.json()).toStrictEqual({
      template_name: 'order_update',
      broadcast_name: 'order_update',
      parameters: [
        { name: 'name', value: 'John' },
        { name: 'ordernumber', value: '12345' },
      ],
    });
    expect(result).toStrictEqual({
      id: 'd38f0c3a-e833-4725-a894-53a2b1dc1af6',
      provider: 'wati',
      to: '14155551234',
      status: 'accepted',
      providerIds: { localMessageId: 'd38f0c3a-e833-4725-a894-53a2b1dc1af6' },
      raw: V2_RESPONSE,
    });
  });

  it('uses providerOptions.wati.broadcastName and sends [] for a template without parameters, through Maton too', async () => {
    await matonWati(server).send(
      { to: '14155551234', type: 'template', template: { name: 'hello', language: 'en' } },
      { providerOptions: { wati: { broadcastName: 'Spring sale' }, 'whatsapp-cloud': { other: 1 } } },
    );
    expect(server.requests[0]?.path).toBe(`${MATON_PREFIX}/api/v2/sendTemplateMessage`);
    expect(server.requests[0]?.json()).toStrictEqual({
      template_name: 'hello',
      broadcast_name: 'Spring sale',
      parameters: [],
    });
  });

  it('refuses an invalid or unknown providerOptions.wati field, naming it, before any request', async () => {
    const provider = directWati(server);
    const message = {
      to: '14155551234',
      type: 'template',
      template: { name: 'hello', language: 'en' },
    } as const;
    await expect(
      provider.send(message, { providerOptions: { wati: { broadcastName: 'x'.repeat(201) } } }),
    ).rejects.toMatchObject({ name: 'ValidationError', fields: ['providerOptions.wati.broadcastName'] });
    await expect(
      provider.send(message, { providerOptions: { wati: { broadcastname: 'typo' } } }),
    ).rejects.toMatchObject({ name: 'ValidationError', fields: ['providerOptions.wati'] });
    // The old top-level field is not part of the neutral message any more.
    await expect(provider.send({ ...message, broadcastName: 'old' } as never)).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('uses the v1 endpoint when configured; v1 returns no id, so the id is a generated UUID', async () => {
    const result = await directWati(server, { templateApi: 'v1' }).send(named);
    expect(wire(server.requests[0]).path).toBe(`${TENANT}/api/v1/sendTemplateMessage`);
    expect(server.requests[0]?.json()).toStrictEqual({
      template_name: 'order_update',
      broadcast_name: 'order_update',
      parameters: [
        { name: 'name', value: 'John' },
        { name: 'ordernumber', value: '12345' },
      ],
    });
    expect(result.id).toMatch(UUID);
    expect(result.providerIds).toBeUndefined();
    expect(result.raw).toStrictEqual(V1_RESPONSE);
  });
});

describe('template features WATI cannot carry', () => {
  it('refuses header and button parameters, naming the fields, before any request', async () => {
    const error = await directWati(server)
      .send({
        ...named,
        template: {
          ...named.template,
          header: { type: 'image', media: { url: 'https://cdn.example.com/h.jpg' } },
          buttons: [{ type: 'quick_reply', index: 0, payload: 'yes' }],
        },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['template.header', 'template.buttons']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('template send failures', () => {
  it('fails with invalid_recipient when v2 flags the receiver number', async () => {
    server.use(
      http.post(`${TENANT}/api/v2/sendTemplateMessage`, () =>
        HttpResponse.json({
          result: true,
          error: null,
          templateName: 'order_update',
          receivers: [
            {
              localMessageId: 'c486f386-d86d-431d-aa3b-fb1b6c494e58',
              waId: '14155551234',
              isValidWhatsAppNumber: false,
              errors: [],
            },
          ],
        }),
      ),
    );
    const error = await directWati(server)
      .send(named)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_recipient', status: 200, retryable: false });
  });

  it('fails with invalid_recipient when v1 says validWhatsAppNumber: false', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendTemplateMessage`, () =>
        HttpResponse.json({ ...V1_RESPONSE, validWhatsAppNumber: false }),
      ),
    );
    await expect(directWati(server, { templateApi: 'v1' }).send(named)).rejects.toMatchObject({
      code: 'invalid_recipient',
    });
  });

  it.each([
    { body: { result: false, info: 'Template not found' }, code: 'template_not_found' },
    { body: { result: false, error: 'Template order_update does not exist' }, code: 'template_not_found' },
    { body: { result: false, info: 'Plantilla rechazada' }, code: 'unknown' },
    // The flag decides when the text is not one we can read.
    {
      body: { result: false, info: 'Número no válido', validWhatsAppNumber: false },
      code: 'invalid_recipient',
    },
  ])('turns $body into ApiError $code', async ({ body, code }) => {
    server.use(http.post(`${TENANT}/api/v2/sendTemplateMessage`, () => HttpResponse.json(body)));
    await expect(directWati(server).send(named)).rejects.toMatchObject({
      name: 'ApiError',
      code,
      status: 200,
    });
  });

  it('reads an RFC 7807 validation body into the message', async () => {
    server.use(
      http.post(`${TENANT}/api/v2/sendTemplateMessage`, () =>
        HttpResponse.json(
          {
            type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
            title: 'One or more validation errors occurred.',
            status: 400,
            traceId: '00-abc-def-00',
            errors: { template_name: ['The template_name field is required.'] },
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await directWati(server)
      .send(named)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'validation_failed',
      status: 400,
      retryable: false,
    });
    expect((error as Error).message).toContain(
      'One or more validation errors occurred.: template_name: The template_name field is required.',
    );
  });
});
