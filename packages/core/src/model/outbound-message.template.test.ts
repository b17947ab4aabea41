import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths, validationError } from './__fixtures__/validation.js';
import { type OutboundMessage, outboundMessageSchema } from './outbound-message.js';
import {
  TEMPLATE_LANGUAGE_PATTERN,
  TEMPLATE_NAME_PATTERN,
  templateMessageSchema,
} from './template-message.js';

const to = '+91 98765-43210';

function templateMessage(template: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'template',
    to,
    template: { name: 'order_update', language: 'en_US', ...template },
    ...extra,
  };
}

describe('template messages', () => {
  it('accepts a minimal template send and normalizes `to`', () => {
    const message = {
      type: 'template',
      to,
      template: { name: 'hello_world', language: 'en' },
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '919876543210' });
  });

  it('accepts a maximal template send: parameters, media header, every button kind', () => {
    const message = {
      type: 'template',
      to,
      replyTo: 'wamid.7',
      template: {
        name: 'order_shipped_v2',
        language: 'pt_BR',
        parameters: ['Ada', 'A-1042'],
        header: { type: 'image', media: { url: 'https://cdn.example.com/box.png' } },
        buttons: [
          { type: 'url', index: 0, text: 'A-1042' },
          { type: 'quick_reply', index: 1, payload: 'STOP_UPDATES' },
          { type: 'copy_code', index: 2, code: chars(15, 'C') },
        ],
      },
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '919876543210' });
  });

  it('rejects a missing template on `template`', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'template', to })).toEqual(['template']);
  });

  it.each([
    // A WATI broadcast name is a provider option now (`providerOptions.wati.broadcastName` of send).
    ['', { broadcastName: 'spring' }],
  ])('rejects an invalid %s', (path, extra) => {
    expect(rejectedPaths(outboundMessageSchema, templateMessage({}, extra))).toEqual([path]);
  });
});

describe('template name and language', () => {
  it.each(['a', 'hello_world', 'order_update_2', '2fa_code', chars(512, 'a')])(
    'accepts the name %j',
    (name) => {
      expect(TEMPLATE_NAME_PATTERN.test(name)).toBe(true);
      expect(parseValid(outboundMessageSchema, templateMessage({ name }))).toMatchObject({
        template: { name },
      });
    },
  );

  it.each(['', 'Hello_World', 'order-update', 'order update', 'çava', 'order.update', chars(513, 'a')])(
    'rejects the name %j on template.name',
    (name) => {
      expect(rejectedPaths(outboundMessageSchema, templateMessage({ name }))).toEqual(['template.name']);
    },
  );

  it.each(['en', 'en_US', 'pt_BR', 'zh_HK', 'fil', 'es_MX'])('accepts the language %j', (language) => {
    expect(TEMPLATE_LANGUAGE_PATTERN.test(language)).toBe(true);
    expect(parseValid(outboundMessageSchema, templateMessage({ language }))).toMatchObject({
      template: { language },
    });
  });

  it.each(['', 'EN', 'en-US', 'en_us', 'english', 'e', 'en_'])(
    'rejects the language %j on template.language',
    (language) => {
      expect(rejectedPaths(outboundMessageSchema, templateMessage({ language }))).toEqual([
        'template.language',
      ]);
    },
  );
});

describe('template parameters', () => {
  it('accepts positional parameters', () => {
    const parsed = parseValid(templateMessageSchema, {
      name: 'a',
      language: 'en',
      parameters: ['Ada', '42'],
    });
    expect(parsed.parameters).toEqual(['Ada', '42']);
  });

  it('accepts named parameters', () => {
    const parsed = parseValid(templateMessageSchema, {
      name: 'a',
      language: 'en',
      parameters: { first_name: 'Ada', order_id: '42' },
    });
    expect(parsed.parameters).toEqual({ first_name: 'Ada', order_id: '42' });
  });

  it('rejects an empty positional value on its index', () => {
    const error = validationError(outboundMessageSchema, templateMessage({ parameters: ['Ada', ''] }));
    expect(error.issues).toEqual([
      { path: 'template.parameters.1', message: 'template parameter values must not be empty' },
    ]);
  });

  it('rejects an empty named value on its name', () => {
    const error = validationError(outboundMessageSchema, templateMessage({ parameters: { first_name: '' } }));
    expect(error.issues).toEqual([
      { path: 'template.parameters.first_name', message: 'template parameter values must not be empty' },
    ]);
  });

  it('rejects non-string values', () => {
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ parameters: ['Ada', 42] }))).toEqual([
      'template.parameters.1',
    ]);
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ parameters: { count: 3 } }))).toEqual([
      'template.parameters.count',
    ]);
  });

  it('rejects a single string instead of a list or record', () => {
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ parameters: 'Ada' }))).toEqual([
      'template.parameters',
    ]);
  });
});

