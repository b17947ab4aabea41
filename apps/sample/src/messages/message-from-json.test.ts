import { ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { messageFromJson } from './message-from-json.js';

describe('messageFromJson', () => {
  it('decodes base64 media data into bytes, in media and in template headers', () => {
    const message = messageFromJson({
      type: 'image',
      to: '447700900123',
      media: { data: 'aGVs\nbG8=', mimeType: 'image/png' },
    }) as { media: { data: Uint8Array } };
    expect(message.media.data).toStrictEqual(new Uint8Array(Buffer.from('hello')));
    const template = messageFromJson({
      type: 'template',
      to: '447700900123',
      template: {
        name: 'invoice',
        language: 'en',
        header: { type: 'document', media: { data: 'AAEC', mimeType: 'application/pdf' } },
      },
    }) as { template: { header: { media: { data: Uint8Array } } } };
    expect(template.template.header.media.data).toStrictEqual(new Uint8Array([0, 1, 2]));
  });

  it('leaves everything else for the provider to validate', () => {
    const text = { type: 'text', to: '1', text: 'hi' };
    expect(messageFromJson(text)).toStrictEqual(text);
    expect(messageFromJson('not an object')).toBe('not an object');
    expect(messageFromJson({ type: 'image', media: { url: 'https://x.test/a.jpg' } })).toStrictEqual({
      type: 'image',
      media: { url: 'https://x.test/a.jpg' },
    });
  });

  it('names the field when data is not base64', () => {
    const error = (() => {
      try {
        messageFromJson({ type: 'image', media: { data: 'not base64!', mimeType: 'image/png' } });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(ValidationError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'media.data', message: 'must be base64-encoded bytes' },
    ]);
  });
});
