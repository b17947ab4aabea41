import { fc } from '@fast-check/vitest';
import { plainCopy } from '../../__fixtures__/fuzz-values.js';

/**
 * Generators of valid neutral-model values for the fuzz tests. Each valid generator yields the input
 * as a caller writes it and the output `parseOrThrow` must return (`to` normalized to digits).
 */
export interface Valid<T = unknown> {
  input: T;
  expected: unknown;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** A normalized number: country code first (never 0), 8–15 digits. */
export const phoneDigits: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }),
  )
  .map(([first, rest]) => `${first}${rest.join('')}`);

/** Separators people type inside numbers (some only after NFKC: NBSP, thin and ideographic spaces). */
const SEPARATORS = [
  ' ',
  '-',
  '.',
  '/',
  '(',
  ')',
  '[',
  ']',
  '\t',
  '\u00a0',
  '\u2009',
  '\u202f',
  '\u3000',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
];
/** Invisible marks copy-paste smuggles in: soft hyphen, zero-width characters, bidi marks and isolates. */
const INVISIBLES = [
  '\u00ad',
  '\u061c',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2060',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
];

const gapChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 1, arbitrary: fc.constantFrom(...INVISIBLES) },
);
const gap = fc.array(gapChar, { maxLength: 3 }).map((chars) => chars.join(''));
const invisibleRun = fc.array(fc.constantFrom(...INVISIBLES, ' '), { maxLength: 2 }).map((c) => c.join(''));

/** How the international prefix is written before the digits. */
const PREFIXES = ['+', '00', '', 'tel:+', 'TEL:', 'tel:00', 'whatsapp:+', 'WhatsApp:', 'wa:00', '\uff0b'];

/** A digit as typed, or its full-width form (NFKC folds it back). */
function renderDigit(digit: string, fullWidth: boolean): string {
  return fullWidth ? String.fromCharCode(0xff10 + Number(digit)) : digit;
}

/**
 * A valid number in one of the human forms `parsePhone` accepts, with the digits it stands for:
 * any international prefix, separators and invisible marks between the digits, full-width digits,
 * or the `+44 (0)20 …` trunk-zero form.
 */
export const phoneRendering: fc.Arbitrary<{ text: string; digits: string }> = fc.oneof(
  fc
    .record({
      digits: phoneDigits,
      prefix: fc.constantFrom(...PREFIXES),
      gaps: fc.array(gap, { minLength: 16, maxLength: 16 }),
      fullWidth: fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }),
      lead: invisibleRun,
      trail: invisibleRun,
    })
    .map(({ digits, prefix, gaps, fullWidth, lead, trail }) => {
      let text = `${lead}${prefix}`;
      [...digits].forEach((digit, index) => {
        let before = gaps[index] as string;
        // "(0)" right after the country code is the trunk-zero form, which drops the 0.
        if (digit === '0') before = before.replace(/[([]/g, '');
        text += `${before}${renderDigit(digit, fullWidth[index] === true)}`;
      });
      return { text: `${text}${trail}`, digits };
    }),
  fc
    .record({ digits: phoneDigits, ccLength: fc.integer({ min: 1, max: 3 }), spaced: fc.boolean() })
    .map(({ digits, ccLength, spaced }) => {
      const cc = digits.slice(0, ccLength);
      const rest = digits.slice(ccLength);
      return { text: `+${cc}${spaced ? ' ' : ''}(0)${spaced ? ' ' : ''}${rest}`, digits };
    }),
);

/** Edits that may break a valid number: inserted, deleted or replaced characters, an extension. */
export const phoneMutation: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc
    .tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }))
    .map(([at, inserted]) => (text: string) => {
      const index = at % (text.length + 1);
      return text.slice(0, index) + inserted + text.slice(index);
    }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(([at, count]) => (text: string) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + text.slice(index + count);
  }),
  fc
    .tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
    .map(([at, char]) => (text: string) => {
      const index = at % Math.max(1, text.length);
      return text.slice(0, index) + char + text.slice(index + 1);
    }),
  fc
    .constantFrom(' ext. 12', ' x3', '#44', ';ext=9', ' extension 7', '0', '00000000', '+', 'tel:', '(0)')
    .chain((piece) =>
      fc.boolean().map((atStart) => (text: string) => (atStart ? piece + text : text + piece)),
    ),
  fc.constant((text: string) => text.repeat(2)),
  fc.constant((text: string) => text.normalize('NFD')),
);

