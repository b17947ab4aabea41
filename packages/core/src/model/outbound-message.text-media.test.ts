import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths, validationError } from './__fixtures__/validation.js';
import { byteLength, mediaSourceSchema } from './media.js';
import { MESSAGE_LIMITS, type OutboundMessage, outboundMessageSchema } from './outbound-message.js';

const to = '+1 (415) 555-1234';
const image = { url: 'https://cdn.example.com/cat.jpg' };

describe('text messages', () => {
  it('accepts a minimal message and normalizes `to`', () => {
    const message = { type: 'text', to, text: 'a' } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({
      type: 'text',
      to: '14155551234',
      text: 'a',
    });
  });

  it('accepts a maximal message with 4096 characters, previewUrl and replyTo', () => {
    const message = {
      type: 'text',
      to: '0014155551234',
      text: chars(MESSAGE_LIMITS.textMaxLength),
      previewUrl: true,
      replyTo: 'wamid.HBgLMTQxNTU1NTEyMzQVAgARGBI',
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '14155551234' });
  });

  it('rejects empty text', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'text', to, text: '' })).toEqual(['text']);
  });

  it('rejects 4097 characters of text', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'text', to, text: chars(4097) })).toEqual(['text']);
  });

  it('rejects a non-boolean previewUrl', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'text', to, text: 'hi', previewUrl: 'yes' })).toEqual(
      ['previewUrl'],
    );
  });

  it('rejects an empty replyTo', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'text', to, text: 'hi', replyTo: '' })).toEqual([
      'replyTo',
    ]);
  });

  it('rejects a missing or invalid recipient on `to`', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'text', text: 'hi' })).toEqual(['to']);
    const error = validationError(outboundMessageSchema, { type: 'text', to: '020 7946 0958', text: 'hi' });
    expect(error.issues).toEqual([{ path: 'to', message: expect.stringContaining('country code') }]);
  });

  it('rejects unknown keys, naming them', () => {
    const error = validationError(outboundMessageSchema, { type: 'text', to, text: 'hi', bold: true });
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('"bold"') }]);
  });

  it('reports every offending field at once', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'text', to: 'nope', text: '' }).sort()).toEqual([
      'text',
      'to',
    ]);
  });

  it('rejects an unknown message type on `type`', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'poll', to })).toEqual(['type']);
    expect(rejectedPaths(outboundMessageSchema, { to, text: 'hi' })).toEqual(['type']);
  });
});

describe.each(['image', 'video', 'document'] as const)('%s messages', (type) => {
  it('accepts a minimal message with a media URL and normalizes `to`', () => {
    const message = { type, to, media: image } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ type, to: '14155551234', media: image });
  });

  it('accepts a caption of exactly 1024 characters and replyTo', () => {
    const message = {
      type,
      to,
      media: { id: '1234567890' },
      caption: chars(MESSAGE_LIMITS.captionMaxLength),
      replyTo: 'wamid.1',
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '14155551234' });
  });

  it('rejects a caption of 1025 characters', () => {
    expect(rejectedPaths(outboundMessageSchema, { type, to, media: image, caption: chars(1025) })).toEqual([
      'caption',
    ]);
  });

  it('rejects an empty caption', () => {
    expect(rejectedPaths(outboundMessageSchema, { type, to, media: image, caption: '' })).toEqual([
      'caption',
    ]);
  });

  it('rejects a missing media source', () => {
    expect(rejectedPaths(outboundMessageSchema, { type, to })).toEqual(['media']);
  });
});

describe('document messages', () => {
  it('accepts a maximal document with bytes, a caption and a 240-character filename', () => {
    const message = {
      type: 'document',
      to,
      media: { data: new Uint8Array([37, 80, 68, 70]), mimeType: 'application/pdf', filename: 'upload.pdf' },
      caption: 'Your invoice',
      filename: chars(240),
      replyTo: 'wamid.2',
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '14155551234' });
  });

  it('rejects a filename of 241 characters', () => {
    expect(
      rejectedPaths(outboundMessageSchema, { type: 'document', to, media: image, filename: chars(241) }),
    ).toEqual(['filename']);
  });
});

describe('filename is only for documents', () => {
  it.each(['image', 'video', 'audio', 'sticker'])('rejects filename on %s', (type) => {
    const error = validationError(outboundMessageSchema, { type, to, media: image, filename: 'a.bin' });
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('"filename"') }]);
  });
});

describe.each(['audio', 'sticker'] as const)('%s messages', (type) => {
  it('accepts a minimal message and normalizes `to`', () => {
    const message = { type, to, media: { id: 'media-1' } } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({
      type,
      to: '14155551234',
      media: { id: 'media-1' },
    });
  });

  it('accepts a maximal message with bytes and replyTo', () => {
    const message = {
      type,
      to,
      media: {
        data: Buffer.from('RIFF'),
        mimeType: type === 'audio' ? 'audio/ogg' : 'image/webp',
        filename: 'x',
      },
      replyTo: 'wamid.3',
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '14155551234' });
  });

  it('rejects a caption as an unrecognized key', () => {
    const error = validationError(outboundMessageSchema, { type, to, media: image, caption: 'no' });
    expect(error.issues).toEqual([{ path: '', message: expect.stringContaining('"caption"') }]);
  });
});

