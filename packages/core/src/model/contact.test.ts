import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths } from './__fixtures__/validation.js';
import {
  type Contact,
  type ContactInput,
  type ContactListOptions,
  contactInputSchema,
  contactListOptionsSchema,
  contactSchema,
} from './contact.js';

describe('contactSchema', () => {
  const contact = {
    phone: '14155551234',
    name: 'Ada Lovelace',
    attributes: { city: 'London', tier: 'gold' },
    createdAt: new Date('2025-01-02T03:04:05Z'),
    raw: { wAid: '14155551234', fullName: 'Ada Lovelace' },
  } satisfies Contact;

  it('accepts a full address-book entry', () => {
    expect(contactSchema.parse(contact)).toEqual(contact);
  });

  it('accepts an entry with only phone, attributes and raw', () => {
    expect(contactSchema.parse({ phone: '1', attributes: {}, raw: null })).toEqual({
      phone: '1',
      attributes: {},
      raw: null,
    });
  });

  it.each([
    ['attributes', { attributes: undefined }],
    ['attributes.count', { attributes: { count: 3 } }],
    ['createdAt', { createdAt: '2025-01-02' }],
    ['phone', { phone: 14155551234 }],
  ])('rejects an invalid %s', (path, override) => {
    expect(rejectedPaths(contactSchema, { ...contact, ...override })).toEqual([path]);
  });
});

describe('contactInputSchema', () => {
  it('normalizes the phone number', () => {
    const input = {
      phone: '+1 (415) 555-1234',
      name: 'Ada',
      attributes: { city: 'London' },
    } satisfies ContactInput;
    expect(parseValid(contactInputSchema, input)).toEqual({ ...input, phone: '14155551234' });
  });

  it('accepts a phone number alone and a 200-character name', () => {
    expect(parseValid(contactInputSchema, { phone: '14155551234' })).toEqual({ phone: '14155551234' });
    expect(parseValid(contactInputSchema, { phone: '14155551234', name: chars(200) })).toMatchObject({
      name: chars(200),
    });
  });

  it('accepts an empty attribute value (clears the attribute)', () => {
    expect(parseValid(contactInputSchema, { phone: '14155551234', attributes: { city: '' } })).toMatchObject({
      attributes: { city: '' },
    });
  });

  it.each([
    ['phone', { phone: '020 7946 0958' }],
    ['name', { phone: '14155551234', name: chars(201) }],
    ['name', { phone: '14155551234', name: '' }],
    ['attributes[""]', { phone: '14155551234', attributes: { '': 'x' } }],
    ['attributes.age', { phone: '14155551234', attributes: { age: 42 } }],
    ['', { phone: '14155551234', email: 'ada@example.com' }],
  ])('rejects an invalid %s', (path, input) => {
    expect(rejectedPaths(contactInputSchema, input)).toEqual([path]);
  });
});

describe('contactListOptionsSchema', () => {
  it('accepts paging and provider-namespaced filters, which the provider validates itself', () => {
    const options = {
      pageSize: 50,
      cursor: 'page-2',
      providerOptions: { wati: { name: 'Ada', attributes: [{ name: 'vip', operator: 'exist' }] } },
    } satisfies ContactListOptions;
    expect(parseValid(contactListOptionsSchema, options)).toEqual(options);
  });

  it.each([
    ['pageSize', { pageSize: 0 }],
    ['pageSize', { pageSize: 1001 }],
    ['cursor', { cursor: '' }],
    ['providerOptions.wati', { providerOptions: { wati: 'Ada' } }],
    // Provider-only filters no longer sit beside the neutral options.
    ['', { name: 'Ada' }],
  ])('rejects an invalid %s', (path, options) => {
    expect(rejectedPaths(contactListOptionsSchema, options)).toEqual([path]);
  });
});