// ---------------------------------------------------------------------------------------------
// Text fields

/** A string of 1..`max` UTF-16 units: ASCII, any code points, or exactly at the limit. */
export function text(max: number): fc.Arbitrary<string> {
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

/** A non-empty string without length limit. */
const anyText = text(1000);

/**
 * Keys of a `z.record`: zod drops a `__proto__` key from its output (so it cannot replace the
 * prototype), so a valid record that parses unchanged has none.
 */
function recordKey(key: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return key.filter((value) => value !== '__proto__');
}

/** Optional record fields: each may be absent (never `undefined`). */
function partial<T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) {
  return fc.record(model, { requiredKeys: [] });
}

// ---------------------------------------------------------------------------------------------
// Media, contact cards

const mimeType = fc.stringMatching(/^[a-zA-Z0-9!#$&^_.+-]{1,12}\/[a-zA-Z0-9!#$&^_.+-]{1,12}$/);

export const mediaSource: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true })
    .map((url) => ({
      url,
    })),
  anyText.map((id) => ({ id })),
  fc.record(
    {
      data: fc.oneof(
        { weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 32 }) },
        {
          weight: 1,
          arbitrary: fc.uint8Array({ minLength: 1, maxLength: 32 }).map((bytes) => new Blob([bytes])),
        },
      ),
      mimeType,
      filename: text(240),
    },
    { requiredKeys: ['data', 'mimeType'] },
  ),
);

const optionalText = anyText;
const email = fc.stringMatching(/^[a-z0-9_+-]{1,12}@[a-z0-9][a-z0-9-]{0,10}\.[a-z]{2,6}$/);
const isoDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

export const contactCard: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: fc.record(
      {
        formatted: anyText,
        first: optionalText,
        last: optionalText,
        middle: optionalText,
        prefix: optionalText,
        suffix: optionalText,
      },
      { requiredKeys: ['formatted'] },
    ),
    phones: fc.array(
      fc.record({ phone: anyText, type: optionalText, waId: optionalText }, { requiredKeys: ['phone'] }),
      { maxLength: 3 },
    ),
    emails: fc.array(fc.record({ email, type: optionalText }, { requiredKeys: ['email'] }), { maxLength: 2 }),
    org: partial({ company: optionalText, department: optionalText, title: optionalText }),
    urls: fc.array(fc.record({ url: anyText, type: optionalText }, { requiredKeys: ['url'] }), {
      maxLength: 2,
    }),
    addresses: fc.array(
      partial({
        street: optionalText,
        city: optionalText,
        state: optionalText,
        zip: optionalText,
        country: optionalText,
        countryCode: optionalText,
        type: optionalText,
      }),
      { maxLength: 2 },
    ),
    birthday: isoDate,
  },
  { requiredKeys: ['name'] },
);

// ---------------------------------------------------------------------------------------------
// Templates

export const templateName = fc.stringMatching(/^[a-z0-9_]{1,40}$/);
export const templateLanguage = fc.stringMatching(/^[a-z]{2,3}(?:_[A-Z]{2,4})?$/);

const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true });

const templateHeaderParameter: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('text'), text: anyText, name: anyText }, { requiredKeys: ['type', 'text'] }),
  fc.record({ type: fc.constantFrom('image', 'video'), media: mediaSource }),
  fc.record(
    { type: fc.constant('document'), media: mediaSource, filename: text(240) },
    { requiredKeys: ['type', 'media'] },
  ),
  fc.record(
    { type: fc.constant('location'), latitude, longitude, name: anyText, address: anyText },
    { requiredKeys: ['type', 'latitude', 'longitude'] },
  ),
);

/** A template button's runtime value, without its `index`. */
const templateButtonValue: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  text(1000).map((payload) => ({ type: 'quick_reply', payload })),
  text(2000).map((value) => ({ type: 'url', text: value })),
  text(15).map((code) => ({ type: 'copy_code', code })),
);

/** Up to 10 template buttons with distinct indexes. */
const templateButtons = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }),
    fc.array(templateButtonValue, { minLength: 10, maxLength: 10 }),
  )
  .map(([indexes, values]) => indexes.map((index, position) => ({ ...values[position], index })));