describe('media sources', () => {
  const imageWith = (media: unknown) => ({ type: 'image', to, media });

  it('accepts http and https URLs', () => {
    expect(parseValid(outboundMessageSchema, imageWith({ url: 'http://example.com/a.png' }))).toMatchObject({
      media: { url: 'http://example.com/a.png' },
    });
    expect(parseValid(mediaSourceSchema, { url: 'https://example.com/a.png?sig=1' })).toEqual({
      url: 'https://example.com/a.png?sig=1',
    });
  });

  it.each(['ftp://example.com/a.png', 'file:///etc/passwd', 'example.com/a.png', 'https://', ''])(
    'rejects the URL %j on media.url',
    (url) => {
      expect(rejectedPaths(outboundMessageSchema, imageWith({ url }))).toEqual(['media.url']);
    },
  );

  it('names the accepted protocols for an ftp URL', () => {
    const error = validationError(outboundMessageSchema, imageWith({ url: 'ftp://example.com/a.png' }));
    expect(error.issues).toEqual([{ path: 'media.url', message: 'must be an http(s) URL' }]);
  });

  it('accepts a provider media id and rejects an empty one on media.id', () => {
    expect(parseValid(mediaSourceSchema, { id: '1013859600285441' })).toEqual({ id: '1013859600285441' });
    expect(rejectedPaths(outboundMessageSchema, imageWith({ id: '' }))).toEqual(['media.id']);
  });

  it('accepts bytes as a Uint8Array, a Node Buffer, a Blob and a File', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    for (const data of [
      bytes,
      Buffer.from(bytes),
      new Blob([bytes], { type: 'image/jpeg' }),
      new File([bytes], 'cat.jpg', { type: 'image/jpeg' }),
    ]) {
      const parsed = parseValid(outboundMessageSchema, imageWith({ data, mimeType: 'image/jpeg' }));
      expect(parsed).toMatchObject({ media: { data, mimeType: 'image/jpeg' } });
    }
  });

  it('keeps the very same bytes object (no copy)', () => {
    const data = new Uint8Array([1, 2, 3]);
    const parsed = parseValid(mediaSourceSchema, { data, mimeType: 'image/png' });
    expect('data' in parsed && parsed.data).toBe(data);
  });

  it('rejects empty bytes on media.data', () => {
    for (const data of [new Uint8Array(0), Buffer.alloc(0), new Blob([])]) {
      const error = validationError(outboundMessageSchema, imageWith({ data, mimeType: 'image/png' }));
      expect(error.issues).toEqual([{ path: 'media.data', message: 'must not be empty' }]);
    }
  });

  it.each([
    ['a string', 'aGVsbG8='],
    ['an ArrayBuffer', new ArrayBuffer(4)],
    ['an array of numbers', [1, 2, 3]],
  ])('rejects %s as bytes on media.data', (_label, data) => {
    const error = validationError(outboundMessageSchema, imageWith({ data, mimeType: 'image/png' }));
    expect(error.issues).toEqual([{ path: 'media.data', message: 'must be a Uint8Array or a Blob' }]);
  });

  it('requires a mimeType with bytes', () => {
    expect(rejectedPaths(outboundMessageSchema, imageWith({ data: new Uint8Array([1]) }))).toEqual([
      'media.mimeType',
    ]);
  });

  it.each(['jpeg', 'image/', 'image/jpeg; charset=binary', 'image jpeg'])(
    'rejects the MIME type %j',
    (mimeType) => {
      expect(
        rejectedPaths(outboundMessageSchema, imageWith({ data: new Uint8Array([1]), mimeType })),
      ).toEqual(['media.mimeType']);
    },
  );

  it('rejects a filename of 241 characters on bytes', () => {
    const media = { data: new Uint8Array([1]), mimeType: 'image/png', filename: chars(241) };
    expect(rejectedPaths(outboundMessageSchema, imageWith(media))).toEqual(['media.filename']);
  });

  it.each([
    ['url and id', { url: 'https://example.com/a.png', id: '123' }],
    ['id and data', { id: '123', data: new Uint8Array([1]), mimeType: 'image/png' }],
    ['url and data', { url: 'https://example.com/a.png', data: new Uint8Array([1]), mimeType: 'image/png' }],
  ])('rejects %s together (exactly one source) on media', (_label, media) => {
    const error = validationError(outboundMessageSchema, imageWith(media));
    expect(error.issues).toEqual([
      { path: 'media', message: expect.stringMatching(/^Unrecognized keys?: "/) },
    ]);
  });

  it('rejects an empty media object', () => {
    const error = validationError(outboundMessageSchema, imageWith({}));
    expect(error.issues.map((issue) => issue.path)).toEqual(['media.url']);
  });

  it('byteLength measures Uint8Arrays and Blobs', () => {
    expect(byteLength(new Uint8Array(7))).toBe(7);
    expect(byteLength(new Blob(['héllo']))).toBe(6);
  });
});
