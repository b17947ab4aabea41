import { describe, expect, it } from 'vitest';
import { parseValid, rejectedPaths, validationError } from './__fixtures__/validation.js';
import { type ContactCard, contactCardSchema } from './contact-card.js';
import {
  MEDIA_MESSAGE_TYPES,
  OUTBOUND_MESSAGE_TYPES,
  type OutboundMessage,
  outboundMessageSchema,
  type ValidOutboundMessageOf,
} from './outbound-message.js';

const to = '+55 11 91234-5678';

describe('location messages', () => {
  it('accepts a minimal location and normalizes `to`', () => {
    const message = { type: 'location', to, latitude: 0, longitude: 0 } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '5511912345678' });
  });

  it('accepts a maximal location with name, address and replyTo', () => {
    const message = {
      type: 'location',
      to,
      replyTo: 'wamid.5',
      latitude: -23.5613,
      longitude: -46.6565,
      name: 'MASP',
      address: 'Av. Paulista, 1578 - Bela Vista, São Paulo',
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '5511912345678' });
  });

  it.each([
    [-90, -180],
    [90, 180],
    [-90, 180],
    [90, -180],
  ])('accepts the extreme coordinates %s, %s', (latitude, longitude) => {
    expect(parseValid(outboundMessageSchema, { type: 'location', to, latitude, longitude })).toMatchObject({
      latitude,
      longitude,
    });
  });

  it.each([
    ['latitude', { latitude: 90.000001, longitude: 0 }],
    ['latitude', { latitude: -91, longitude: 0 }],
    ['longitude', { latitude: 0, longitude: 180.5 }],
    ['longitude', { latitude: 0, longitude: -181 }],
    ['latitude', { latitude: Number.NaN, longitude: 0 }],
    ['longitude', { latitude: 0, longitude: Number.POSITIVE_INFINITY }],
    ['latitude', { latitude: '48.85', longitude: 0 }],
    ['longitude', { latitude: 0 }],
  ])('rejects an out-of-range or non-numeric %s', (path, coordinates) => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'location', to, ...coordinates })).toEqual([path]);
  });

  it('rejects an empty name or address', () => {
    const message = { type: 'location', to, latitude: 1, longitude: 1, name: '', address: '' };
    expect(rejectedPaths(outboundMessageSchema, message).sort()).toEqual(['address', 'name']);
  });
});

const fullCard = {
  name: {
    formatted: 'Dr. Jane Q. Doe Jr.',
    first: 'Jane',
    last: 'Doe',
    middle: 'Q.',
    prefix: 'Dr.',
    suffix: 'Jr.',
  },
  phones: [
    { phone: '+1 (415) 555-1234', type: 'CELL', waId: '14155551234' },
    { phone: '020 7946 0958', type: 'WORK' },
  ],
  emails: [{ email: 'jane@example.com', type: 'WORK' }],
  org: { company: 'Example Inc.', department: 'Research', title: 'Director' },
  urls: [{ url: 'https://example.com/jane', type: 'WORK' }],
  addresses: [
    {
      street: '1 Market St',
      city: 'San Francisco',
      state: 'CA',
      zip: '94105',
      country: 'United States',
      countryCode: 'US',
      type: 'WORK',
    },
  ],
  birthday: '1990-02-28',
} satisfies ContactCard;

describe('contacts messages', () => {
  it('accepts a minimal card (formatted name only) and normalizes `to`', () => {
    const message = {
      type: 'contacts',
      to,
      contacts: [{ name: { formatted: 'Jane' } }],
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '5511912345678' });
  });

  it('accepts a maximal card with every field, keeping card phones as written', () => {
    const message = {
      type: 'contacts',
      to,
      replyTo: 'wamid.6',
      contacts: [fullCard, fullCard],
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '5511912345678' });
  });

  it('rejects an empty list of contacts', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'contacts', to, contacts: [] })).toEqual([
      'contacts',
    ]);
  });

  it.each([
    ['contacts.0.name.formatted', { name: { formatted: '' } }],
    ['contacts.0.name.formatted', { name: { first: 'Jane' } }],
    ['contacts.0.name', {}],
    ['contacts.0.name.first', { name: { formatted: 'Jane', first: '' } }],
    ['contacts.0.phones.0.phone', { name: { formatted: 'Jane' }, phones: [{ phone: '' }] }],
    ['contacts.0.emails.0.email', { name: { formatted: 'Jane' }, emails: [{ email: 'not-an-email' }] }],
    ['contacts.0.urls.0.url', { name: { formatted: 'Jane' }, urls: [{ url: '' }] }],
    ['contacts.0.birthday', { name: { formatted: 'Jane' }, birthday: '1990-13-01' }],
    ['contacts.0.birthday', { name: { formatted: 'Jane' }, birthday: '28/02/1990' }],
    ['contacts.0', { name: { formatted: 'Jane' }, nickname: 'JJ' }],
    ['contacts.0.org', { name: { formatted: 'Jane' }, org: { company: 'X', ceo: 'Y' } }],
  ])('rejects an invalid card on %s', (path, card) => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'contacts', to, contacts: [card] })).toEqual([path]);
  });

  it('validates a ContactCard on its own', () => {
    expect(contactCardSchema.parse(fullCard)).toEqual(fullCard);
  });
});