const templateParameters = fc.oneof(
  fc.array(anyText, { maxLength: 5 }),
  fc.dictionary(recordKey(anyText), anyText, { maxKeys: 5 }),
);

export const templateMessage: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: templateName,
    language: templateLanguage,
    parameters: templateParameters,
    header: templateHeaderParameter,
    buttons: templateButtons,
  },
  { requiredKeys: ['name', 'language'] },
);

/** Template body text: chunks without braces around `{{placeholder}}`s, with an example for each. */
const placeholderName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const templateBody: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ text: fc.stringMatching(/^[^{}]{1,200}$/) }),
  fc
    .tuple(
      fc.array(fc.stringMatching(/^[^{}]{0,20}$/), { minLength: 1, maxLength: 6 }),
      fc.option(fc.uniqueArray(placeholderName, { minLength: 6, maxLength: 6 })),
      fc.array(anyText, { minLength: 6, maxLength: 6 }),
    )
    .map(([chunks, names, examples]) => {
      // Named placeholders when names were drawn, else positional {{1}}, {{2}}, …
      const placeholders = chunks.map((_, index) => names?.[index] ?? String(index + 1));
      return {
        text: chunks.map((chunk, index) => `${chunk}{{${placeholders[index]}}}`).join(''),
        examples:
          names === null
            ? examples.slice(0, chunks.length)
            : Object.fromEntries(placeholders.map((name, index) => [name, examples[index]])),
      };
    }),
);

const templateButtonDefinition: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  text(25).map((value) => ({ type: 'quick_reply', text: value })),
  fc.record({ type: fc.constant('url'), text: text(25), url: fc.webUrl() }),
  fc.record({
    type: fc.constant('url'),
    text: text(25),
    url: fc.webUrl().map((url) => `${url}/{{1}}`),
    example: anyText,
  }),
  fc.record({ type: fc.constant('phone_number'), text: text(25), phoneNumber: anyText }),
  text(15).map((example) => ({ type: 'copy_code', example })),
);

export const templateDefinition: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: templateName,
    language: templateLanguage,
    category: fc.constantFrom('marketing', 'utility', 'authentication'),
    header: fc.oneof(
      fc.record({ format: fc.constant('text'), text: fc.stringMatching(/^[^{}]{1,60}$/) }),
      fc.record({ format: fc.constant('text'), text: fc.constant('Hi {{1}}'), example: anyText }),
      fc.record({ format: fc.constantFrom('image', 'video', 'document'), exampleHandle: anyText }),
      fc.constant({ format: 'location' }),
    ),
    body: templateBody,
    footer: fc.record({ text: text(60) }),
    buttons: fc.array(templateButtonDefinition, { maxLength: 10 }),
    allowCategoryChange: fc.boolean(),
  },
  { requiredKeys: ['name', 'language', 'category', 'body'] },
);

/** A template as a provider lists it. */
export const listedTemplate: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    id: fc.string(),
    name: fc.string(),
    language: fc.string(),
    category: fc.constantFrom('marketing', 'utility', 'authentication', 'unknown'),
    status: fc.constantFrom('approved', 'pending', 'rejected', 'paused', 'unknown', 'draft'),
    parameterFormat: fc.constantFrom('positional', 'named'),
    parameterNames: fc.array(fc.string(), { maxLength: 4 }),
    components: fc.array(
      fc.oneof(
        fc.record(
          {
            type: fc.constant('header'),
            format: fc.constantFrom('text', 'image', 'location'),
            text: fc.string(),
          },
          { requiredKeys: ['type', 'format'] },
        ),
        fc.record({ type: fc.constantFrom('body', 'footer'), text: fc.string() }),
        fc.record({
          type: fc.constant('buttons'),
          buttons: fc.array(
            fc.record(
              {
                type: fc.constantFrom(
                  'quick_reply',
                  'url',
                  'phone_number',
                  'copy_code',
                  'otp',
                  'flow',
                  'other',
                ),
                text: fc.string(),
                url: fc.string(),
                phoneNumber: fc.string(),
              },
              { requiredKeys: ['type', 'text'] },
            ),
            { maxLength: 3 },
          ),
        }),
      ),
      { maxLength: 4 },
    ),
    raw: fc.jsonValue({ maxDepth: 3 }),
  },
  {
    requiredKeys: [
      'name',
      'language',
      'category',
      'status',
      'parameterFormat',
      'parameterNames',
      'components',
      'raw',
    ],
  },
);

