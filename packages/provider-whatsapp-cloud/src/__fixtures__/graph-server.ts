import type { OutboundMessage } from '@switchboard/core';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { expect } from 'vitest';
import { createWhatsAppCloud, type WhatsAppCloudOptions, type WhatsAppCloudProvider } from '../index.js';
import mediaGetResponse from './media-get-response.json' with { type: 'json' };
import mediaUploadResponse from './media-upload-response.json' with { type: 'json' };
import sendMessageResponse from './send-message-response.json' with { type: 'json' };
import templatesListResponse from './templates-list-response.json' with { type: 'json' };

export const PHONE_NUMBER_ID = '106540352242922';
export const BUSINESS_ACCOUNT_ID = '102290129340398';
export const ACCESS_TOKEN = 'EAAGtestAccessToken0123456789abcdef';
export const MATON_API_KEY = 'maton-test-key-0123456789abcdef';
export const CONNECTION_ID = '21fd90f9-5935-43cd-b6c8-bde9d915ca80';
export const APP_SECRET = 'app-secret-0123456789abcdef';
export const VERIFY_TOKEN = 'verify-token-0123456789';
export const WAMID = sendMessageResponse.messages[0]?.id as string;
export const MEDIA_ID = mediaUploadResponse.id;

/** The Maton gateway's path prefix, mirrored on the loopback server. */
export const MATON_PREFIX = '/whatsapp-business';

export const fixtures = { sendMessageResponse, mediaUploadResponse, mediaGetResponse, templatesListResponse };

const phoneNumber = {
  id: PHONE_NUMBER_ID,
  display_phone_number: '+1 555-078-3881',
  verified_name: 'Lucky Shrub',
  quality_rating: 'GREEN',
};

/** Meta's answers to every endpoint the adapter calls, under `prefix` (`''` direct, `/whatsapp-business` Maton). */
export function graphHandlers(prefix = ''): RequestHandler[] {
  const at = (path: string) => `${prefix}/v21.0${path}`;
  return [
    http.post(at('/:phoneNumberId/messages'), async ({ request }) => {
      const body = (await request.json()) as { status?: string };
      return HttpResponse.json(body.status === 'read' ? { success: true } : sendMessageResponse);
    }),
    http.post(at('/:phoneNumberId/media'), () => HttpResponse.json(mediaUploadResponse)),
    http.get(at('/:businessAccountId/message_templates'), () => HttpResponse.json(templatesListResponse)),
    http.post(at('/:businessAccountId/message_templates'), () =>
      HttpResponse.json({ id: '1689556908129832', status: 'PENDING', category: 'UTILITY' }),
    ),
    http.delete(at('/:businessAccountId/message_templates'), () => HttpResponse.json({ success: true })),
    http.get(at('/:businessAccountId/phone_numbers'), () =>
      HttpResponse.json({ data: [phoneNumber], paging: { cursors: { before: 'QVFIUk', after: 'QVFIUk' } } }),
    ),
    http.get(at('/:phoneNumberId/whatsapp_business_profile'), () =>
      HttpResponse.json({
        data: [
          {
            about: 'Succulent specialists!',
            address: '1 Hacker Way, Menlo Park, CA 94025',
            description: 'At Lucky Shrub, we specialize in succulents.',
            email: 'lucky@luckyshrub.com',
            messaging_product: 'whatsapp',
            profile_picture_url: 'https://pps.whatsapp.net/v/t61.24694-24/1234_n.jpg',
            websites: ['https://www.luckyshrub.com/'],
            vertical: 'RETAIL',
          },
        ],
      }),
    ),
    http.post(at('/:phoneNumberId/whatsapp_business_profile'), () => HttpResponse.json({ success: true })),
    http.get(at('/:id'), ({ params }) =>
      HttpResponse.json(params.id === PHONE_NUMBER_ID ? phoneNumber : mediaGetResponse),
    ),
    http.delete(at('/:id'), () => HttpResponse.json({ success: true })),
  ];
}

