import { phoneNumberInfoSchema, ValidationError } from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  BUSINESS_ACCOUNT_ID,
  DIRECT_HEADERS,
  DIRECT_JSON_HEADERS,
  directCloud,
  PHONE_NUMBER_ID,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';

const configuredNumber = {
  id: PHONE_NUMBER_ID,
  display_phone_number: '+1 555-078-3881',
  verified_name: 'Lucky Shrub',
  quality_rating: 'GREEN',
};

describe('account.phoneNumbers', () => {
  it('lists the numbers of the business account when businessAccountId is set', async () => {
    await using server = await startGraphServer();
    const numbers = await directCloud(server).account.phoneNumbers();
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `/v21.0/${BUSINESS_ACCOUNT_ID}/phone_numbers`,
      query: {},
      headers: DIRECT_HEADERS,
      body: undefined,
    });
    expect(numbers).toStrictEqual([
      {
        id: PHONE_NUMBER_ID,
        displayPhoneNumber: '+1 555-078-3881',
        verifiedName: 'Lucky Shrub',
        qualityRating: 'GREEN',
        raw: configuredNumber,
      },
    ]);
    expect(() => z.array(phoneNumberInfoSchema).parse(numbers)).not.toThrow();
  });

  it('follows the paging cursors to the last page', async () => {
    const first = {
      verified_name: "Jasper's Market",
      display_phone_number: '+1 631-555-5555',
      id: '1906385232743451',
      quality_rating: 'GREEN',
    };
    const second = {
      verified_name: "Jasper's Ice Cream",
      display_phone_number: '+1 631-555-5556',
      id: '1913623884432103',
      quality_rating: 'NA',
    };
    await using server = await startGraphServer(
      http.get('/v21.0/:waba/phone_numbers', ({ request }) =>
        new URL(request.url).searchParams.get('after') === 'QVFIUk2'
          ? HttpResponse.json({
              data: [second],
              paging: { cursors: { before: 'QVFIUk2', after: 'QVFIUk2' } },
            })
          : HttpResponse.json({
              data: [first],
              paging: {
                cursors: { before: 'QVFIUk1', after: 'QVFIUk2' },
                next: 'https://graph.facebook.com/v21.0/x?after=QVFIUk2',
              },
            }),
      ),
    );
    const numbers = await directCloud(server).account.phoneNumbers();
    expect(numbers.map((number) => number.id)).toEqual(['1906385232743451', '1913623884432103']);
    expect(server.requests.map((request) => wire(request).query)).toStrictEqual([{}, { after: 'QVFIUk2' }]);
  });

  it('reads the configured number when there is no businessAccountId', async () => {
    await using server = await startGraphServer();
    const numbers = await directCloud(server, { businessAccountId: undefined }).account.phoneNumbers();
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `/v21.0/${PHONE_NUMBER_ID}`,
      query: {},
      headers: DIRECT_HEADERS,
      body: undefined,
    });
    expect(numbers).toStrictEqual([
      {
        id: PHONE_NUMBER_ID,
        displayPhoneNumber: '+1 555-078-3881',
        verifiedName: 'Lucky Shrub',
        qualityRating: 'GREEN',
        raw: configuredNumber,
      },
    ]);
  });
});

describe('account.businessProfile', () => {
  it('asks for the documented fields and reads the profile from data[0]', async () => {
    await using server = await startGraphServer();
    const profile = await directCloud(server).account.businessProfile();
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `/v21.0/${PHONE_NUMBER_ID}/whatsapp_business_profile`,
      query: { fields: 'about,address,description,email,profile_picture_url,websites,vertical' },
      headers: DIRECT_HEADERS,
      body: undefined,
    });
    expect(profile).toStrictEqual({
      about: 'Succulent specialists!',
      address: '1 Hacker Way, Menlo Park, CA 94025',
      description: 'At Lucky Shrub, we specialize in succulents.',
      email: 'lucky@luckyshrub.com',
      websites: ['https://www.luckyshrub.com/'],
      vertical: 'RETAIL',
      profilePictureUrl: 'https://pps.whatsapp.net/v/t61.24694-24/1234_n.jpg',
    });
  });

  it('leaves out empty fields and returns {} for an empty data array', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:id/whatsapp_business_profile', ({ request }) =>
        new URL(request.url).searchParams.has('fields')
          ? HttpResponse.json({
              data: [{ about: 'Hi', email: '', websites: [], messaging_product: 'whatsapp' }],
            })
          : HttpResponse.json({ data: [] }),
      ),
    );
    expect(await directCloud(server).account.businessProfile()).toStrictEqual({ about: 'Hi' });
  });
});

describe('account.updateBusinessProfile', () => {
  it('posts the fields with messaging_product', async () => {
    await using server = await startGraphServer();
    await directCloud(server).account.updateBusinessProfile({
      about: 'Your trusted partner',
      address: '123 Business St',
      description: 'We provide excellent services',
      email: 'contact@example.com',
      websites: ['https://example.com'],
      vertical: 'RETAIL',
    });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `/v21.0/${PHONE_NUMBER_ID}/whatsapp_business_profile`,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: {
        messaging_product: 'whatsapp',
        about: 'Your trusted partner',
        address: '123 Business St',
        description: 'We provide excellent services',
        email: 'contact@example.com',
        websites: ['https://example.com'],
        vertical: 'RETAIL',
      },
    });
  });

  it('sends a profile picture handle as profile_picture_handle', async () => {
    await using server = await startGraphServer();
    await directCloud(server).account.updateBusinessProfile({ profilePictureHandle: '4::aW1h' });
    expect(wire(server.requests[0]).body).toStrictEqual({
      messaging_product: 'whatsapp',
      profile_picture_handle: '4::aW1h',
    });
  });

  it.each([
    ['an empty update', {}],
    ['an about over 139 characters', { about: 'x'.repeat(140) }],
    ['three websites', { websites: ['https://a.example', 'https://b.example', 'https://c.example'] }],
    ['an invalid e-mail', { email: 'not-an-email' }],
  ])('rejects %s before any request', async (_label, update) => {
    await using server = await startGraphServer();
    await expect(directCloud(server).account.updateBusinessProfile(update)).rejects.toSatisfy(
      ValidationError.isInstance,
    );
    expect(server.requests).toHaveLength(0);
  });
});