describe('reaction messages', () => {
  const reaction = (emoji: unknown) => ({ type: 'reaction', to, messageId: 'wamid.HBgM', emoji });

  it('accepts a minimal reaction and normalizes `to`', () => {
    const message = { type: 'reaction', to, messageId: 'wamid.HBgM', emoji: '👍' } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '5511912345678' });
  });

  it('accepts a reaction with replyTo', () => {
    const message = { ...reaction('❤️'), replyTo: 'wamid.prev' };
    expect(parseValid(outboundMessageSchema, message)).toMatchObject({ emoji: '❤️', replyTo: 'wamid.prev' });
  });

  it.each([
    ['a simple emoji', '😀'],
    ['a text-style pictograph', '❤'],
    ['an emoji with presentation selector', '❤️'],
    ['a flag', '🇫🇷'],
    ['a subdivision flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['a keycap', '1️⃣'],
    ['a # keycap', '#️⃣'],
    ['a ZWJ family', '👨‍👩‍👧'],
    ['a skin tone', '👍🏽'],
    ['a ZWJ sequence with skin tone', '🧑🏽‍💻'],
    ['the empty string (removes the reaction)', ''],
  ])('accepts %s', (_label, emoji) => {
    expect(parseValid(outboundMessageSchema, reaction(emoji))).toMatchObject({ emoji });
  });

  it.each([
    ['two emojis', '👍👍'],
    ['an emoji and text', '👍 ok'],
    ['a letter', 'a'],
    ['a word', 'ok'],
    ['a digit', '1'],
    ['a lone regional indicator', '🇫'],
    ['a keycap mark on a letter', 'a\u20e3'],
    ['a bare keycap mark', '\u20e3'],
    ['a space', ' '],
    ['two flags', '🇫🇷🇩🇪'],
  ])('rejects %s on emoji', (_label, emoji) => {
    const error = validationError(outboundMessageSchema, reaction(emoji));
    expect(error.issues).toEqual([{ path: 'emoji', message: 'must be a single emoji, or empty to remove' }]);
  });

  it('requires a non-empty messageId and an emoji', () => {
    expect(
      rejectedPaths(outboundMessageSchema, { type: 'reaction', to, messageId: '', emoji: '👍' }),
    ).toEqual(['messageId']);
    expect(rejectedPaths(outboundMessageSchema, { type: 'reaction', to, messageId: 'm' })).toEqual(['emoji']);
  });
});

/** An outbound message without `to`, per variant. */
type WithoutTo<T> = T extends unknown ? Omit<T, 'to'> : never;

describe('every variant', () => {
  const minimal: { [K in OutboundMessage['type']]: WithoutTo<Extract<OutboundMessage, { type: K }>> } = {
    text: { type: 'text', text: 'hi' },
    image: { type: 'image', media: { id: '1' } },
    video: { type: 'video', media: { id: '1' } },
    audio: { type: 'audio', media: { id: '1' } },
    document: { type: 'document', media: { id: '1' } },
    sticker: { type: 'sticker', media: { id: '1' } },
    location: { type: 'location', latitude: 1, longitude: 2 },
    contacts: { type: 'contacts', contacts: [{ name: { formatted: 'Jane' } }] },
    buttons: { type: 'buttons', body: 'b', buttons: [{ id: 'a', title: 'A' }] },
    list: { type: 'list', body: 'b', buttonText: 'Menu', sections: [{ rows: [{ id: 'r', title: 'R' }] }] },
    template: { type: 'template', template: { name: 'hello_world', language: 'en' } },
    reaction: { type: 'reaction', messageId: 'wamid.1', emoji: '👍' },
    cta_url: { type: 'cta_url', body: 'b', buttonText: 'Open', url: 'https://example.com/a' },
    location_request: { type: 'location_request', body: 'Where are you?' },
    typing_indicator: { type: 'typing_indicator', messageId: 'wamid.1' },
    product: { type: 'product', catalogId: 'c1', productId: 'p1' },
    product_list: {
      type: 'product_list',
      catalogId: 'c1',
      header: 'Our picks',
      body: 'b',
      sections: [{ productIds: ['p1'] }],
    },
    flow: { type: 'flow', body: 'b', flowId: '123', buttonText: 'Sign up' },
  };

  it.each(Object.values(minimal))('$type normalizes `to` and keeps replyTo', (message) => {
    const parsed = parseValid(outboundMessageSchema, {
      ...message,
      to: '+33 6 12 34 56 78',
      replyTo: 'wamid.r',
    });
    expect(parsed).toEqual({ ...message, to: '33612345678', replyTo: 'wamid.r' });
  });

  it.each(Object.values(minimal))('$type rejects an invalid `to` on `to`', (message) => {
    expect(rejectedPaths(outboundMessageSchema, { ...message, to: '06 12 34 56 78' })).toEqual(['to']);
  });

  it('lists every media type', () => {
    expect([...MEDIA_MESSAGE_TYPES]).toEqual(['image', 'video', 'audio', 'document', 'sticker']);
  });

  it('gives adapters the validated variant type', () => {
    const parsed = parseValid(outboundMessageSchema, { type: 'text', to: '+1 415 555 1234', text: 'hi' });
    if (parsed.type !== 'text') throw new Error('expected a text message');
    const text: ValidOutboundMessageOf<'text'> = parsed;
    expect(text.text).toBe('hi');
  });
});

describe('OUTBOUND_MESSAGE_TYPES', () => {
  it('lists exactly the variants of outboundMessageSchema', () => {
    const variants = outboundMessageSchema.def.options.map((option) => option.shape.type.def.values[0]);
    expect([...OUTBOUND_MESSAGE_TYPES].sort()).toEqual([...variants].sort());
  });
});