/** A loopback server answering like Graph (and the Maton gateway under `/whatsapp-business`). */
export function startGraphServer(...overrides: RequestHandler[]): Promise<LoopbackServer> {
  return startLoopbackServer({
    handlers: [...overrides, ...graphHandlers(), ...graphHandlers(MATON_PREFIX)],
  });
}

/** A `direct` provider pointed at the loopback server, without retries unless the test asks. */
export function directCloud(
  server: LoopbackServer,
  options: Partial<WhatsAppCloudOptions> = {},
): WhatsAppCloudProvider {
  return createWhatsAppCloud({
    transport: 'direct',
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    businessAccountId: BUSINESS_ACCOUNT_ID,
    baseUrl: server.url,
    retry: false,
    // No test reads the machine's environment.
    env: {},
    ...options,
  });
}

/** A `maton` provider whose base is the loopback server's `/whatsapp-business`, like the real gateway. */
export function matonCloud(
  server: LoopbackServer,
  options: Partial<WhatsAppCloudOptions> = {},
): WhatsAppCloudProvider {
  return createWhatsAppCloud({
    transport: 'maton',
    apiKey: MATON_API_KEY,
    connectionId: CONNECTION_ID,
    phoneNumberId: PHONE_NUMBER_ID,
    businessAccountId: BUSINESS_ACCOUNT_ID,
    baseUrl: `${server.url}${MATON_PREFIX}`,
    retry: false,
    rateLimit: false,
    env: {},
    ...options,
  });
}

// Set by undici itself on every request; they say nothing about the adapter.
const CONNECTION_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'keep-alive',
  'transfer-encoding',
]);

/** The headers the adapter chose, as a plain object. */
export function sentHeaders(request: RecordedRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (!CONNECTION_HEADERS.has(name)) headers[name] = value;
  });
  return headers;
}

/** Method, path, query, headers and JSON body of a request as it went over the wire. */
export function wire(request: RecordedRequest | undefined): {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
} {
  if (request === undefined) throw new Error('the server received no such request');
  const headers = sentHeaders(request);
  if (headers['content-type']?.startsWith('multipart/form-data'))
    headers['content-type'] = 'multipart/form-data';
  return {
    method: request.method,
    path: request.path,
    query: Object.fromEntries(request.query),
    headers,
    body:
      request.body.byteLength === 0
        ? undefined
        : request.contentType === 'application/json'
          ? request.json()
          : '<multipart>',
  };
}

/** The headers of a JSON request sent by {@link directCloud}. */
export const DIRECT_JSON_HEADERS = {
  accept: 'application/json',
  authorization: `Bearer ${ACCESS_TOKEN}`,
  'content-type': 'application/json',
};

/** The headers of a bodyless request sent by {@link directCloud}. */
export const DIRECT_HEADERS = { accept: 'application/json', authorization: `Bearer ${ACCESS_TOKEN}` };

/** The headers of a JSON request sent by {@link matonCloud}. */
export const MATON_JSON_HEADERS = {
  accept: 'application/json',
  authorization: `Bearer ${MATON_API_KEY}`,
  'maton-connection': CONNECTION_ID,
  'content-type': 'application/json',
};

/** The body every send starts with. */
export function envelope(to = '16505551234') {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to };
}

/**
 * Sends `message` with {@link directCloud}, checks it made exactly one JSON `POST /{phone-number-id}/messages`
 * and returned the fixture's wamid, and returns the JSON body that went over the wire.
 */
export async function sentMessageBody(message: OutboundMessage): Promise<unknown> {
  await using server = await startGraphServer();
  const result = await directCloud(server).send(message);
  expect(result.id).toBe(WAMID);
  expect(server.requests).toHaveLength(1);
  const { body, ...request } = wire(server.requests[0]);
  expect(request).toStrictEqual({
    method: 'POST',
    path: `/v21.0/${PHONE_NUMBER_ID}/messages`,
    query: {},
    headers: DIRECT_JSON_HEADERS,
  });
  return body;
}
