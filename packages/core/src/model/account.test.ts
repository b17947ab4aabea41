import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths, validationError } from './__fixtures__/validation.js';
import {
  type BusinessProfile,
  type BusinessProfileUpdate,
  businessProfileSchema,
  businessProfileUpdateSchema,
  mediaUploadSchema,
  phoneNumberInfoSchema,
} from './account.js';

describe('businessProfileSchema', () => {
  it('accepts a full profile as a provider returns it', () => {
    const profile = {
      about: 'Fresh bread daily',
      address: '1 Market St, San Francisco',
      description: 'A bakery',
      email: 'hello@bakery.example',
      websites: ['https://bakery.example', 'https://shop.bakery.example'],
      vertical: 'RETAIL',
      profilePictureUrl: 'https://pps.whatsapp.net/v/t61/123.jpg',
    } satisfies BusinessProfile;
    expect(businessProfileSchema.parse(profile)).toEqual(profile);
  });
});

describe('businessProfileUpdateSchema', () => {
  it('accepts every field at its limit', () => {
    const update = {
      about: chars(139),
      address: chars(256),
      description: chars(512),
      email: 'hello@bakery.example',
      websites: ['https://a.example', 'https://b.example'],
      vertical: 'RETAIL',
      profilePictureHandle: '4::aW1hZ2UvanBlZw==',
    } satisfies BusinessProfileUpdate;
    expect(parseValid(businessProfileUpdateSchema, update)).toEqual(update);
  });

  it('accepts a single field', () => {
    expect(parseValid(businessProfileUpdateSchema, { about: 'Open 7–19' })).toEqual({ about: 'Open 7–19' });
  });

  it('rejects an empty update', () => {
    const error = validationError(businessProfileUpdateSchema, {});
    expect(error.issues).toEqual([{ path: '', message: 'give at least one field to update' }]);
  });

  it('rejects an update whose fields are all undefined', () => {
    const error = validationError(businessProfileUpdateSchema, { about: undefined, email: undefined });
    expect(error.issues).toEqual([{ path: '', message: 'give at least one field to update' }]);
  });

  it.each([
    ['about', { about: chars(140) }],
    ['address', { address: chars(257) }],
    ['description', { description: chars(513) }],
    ['email', { email: 'not-an-email' }],
    ['websites', { websites: ['https://a.example', 'https://b.example', 'https://c.example'] }],
    ['websites.0', { websites: ['not a url'] }],
    ['profilePictureHandle', { profilePictureHandle: '' }],
  ])('rejects an invalid %s', (path, update) => {
    expect(rejectedPaths(businessProfileUpdateSchema, update)).toEqual([path]);
  });

  it('rejects the read-only profilePictureUrl', () => {
    const error = validationError(businessProfileUpdateSchema, {
      about: 'x',
      profilePictureUrl: 'https://x.example',
    });
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('"profilePictureUrl"') }]);
  });
});

describe('phoneNumberInfoSchema', () => {
  it('accepts a phone number as a provider lists it', () => {
    const info = {
      id: '106540352242922',
      displayPhoneNumber: '+1 555-078-3881',
      verifiedName: 'Bakery',
      qualityRating: 'GREEN',
      raw: {},
    };
    expect(phoneNumberInfoSchema.parse(info)).toEqual(info);
  });

  it('requires id and displayPhoneNumber', () => {
    expect(rejectedPaths(phoneNumberInfoSchema, { raw: {} }).sort()).toEqual(['displayPhoneNumber', 'id']);
  });
});

describe('mediaUploadSchema', () => {
  it('accepts bytes with a MIME type and optional filename', () => {
    const upload = { data: new Uint8Array([1, 2]), mimeType: 'image/png', filename: 'a.png' };
    expect(parseValid(mediaUploadSchema, upload)).toEqual(upload);
  });

  it.each([
    ['data', { data: 'aGk=', mimeType: 'image/png' }],
    ['data', { data: new Uint8Array(0), mimeType: 'image/png' }],
    ['mimeType', { data: new Uint8Array([1]), mimeType: 'png' }],
    ['filename', { data: new Uint8Array([1]), mimeType: 'image/png', filename: chars(241) }],
  ])('rejects an invalid %s', (path, upload) => {
    expect(rejectedPaths(mediaUploadSchema, upload)).toEqual([path]);
  });
});