// ---------------------------------------------------------------------------------------------
// Outbound messages

const EMOJI = ['👍', '❤️', '😂', '🇫🇷', '1️⃣', '#️⃣', '👩‍👩‍👧', '👋🏽', '🏳️‍🌈', '✅', '©️', ''];

/** A message body of `type` (without `to`). */
const messageBody: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    { type: fc.constant('text'), text: text(4096), previewUrl: fc.boolean() },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.record(
    { type: fc.constantFrom('image', 'video'), media: mediaSource, caption: text(1024) },
    { requiredKeys: ['type', 'media'] },
  ),
  fc.record({ type: fc.constantFrom('audio', 'sticker'), media: mediaSource }),
  fc.record(
    { type: fc.constant('document'), media: mediaSource, caption: text(1024), filename: text(240) },
    { requiredKeys: ['type', 'media'] },
  ),
  fc.record(
    { type: fc.constant('location'), latitude, longitude, name: text(1000), address: text(1000) },
    { requiredKeys: ['type', 'latitude', 'longitude'] },
  ),
  fc.record({
    type: fc.constant('contacts'),
    contacts: fc.array(contactCard, { minLength: 1, maxLength: 2 }),
  }),
  fc.record(
    {
      type: fc.constant('buttons'),
      body: text(1024),
      header: text(60),
      footer: text(60),
      buttons: fc
        .uniqueArray(fc.record({ id: text(256), title: text(20) }), {
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
      body: text(1024),
      header: fc.option(text(60), { nil: undefined }),
      footer: fc.option(text(60), { nil: undefined }),
      buttonText: text(20),
      rows: fc.uniqueArray(
        fc.record(
          { id: text(200), title: text(24), description: text(72) },
          { requiredKeys: ['id', 'title'] },
        ),
        { minLength: 1, maxLength: 10, selector: (row) => row.id },
      ),
      cuts: fc.array(fc.nat(), { maxLength: 9 }),
      titles: fc.array(fc.option(text(24), { nil: undefined }), { minLength: 10, maxLength: 10 }),
    })
    .map(({ body, header, footer, buttonText, rows, cuts, titles }) => {
      // Split the rows into sections at the cut points; every section is titled when there are several.
      const points = [...new Set(cuts.map((cut) => 1 + (cut % rows.length)))]
        .filter((point) => point < rows.length)
        .sort((a, b) => a - b);
      const bounds = [0, ...points, rows.length];
      const sections = bounds.slice(1).map((end, index) => {
        const title = titles[index] ?? (bounds.length > 2 ? `section ${index}` : undefined);
        const section: Record<string, unknown> = { rows: rows.slice(bounds[index], end) };
        if (title !== undefined) section.title = title;
        return section;
      });
      const message: Record<string, unknown> = { type: 'list', body, buttonText, sections };
      if (header !== undefined) message.header = header;
      if (footer !== undefined) message.footer = footer;
      return message;
    }),
  fc.record({ type: fc.constant('template'), template: templateMessage }),
  fc.record({ type: fc.constant('reaction'), messageId: anyText, emoji: fc.constantFrom(...EMOJI) }),
  fc.record(
    {
      type: fc.constant('cta_url'),
      body: text(1024),
      header: text(60),
      footer: text(60),
      buttonText: text(20),
      url: fc.webUrl({ validSchemes: ['https', 'http'] }).filter((url) => !url.includes('@')),
    },
    { requiredKeys: ['type', 'body', 'buttonText', 'url'] },
  ),
  fc.record({ type: fc.constant('location_request'), body: text(1024) }),
  fc.record({ type: fc.constant('typing_indicator'), messageId: anyText }),
  fc.record(
    {
      type: fc.constant('product'),
      catalogId: anyText,
      productId: anyText,
      body: text(1024),
      footer: text(60),
    },
    { requiredKeys: ['type', 'catalogId', 'productId'] },
  ),
  fc
    .record({
      catalogId: anyText,
      header: text(60),
      body: text(1024),
      ids: fc.uniqueArray(anyText, { minLength: 1, maxLength: 30 }),
      sections: fc.integer({ min: 1, max: 10 }),
    })
    .map(({ catalogId, header, body, ids, sections }) => {
      const count = Math.min(sections, ids.length);
      const size = Math.ceil(ids.length / count);
      const chunks = Array.from({ length: count }, (_, index) => ids.slice(index * size, (index + 1) * size));
      return {
        type: 'product_list',
        catalogId,
        header,
        body,
        sections: chunks
          .filter((chunk) => chunk.length > 0)
          .map((productIds, index) => ({ title: `section ${index}`, productIds })),
      };
    }),
  fc
    .record(
      {
        body: text(1024),
        byName: fc.boolean(),
        flow: anyText,
        buttonText: text(30),
        flowToken: anyText,
        mode: fc.constantFrom('draft', 'published'),
        screen: anyText,
      },
      { requiredKeys: ['body', 'byName', 'flow', 'buttonText'] },
    )
    .map(({ byName, flow, ...rest }) => ({
      type: 'flow',
      ...rest,
      ...(byName ? { flowName: flow } : { flowId: flow }),
    })),
);

/** A valid outbound message with `to` in any accepted form; `expected` has it normalized. */
/** A business-scoped user id (or parent BSUID) as a recipient: written as is, kept as is. */
const businessScopedUserId = fc
  .tuple(
    fc.constantFrom('US', 'BR', 'IN', 'HK', 'DE'),
    fc.boolean(),
    fc.stringMatching(/^[A-Za-z0-9]{1,128}$/),
  )
  .map(([country, parent, id]) => {
    const value = `${country}.${parent ? 'ENT.' : ''}${id}`;
    return { text: value, digits: value };
  });

export const validOutboundMessage: fc.Arbitrary<Valid> = fc
  .tuple(
    messageBody,
    fc.oneof({ weight: 5, arbitrary: phoneRendering }, { weight: 1, arbitrary: businessScopedUserId }),
    fc.option(anyText, { nil: undefined }),
  )
  .map(([body, phone, replyTo]) => {
    const input: Record<string, unknown> = { ...body, to: phone.text };
    if (replyTo !== undefined) input.replyTo = replyTo;
    return { input, expected: { ...plainCopy(input), to: phone.digits } };
  });

export const validBulkRequest: fc.Arbitrary<Valid> = fc
  .record(
    {
      template: fc.record({ name: templateName, language: templateLanguage }),
      campaign: text(200),
      recipients: fc.array(fc.record({ phone: phoneRendering, parameters: fc.option(templateParameters) }), {
        minLength: 1,
        maxLength: 4,
      }),
    },
    { requiredKeys: ['template', 'recipients'] },
  )
  .map((request) => {
    const recipients = request.recipients.map(({ phone, parameters }) =>
      parameters === null ? { to: phone.text } : { to: phone.text, parameters },
    );
    const input = { ...request, recipients };
    const expected = plainCopy({
      ...request,
      recipients: request.recipients.map(({ phone, parameters }) =>
        parameters === null ? { to: phone.digits } : { to: phone.digits, parameters },
      ),
    });
    return { input, expected };
  });

export const validContactInput: fc.Arbitrary<Valid> = fc
  .record(
    {
      phone: phoneRendering,
      name: text(200),
      attributes: fc.dictionary(recordKey(anyText), fc.string(), { maxKeys: 4 }),
    },
    { requiredKeys: ['phone'] },
  )
  .map(({ phone, ...rest }) => ({
    input: { ...rest, phone: phone.text },
    expected: plainCopy({ ...rest, phone: phone.digits }),
  }));

export const validSendResult: fc.Arbitrary<Valid> = fc
  .record(
    {
      id: fc.string(),
      provider: fc.string(),
      to: phoneDigits,
      status: fc.constant('accepted'),
      providerIds: fc.dictionary(recordKey(fc.string()), fc.string(), { maxKeys: 3 }),
      raw: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: ['id', 'provider', 'to', 'status', 'raw'] },
  )
  .map((input) => ({ input, expected: plainCopy(input) }));

const timestamp = fc.date({ noInvalidDate: true });
const envelope = {
  provider: fc.string(),
  phoneNumberId: fc.string(),
  businessAccountId: fc.string(),
  raw: fc.jsonValue({ maxDepth: 3 }),
};
const envelopeRequired = ['provider', 'raw'] as const;

const inboundContent: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string() }),
  fc.record(
    {
      type: fc.constantFrom('image', 'video', 'audio', 'document', 'sticker'),
      media: fc.record(
        { id: fc.string(), mimeType: fc.string(), sha256: fc.string(), url: fc.string() },
        { requiredKeys: ['id'] },
      ),
      caption: fc.string(),
      filename: fc.string(),
      voice: fc.boolean(),
    },
    { requiredKeys: ['type', 'media'] },
  ),
  fc.record(
    {
      type: fc.constant('location'),
      latitude: fc.double({ noNaN: true, noDefaultInfinity: true }),
      longitude: fc.double({ noNaN: true, noDefaultInfinity: true }),
      name: fc.string(),
    },
    { requiredKeys: ['type', 'latitude', 'longitude'] },
  ),
  fc.record({ type: fc.constant('contacts'), contacts: fc.array(contactCard, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('button_reply'), id: fc.string(), title: fc.string() }),
  fc.record(
    { type: fc.constant('list_reply'), id: fc.string(), title: fc.string(), description: fc.string() },
    { requiredKeys: ['type', 'id', 'title'] },
  ),
  fc.record({ type: fc.constant('reaction'), messageId: fc.string(), emoji: fc.string() }),
  fc.record(
    {
      type: fc.constant('unsupported'),
      raw: fc.jsonValue({ maxDepth: 3 }),
      reason: fc.record(
        { code: fc.oneof(fc.string(), fc.integer()), title: fc.string(), message: fc.string() },
        { requiredKeys: ['code', 'title'] },
      ),
    },
    { requiredKeys: ['type', 'raw'] },
  ),
);

