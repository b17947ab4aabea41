import { describe, expect, it } from 'vitest';
import {
  BUSINESS_ACCOUNT_ID,
  CONNECTION_ID,
  MATON_API_KEY,
  MATON_PREFIX,
  MEDIA_ID,
  matonCloud,
  PHONE_NUMBER_ID,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';
import type { WhatsAppCloudProvider } from './whatsapp-cloud-provider.js';

const auth = {
  accept: 'application/json',
  authorization: `Bearer ${MATON_API_KEY}`,
  'maton-connection': CONNECTION_ID,
};
const json = { ...auth, 'content-type': 'application/json' };

// Every endpoint through the Maton gateway: same Graph path under /whatsapp-business, Maton key and connection.
const CALLS: [
  string,
  (cloud: WhatsAppCloudProvider) => Promise<unknown>,
  string,
  string,
  Record<string, string>,
][] = [
  [
    'send',
    (cloud) => cloud.send({ type: 'location', to: '16505551234', latitude: 1, longitude: 2 }),
    'POST',
    `/${PHONE_NUMBER_ID}/messages`,
    json,
  ],
  ['markRead', (cloud) => cloud.markRead('wamid.X'), 'POST', `/${PHONE_NUMBER_ID}/messages`, json],
  [
    'media.upload',
    (cloud) => cloud.media.upload({ data: new Uint8Array(8), mimeType: 'image/png' }),
    'POST',
    `/${PHONE_NUMBER_ID}/media`,
    { ...auth, 'content-type': 'multipart/form-data' },
  ],
  ['media.get', (cloud) => cloud.media.get(MEDIA_ID), 'GET', `/${MEDIA_ID}`, auth],
  ['media.delete', (cloud) => cloud.media.delete(MEDIA_ID), 'DELETE', `/${MEDIA_ID}`, auth],
  [
    'templates.list',
    (cloud) => cloud.templates.list(),
    'GET',
    `/${BUSINESS_ACCOUNT_ID}/message_templates`,
    auth,
  ],
  [
    'templates.create',
    (cloud) =>
      cloud.templates.create({
        name: 'promo',
        language: 'en',
        category: 'marketing',
        body: { text: 'Sale' },
      }),
    'POST',
    `/${BUSINESS_ACCOUNT_ID}/message_templates`,
    json,
  ],
  [
    'templates.delete',
    (cloud) => cloud.templates.delete('promo'),
    'DELETE',
    `/${BUSINESS_ACCOUNT_ID}/message_templates`,
    auth,
  ],
  [
    'account.phoneNumbers',
    (cloud) => cloud.account.phoneNumbers(),
    'GET',
    `/${BUSINESS_ACCOUNT_ID}/phone_numbers`,
    auth,
  ],
  [
    'account.businessProfile',
    (cloud) => cloud.account.businessProfile(),
    'GET',
    `/${PHONE_NUMBER_ID}/whatsapp_business_profile`,
    auth,
  ],
  [
    'account.updateBusinessProfile',
    (cloud) => cloud.account.updateBusinessProfile({ about: 'Hi' }),
    'POST',
    `/${PHONE_NUMBER_ID}/whatsapp_business_profile`,
    json,
  ],
];

describe('every endpoint through the Maton gateway', () => {
  it.each(CALLS)('%s', async (_label, call, method, path, headers) => {
    await using server = await startGraphServer();
    await call(matonCloud(server));
    expect(server.requests).toHaveLength(1);
    const request = wire(server.requests[0]);
    expect([request.method, request.path, request.headers]).toStrictEqual([
      method,
      `${MATON_PREFIX}/v21.0${path}`,
      headers,
    ]);
    server.assertNoUnhandledRequests();
  });
});