describe('template header parameters', () => {
  it.each([
    ['text', { type: 'text', text: 'Order A-1042' }],
    ['image by URL', { type: 'image', media: { url: 'https://cdn.example.com/a.png' } }],
    ['video by id', { type: 'video', media: { id: '998877' } }],
    [
      'document with bytes and filename',
      {
        type: 'document',
        media: { data: new Uint8Array([1]), mimeType: 'application/pdf' },
        filename: 'invoice.pdf',
      },
    ],
    [
      'location',
      { type: 'location', latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Paris' },
    ],
  ])('accepts a %s header', (_label, header) => {
    expect(parseValid(outboundMessageSchema, templateMessage({ header }))).toMatchObject({
      template: { header },
    });
  });

  it.each([
    ['template.header.text', { type: 'text', text: '' }],
    ['template.header.media.url', { type: 'image', media: { url: 'ftp://x.example/a.png' } }],
    ['template.header.media', { type: 'video' }],
    ['template.header.filename', { type: 'document', media: { id: '1' }, filename: chars(241) }],
    ['template.header.latitude', { type: 'location', latitude: 90.5, longitude: 0 }],
    ['template.header.longitude', { type: 'location', latitude: 0, longitude: -181 }],
    ['template.header.type', { type: 'audio', media: { id: '1' } }],
  ])('rejects an invalid header on %s', (path, header) => {
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ header }))).toEqual([path]);
  });

  it('rejects a caption on a header (not part of the header parameter)', () => {
    const header = { type: 'image', media: { id: '1' }, caption: 'no' };
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ header }))).toEqual(['template.header']);
  });
});

describe('template button parameters', () => {
  it('accepts indexes 0 to 9', () => {
    const buttons = Array.from({ length: 10 }, (_, index) => ({
      type: 'quick_reply',
      index,
      payload: `p${index}`,
    }));
    expect(parseValid(outboundMessageSchema, templateMessage({ buttons }))).toMatchObject({
      template: { buttons },
    });
  });

  it('rejects a duplicate index on the later button', () => {
    const buttons = [
      { type: 'url', index: 0, text: 'a' },
      { type: 'quick_reply', index: 0, payload: 'b' },
    ];
    const error = validationError(outboundMessageSchema, templateMessage({ buttons }));
    expect(error.issues).toEqual([
      { path: 'template.buttons.1.index', message: 'button indexes must be unique' },
    ]);
  });

  it.each([-1, 10, 1.5])('rejects the index %s', (index) => {
    const buttons = [{ type: 'quick_reply', index, payload: 'p' }];
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ buttons }))).toEqual([
      'template.buttons.0.index',
    ]);
  });

  it('accepts a copy_code of 15 characters and rejects 16', () => {
    const ok = [{ type: 'copy_code', index: 0, code: chars(15) }];
    const tooLong = [{ type: 'copy_code', index: 0, code: chars(16) }];
    expect(parseValid(outboundMessageSchema, templateMessage({ buttons: ok }))).toMatchObject({
      template: { buttons: ok },
    });
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ buttons: tooLong }))).toEqual([
      'template.buttons.0.code',
    ]);
  });

  it.each([
    ['template.buttons.0.payload', { type: 'quick_reply', index: 0, payload: '' }],
    ['template.buttons.0.payload', { type: 'quick_reply', index: 0, payload: chars(1001) }],
    ['template.buttons.0.text', { type: 'url', index: 0, text: '' }],
    ['template.buttons.0.text', { type: 'url', index: 0, text: chars(2001) }],
    ['template.buttons.0.code', { type: 'copy_code', index: 0, code: '' }],
    ['template.buttons.0.type', { type: 'phone_number', index: 0, text: '1' }],
    ['template.buttons.0', { type: 'url', index: 0, text: 'a', payload: 'b' }],
  ])('rejects an invalid button on %s', (path, button) => {
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ buttons: [button] }))).toEqual([path]);
  });

  it('rejects more than 10 button parameters', () => {
    const buttons = Array.from({ length: 11 }, (_, index) => ({ type: 'url', index: index % 10, text: 'x' }));
    expect(rejectedPaths(outboundMessageSchema, templateMessage({ buttons }))).toContain('template.buttons');
  });
});
