// Fuzz support: outbound messages for the providers' send fuzz tests, valid ones (of every type, with
// every kind of media) and broken ones.
import { fc } from '@fast-check/vitest';
import { type Mutation, mutationOf } from './mutations.js';
import { anyValue } from './raw-requests.js';
import { buildValue, trickyString, valueSpec } from './values.js';

/** A number in one of the forms people write: digits, `+`, spaces and dashes. */
export const phone: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }),
    fc.constantFrom('', '+', '00', '+ '),
    fc.constantFrom('', ' ', '-'),
  )
  .map(([first, rest, prefix, separator]) =>
    `${prefix}${first}${rest.join('')}`.replace(/(\d{3})(?=\d)/, `$1${separator}`),
  );

/** A string of 1..`max` UTF-16 units: short text, any code points, or exactly at the limit. */
export function messageText(max: number): fc.Arbitrary<string> {
  const short = Math.min(max, 24);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: short }) },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'binary', minLength: 1, maxLength: short })
        .map((value) => value.slice(0, max)),
    },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: 1, maxLength: 4 }).map((value) => value.repeat(max).slice(0, max)),
    },
  );
}

const MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'video/3gpp',
  'audio/ogg',
  'audio/mpeg',
  'audio/aac',
  'application/pdf',
  'text/plain',
  'application/octet-stream',
  'image/gif',
  'x/y',
];

/** Bytes that start like a real file of each common type, or anything. */
const fileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  fc.constantFrom(
    Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10),
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '),
    new TextEncoder().encode('%PDF-1.7\n'),
    new TextEncoder().encode('OggS\u0000'),
  ),
);

const mediaSource: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true }).map((url) => ({ url })),
  messageText(64).map((id) => ({ id })),
  fc.record(
    {
      data: fc.oneof(
        { weight: 3, arbitrary: fileBytes },
        { weight: 1, arbitrary: fileBytes.map((bytes) => new Blob([bytes])) },
      ),
      mimeType: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...MIME_TYPES) },
        { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/) },
      ),
      filename: messageText(240),
    },
    { requiredKeys: ['data', 'mimeType'] },
  ),
);

const contactCard: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: fc.record(
      { formatted: messageText(60), first: messageText(20), last: messageText(20) },
      { requiredKeys: ['formatted'] },
    ),
    phones: fc.array(
      fc.record(
        { phone: messageText(20), type: messageText(8), waId: messageText(15) },
        { requiredKeys: ['phone'] },
      ),
      { maxLength: 2 },
    ),
    emails: fc.array(fc.record({ email: fc.stringMatching(/^[a-z0-9]{1,12}@[a-z0-9]{1,12}\.[a-z]{2,6}$/) }), {
      maxLength: 2,
    }),
    org: fc.record({ company: messageText(20) }),
    birthday: fc.constantFrom('1999-01-23', '2000-02-29'),
  },
  { requiredKeys: ['name'] },
);

/** Template names: the fixture templates (which WATI's list names) and any valid name. */
const templateName = fc.oneof(
  fc.constantFrom('update_for_you', 'order_update', 'hello_world'),
  fc.stringMatching(/^[a-z0-9_]{1,40}$/),
);
const templateLanguage = fc.oneof(
  fc.constantFrom('en', 'en_US', 'pt_BR'),
  fc.stringMatching(/^[a-z]{2,3}(?:_[A-Z]{2,4})?$/),
);

const templateMessage: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: templateName,
    language: templateLanguage,
    parameters: fc.oneof(
      fc.array(messageText(40), { maxLength: 4 }),
      fc.dictionary(messageText(12), messageText(40), { maxKeys: 4 }),
    ),
    header: fc.oneof(
      fc.record({ type: fc.constant('text'), text: messageText(60) }),
      fc.record({ type: fc.constantFrom('image', 'video', 'document'), media: mediaSource }),
      fc.record({
        type: fc.constant('location'),
        latitude: fc.double({ min: -90, max: 90, noNaN: true }),
        longitude: fc.double({ min: -180, max: 180, noNaN: true }),
      }),
    ),
    buttons: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }).chain((indexes) =>
      fc.tuple(
        ...indexes.map((index) =>
          fc.oneof(
            messageText(100).map((payload) => ({ type: 'quick_reply', index, payload })),
            messageText(100).map((value) => ({ type: 'url', index, text: value })),
            messageText(15).map((code) => ({ type: 'copy_code', index, code })),
          ),
        ),
      ),
    ),
  },
  { requiredKeys: ['name', 'language'] },
);

const EMOJI = ['👍', '❤️', '😂', '🇫🇷', '👩‍👩‍👧', '👋🏽', ''];