const referral = fc.record(
  {
    sourceId: fc.string(),
    sourceUrl: fc.string(),
    sourceType: fc.string(),
    headline: fc.string(),
    body: fc.string(),
    mediaType: fc.string(),
    imageUrl: fc.string(),
    videoUrl: fc.string(),
    thumbnailUrl: fc.string(),
    ctwaClid: fc.string(),
  },
  { requiredKeys: [] },
);

export const validInboundEvent: fc.Arbitrary<Valid> = fc
  .oneof(
    fc.record(
      {
        kind: fc.constant('message'),
        ...envelope,
        id: fc.string(),
        from: phoneDigits,
        fromUserId: fc.string(),
        fromParentUserId: fc.string(),
        fromUsername: fc.string(),
        timestamp,
        contactName: fc.string(),
        message: inboundContent,
        replyTo: fc.string(),
        providerIds: fc.dictionary(recordKey(fc.string()), fc.string(), { maxKeys: 3 }),
        forwarded: fc.boolean(),
        frequentlyForwarded: fc.boolean(),
        referral,
      },
      { requiredKeys: ['kind', ...envelopeRequired, 'id', 'timestamp', 'message'] },
    ),
    fc.record(
      {
        kind: fc.constant('status'),
        ...envelope,
        messageId: fc.string(),
        providerIds: fc.dictionary(recordKey(fc.string()), fc.string(), { maxKeys: 3 }),
        to: phoneDigits,
        recipientUserId: fc.string(),
        recipientParentUserId: fc.string(),
        recipientUsername: fc.string(),
        status: fc.constantFrom('sent', 'delivered', 'read', 'failed'),
        timestamp,
        error: fc.record(
          {
            code: fc.oneof(fc.string(), fc.integer()),
            title: fc.string(),
            message: fc.string(),
            category: fc.constantFrom(
              'unknown',
              'rate_limited',
              'session_window_closed',
              'invalid_recipient',
            ),
          },
          { requiredKeys: ['code', 'title', 'category'] },
        ),
        pricing: fc.record(
          { billable: fc.boolean(), category: fc.string(), model: fc.string(), type: fc.string() },
          { requiredKeys: [] },
        ),
        conversation: fc.record(
          { id: fc.string(), origin: fc.string(), expiresAt: timestamp },
          { requiredKeys: ['id'] },
        ),
      },
      { requiredKeys: ['kind', ...envelopeRequired, 'messageId', 'providerIds', 'status', 'timestamp'] },
    ),
    fc.record({ kind: fc.constant('unknown'), ...envelope }, { requiredKeys: ['kind', ...envelopeRequired] }),
  )
  .map((input) => ({ input, expected: plainCopy(input) }));

/** Generators whose output parses unchanged. */
export function unchanged(arbitrary: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Valid> {
  return arbitrary.map((input) => ({ input, expected: plainCopy(input) }));
}
