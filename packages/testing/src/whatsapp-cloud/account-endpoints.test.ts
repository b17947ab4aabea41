import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import { callGraph, PHONE_NUMBER_ID, VERSION, WABA_ID } from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const SECOND_NUMBER = {
  id: '1906385232743451',
  displayPhoneNumber: '+1 631-555-5555',
  verifiedName: "Jasper's Market",
};
const emulator = createWhatsAppCloudEmulator({
  phoneNumbers: [
    { id: PHONE_NUMBER_ID, displayPhoneNumber: '+1 555-078-3881', verifiedName: 'Lucky Shrub' },
    SECOND_NUMBER,
  ],
});
let server: LoopbackServer;
const profilePath = `/${VERSION}/${PHONE_NUMBER_ID}/whatsapp_business_profile`;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

describe('phone numbers', () => {
  it('GET /{phone-number-id} answers a sandbox number’s default fields', async () => {
    const result = await callGraph(server.url, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}`);
    expect(result.body).toStrictEqual({
      verified_name: 'Lucky Shrub',
      code_verification_status: 'VERIFIED',
      display_phone_number: '+1 555-078-3881',
      quality_rating: 'GREEN',
      platform_type: 'CLOUD_API',
      throughput: { level: 'STANDARD' },
      id: PHONE_NUMBER_ID,
    });
  });

  it('honours fields (always adding id) and rejects unknown ones', async () => {
    const picked = await callGraph(
      server.url,
      'GET',
      `/${VERSION}/${PHONE_NUMBER_ID}?fields=display_phone_number,name_status`,
    );
    expect(picked.body).toStrictEqual({
      display_phone_number: '+1 555-078-3881',
      name_status: 'APPROVED',
      id: PHONE_NUMBER_ID,
    });
    const unknown = await callGraph(server.url, 'GET', `/${VERSION}/${PHONE_NUMBER_ID}?fields=colour`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppBusinessPhoneNumber)',
    );
  });

  it('GET /{waba-id}/phone_numbers lists every number with paging cursors', async () => {
    const result = await callGraph(server.url, 'GET', `/${VERSION}/${WABA_ID}/phone_numbers`);
    expect(result.body.data).toStrictEqual([
      {
        verified_name: 'Lucky Shrub',
        display_phone_number: '+1 555-078-3881',
        id: PHONE_NUMBER_ID,
        quality_rating: 'GREEN',
      },
      {
        verified_name: "Jasper's Market",
        display_phone_number: '+1 631-555-5555',
        id: SECOND_NUMBER.id,
        quality_rating: 'GREEN',
      },
    ]);
    expect(result.body.paging).toStrictEqual({
      cursors: { before: expect.any(String), after: expect.any(String) },
    });
    const firstPage = await callGraph(server.url, 'GET', `/${VERSION}/${WABA_ID}/phone_numbers?limit=1`);
    expect(firstPage.body.paging.next).toContain('after=');
  });

  it('GET /{waba-id} answers the account', async () => {
    const result = await callGraph(server.url, 'GET', `/${VERSION}/${WABA_ID}?fields=name,currency`);
    expect(result.body).toStrictEqual({ name: 'Lucky Shrub', currency: 'USD', id: WABA_ID });
  });
});

describe('business profile', () => {
  it('GET answers { data: [flat profile] } with messaging_product', async () => {
    const result = await callGraph(server.url, 'GET', profilePath);
    expect(result.body).toStrictEqual({
      data: [
        {
          about: 'Succulent specialists!',
          address: '1 Hacker Way, Menlo Park, CA 94025',
          description: 'At Lucky Shrub, we specialize in succulents and drought-tolerant plants.',
          email: 'lucky@luckyshrub.com',
          messaging_product: 'whatsapp',
          profile_picture_url: expect.stringMatching(/^https:\/\//),
          websites: ['https://www.luckyshrub.com/'],
          vertical: 'RETAIL',
        },
      ],
    });
  });

  it('GET honours fields', async () => {
    const result = await callGraph(server.url, 'GET', `${profilePath}?fields=about,vertical`);
    expect(result.body).toStrictEqual({
      data: [{ about: 'Succulent specialists!', vertical: 'RETAIL', messaging_product: 'whatsapp' }],
    });
  });

  it('POST updates the profile of that number only', async () => {
    const update = {
      messaging_product: 'whatsapp',
      about: 'Cacti too!',
      description: 'd'.repeat(512),
      websites: ['https://www.luckyshrub.com/', 'https://shop.luckyshrub.com/'],
      vertical: 'PROF_SERVICES',
      profile_picture_handle: '4::aW1hZ2UvanBlZw==:ARbLs',
    };
    const result = await callGraph(server.url, 'POST', profilePath, { json: update });

    expect(result.body).toEqual({ success: true });
    const after = await callGraph(server.url, 'GET', `${profilePath}?fields=about,websites,vertical`);
    expect(after.body.data[0]).toMatchObject({
      about: 'Cacti too!',
      websites: update.websites,
      vertical: 'PROF_SERVICES',
    });
    expect(emulator.state.businessProfile.profilePictureUrl).toMatch(/^https:\/\/pps\.whatsapp\.net\//);
    expect(emulator.state.businessProfiles.get(SECOND_NUMBER.id)?.about).toBe('Succulent specialists!');
  });

  it.each([
    ['an unknown vertical', { vertical: 'SHOPPING' }, /^Param vertical must be one of "OTHER"/],
    [
      'an about over 139 characters',
      { about: 'a'.repeat(140) },
      /^Param about must NOT have more than 139 characters$/,
    ],
    [
      'a description over 512 characters',
      { description: 'd'.repeat(513) },
      /^Param description must NOT have more than 512/,
    ],
    [
      'three websites',
      { websites: ['https://a.example', 'https://b.example', 'https://c.example'] },
      /^Param websites must NOT have more than 2 items$/,
    ],
    [
      'a website that is not http(s)',
      { websites: ['ftp://files.example'] },
      /^Param websites\[0\] must match pattern/,
    ],
    ['an invalid email', { email: 'not-an-email' }, /^Param email must match format "email"$/],
  ])('POST rejects %s with the path', async (_name, change, details) => {
    const result = await callGraph(server.url, 'POST', profilePath, {
      json: { messaging_product: 'whatsapp', ...change },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe(100);
    expect(result.body.error.error_data.details).toMatch(details);
  });
});