/** A message body of each type (without `to`). */
const messageBody: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    { type: fc.constant('text'), text: messageText(4096), previewUrl: fc.boolean() },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.record(
    { type: fc.constantFrom('image', 'video'), media: mediaSource, caption: messageText(1024) },
    { requiredKeys: ['type', 'media'] },
  ),
  fc.record({ type: fc.constantFrom('audio', 'sticker'), media: mediaSource }),
  fc.record(
    {
      type: fc.constant('document'),
      media: mediaSource,
      caption: messageText(1024),
      filename: messageText(240),
    },
    { requiredKeys: ['type', 'media'] },
  ),
  fc.record(
    {
      type: fc.constant('location'),
      latitude: fc.double({ min: -90, max: 90, noNaN: true }),
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
      name: messageText(100),
      address: messageText(100),
    },
    { requiredKeys: ['type', 'latitude', 'longitude'] },
  ),
  fc.record({
    type: fc.constant('contacts'),
    contacts: fc.array(contactCard, { minLength: 1, maxLength: 2 }),
  }),
  fc.record(
    {
      type: fc.constant('buttons'),
      body: messageText(1024),
      header: messageText(60),
      footer: messageText(60),
      buttons: fc
        .uniqueArray(fc.record({ id: messageText(256), title: messageText(20) }), {
          minLength: 1,
          maxLength: 3,
          selector: (button) => button.id,
        })
        .filter((buttons) => new Set(buttons.map((button) => button.title)).size === buttons.length),
    },
    { requiredKeys: ['type', 'body', 'buttons'] },
  ),
  fc
    .record({
      body: messageText(1024),
      buttonText: messageText(20),
      rows: fc.uniqueArray(
        fc.record(
          { id: messageText(200), title: messageText(24), description: messageText(72) },
          { requiredKeys: ['id', 'title'] },
        ),
        {
          minLength: 1,
          maxLength: 10,
          selector: (row) => row.id,
        },
      ),
      split: fc.nat(),
    })
    .map(({ body, buttonText, rows, split }) => {
      const cut = split % rows.length;
      const sections =
        cut === 0
          ? [{ rows }]
          : [
              { title: 'First', rows: rows.slice(0, cut) },
              { title: 'Second', rows: rows.slice(cut) },
            ];
      return { type: 'list', body, buttonText, sections };
    }),
  fc.record({ type: fc.constant('template'), template: templateMessage }),
  fc.record({ type: fc.constant('reaction'), messageId: messageText(64), emoji: fc.constantFrom(...EMOJI) }),
);

/** A valid message (by core's schema) of any type, to any number, sometimes quoting a message. */
export const validMessage: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    messageBody,
    phone,
    fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: messageText(64) }),
  )
  .map(([body, to, replyTo]) => (replyTo === undefined ? { ...body, to } : { ...body, to, replyTo }));

const MESSAGE_FIELDS = [
  'to',
  'type',
  'text',
  'replyTo',
  'media',
  'url',
  'id',
  'data',
  'mimeType',
  'filename',
  'caption',
  'latitude',
  'longitude',
  'contacts',
  'body',
  'buttons',
  'title',
  'sections',
  'rows',
  'template',
  'name',
  'language',
  'parameters',
  'header',
  'messageId',
  'emoji',
];

/** A valid message with one to three edits: fields dropped, duplicated, retyped, set to anything. */
export const mutatedMessage: fc.Arbitrary<{ message: Record<string, unknown>; mutations: Mutation[] }> =
  fc.record({
    message: validMessage,
    mutations: fc.array(mutationOf(MESSAGE_FIELDS, valueSpec), { minLength: 1, maxLength: 3 }),
  });

/** Anything at all as a message: wrong types, a known type with arbitrary fields, values of any depth. */
export const arbitraryMessage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: anyValue },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'text',
          'image',
          'video',
          'audio',
          'document',
          'sticker',
          'location',
          'contacts',
          'buttons',
          'list',
          'template',
          'reaction',
          'constructor',
          '__proto__',
          '',
        ),
        fc.dictionary(fc.constantFrom(...MESSAGE_FIELDS), fc.oneof(anyValue, trickyString), { maxKeys: 5 }),
        fc.oneof(phone, trickyString, anyValue),
      )
      .map(([type, fields, to]) => ({ ...fields, type, to })),
  },
  {
    weight: 1,
    arbitrary: valueSpec.map((spec) => ({ type: 'text', to: '14155551234', text: buildValue(spec) })),
  },
);

/** Per-call options: provider options for this provider, another one and anything, an idempotency key. */
export const sendOptions = (providerId: string): fc.Arbitrary<Record<string, unknown> | undefined> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          idempotencyKey: fc.string({ maxLength: 40 }),
          providerOptions: fc.oneof(
            fc.dictionary(
              fc.constantFrom(providerId, 'wati', 'whatsapp-cloud', 'other'),
              fc.oneof(anyValue, fc.dictionary(fc.string(), anyValue)),
              { maxKeys: 2 },
            ),
            anyValue,
          ),
        },
        { requiredKeys: [] },
      ),
    },
  );
