import { type OutboundMessage, ValidationError } from '@switchboard/core';
import type { RecordedRequest } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import {
  DIRECT_HEADERS,
  DIRECT_JSON_HEADERS,
  directCloud,
  envelope,
  MEDIA_ID,
  PHONE_NUMBER_ID,
  startGraphServer,
  WAMID,
  wire,
} from './__fixtures__/graph-server.js';
import { fileBytes, KIB, MIB, webpBytes } from './__fixtures__/media-bytes.js';

/** The parts of an upload, decoded from the raw multipart bytes. */
async function uploadParts(request: RecordedRequest | undefined) {
  if (request === undefined) throw new Error('no upload request');
  const form = await request.multipart();
  const file = form.get('file');
  if (!(file instanceof File)) throw new Error('the file part is missing or not a file');
  return {
    names: [...form.keys()],
    file: { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
    type: form.get('type'),
    messagingProduct: form.get('messaging_product'),
  };
}

const uploadRequest = {
  method: 'POST',
  path: `/v21.0/${PHONE_NUMBER_ID}/media`,
  query: {},
  headers: { ...DIRECT_HEADERS, 'content-type': 'multipart/form-data' },
  body: '<multipart>',
};

describe('send: media given as bytes', () => {
  it('uploads an image (file, type, messaging_product) and then sends it by id', async () => {
    await using server = await startGraphServer();
    const data = fileBytes(2048, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
    const result = await directCloud(server).send({
      type: 'image',
      to: '16505551234',
      media: { data, mimeType: 'image/jpeg', filename: 'photo.jpg' },
      caption: 'Look!',
    });

    expect(server.requests).toHaveLength(2);
    expect(wire(server.requests[0])).toStrictEqual(uploadRequest);
    expect(await uploadParts(server.requests[0])).toStrictEqual({
      names: ['file', 'type', 'messaging_product'],
      file: { name: 'photo.jpg', type: 'image/jpeg', bytes: data },
      type: 'image/jpeg',
      messagingProduct: 'whatsapp',
    });
    expect(wire(server.requests[1])).toStrictEqual({
      method: 'POST',
      path: `/v21.0/${PHONE_NUMBER_ID}/messages`,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: { ...envelope(), type: 'image', image: { id: MEDIA_ID, caption: 'Look!' } },
    });
    expect(result.id).toBe(WAMID);
  });

  it('names an unnamed upload after its type so Meta sees the extension', async () => {
    await using server = await startGraphServer();
    await directCloud(server).send({
      type: 'audio',
      to: '16505551234',
      media: { data: fileBytes(100), mimeType: 'audio/ogg' },
    });
    expect((await uploadParts(server.requests[0])).file.name).toBe('audio.ogg');
    expect(wire(server.requests[1]).body).toStrictEqual({
      ...envelope(),
      type: 'audio',
      audio: { id: MEDIA_ID },
    });
  });

  it('shows the uploaded file name on a document unless the message names it', async () => {
    await using server = await startGraphServer();
    const cloud = directCloud(server);
    const media = { data: fileBytes(64), mimeType: 'application/pdf', filename: 'invoice-42.pdf' };
    await cloud.send({ type: 'document', to: '16505551234', media, caption: 'Your invoice' });
    await cloud.send({ type: 'document', to: '16505551234', media, filename: 'Invoice.pdf' });
    expect(wire(server.requests[1]).body).toStrictEqual({
      ...envelope(),
      type: 'document',
      document: { id: MEDIA_ID, caption: 'Your invoice', filename: 'invoice-42.pdf' },
    });
    expect(wire(server.requests[3]).body).toStrictEqual({
      ...envelope(),
      type: 'document',
      document: { id: MEDIA_ID, filename: 'Invoice.pdf' },
    });
  });

  it('uploads a Blob', async () => {
    await using server = await startGraphServer();
    const bytes = fileBytes(4096, new TextEncoder().encode('....ftypisom'));
    await directCloud(server).send({
      type: 'video',
      to: '16505551234',
      media: { data: new Blob([bytes]), mimeType: 'video/mp4', filename: 'clip.mp4' },
    });
    expect((await uploadParts(server.requests[0])).file).toStrictEqual({
      name: 'clip.mp4',
      type: 'video/mp4',
      bytes,
    });
    expect(wire(server.requests[1]).body).toStrictEqual({
      ...envelope(),
      type: 'video',
      video: { id: MEDIA_ID },
    });
  });

  it('uploads the media of a template header first', async () => {
    await using server = await startGraphServer();
    const data = fileBytes(1024);
    await directCloud(server).send({
      type: 'template',
      to: '16505551234',
      template: {
        name: 'limited_time_offer',
        language: 'en_US',
        header: { type: 'image', media: { data, mimeType: 'image/png' } },
      },
    });
    expect(await uploadParts(server.requests[0])).toStrictEqual({
      names: ['file', 'type', 'messaging_product'],
      file: { name: 'image.png', type: 'image/png', bytes: data },
      type: 'image/png',
      messagingProduct: 'whatsapp',
    });
    expect(wire(server.requests[1]).body).toStrictEqual({
      ...envelope(),
      type: 'template',
      template: {
        name: 'limited_time_offer',
        language: { code: 'en_US' },
        components: [{ type: 'header', parameters: [{ type: 'image', image: { id: MEDIA_ID } }] }],
      },
    });
  });

  it('shows the uploaded file name on a template document header', async () => {
    await using server = await startGraphServer();
    await directCloud(server).send({
      type: 'template',
      to: '16505551234',
      template: {
        name: 'invoice_ready',
        language: 'en',
        header: {
          type: 'document',
          media: { data: fileBytes(64), mimeType: 'application/pdf', filename: 'invoice.pdf' },
        },
        parameters: ['42'],
      },
    });
    expect((await uploadParts(server.requests[0])).file.name).toBe('invoice.pdf');
    expect(wire(server.requests[1]).body).toStrictEqual({
      ...envelope(),
      type: 'template',
      template: {
        name: 'invoice_ready',
        language: { code: 'en' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'document', document: { id: MEDIA_ID, filename: 'invoice.pdf' } }],
          },
          { type: 'body', parameters: [{ type: 'text', text: '42' }] },
        ],
      },
    });
  });

  it.each(['animated', 'static'] as const)('accepts an %s sticker within its limit', async (kind) => {
    await using server = await startGraphServer();
    const size = kind === 'animated' ? 300 * KIB : 100 * KIB;
    const data = webpBytes(kind, size);
    await directCloud(server).send({
      type: 'sticker',
      to: '16505551234',
      media: { data, mimeType: 'image/webp' },
    });
    expect((await uploadParts(server.requests[0])).file).toStrictEqual({
      name: 'sticker.webp',
      type: 'image/webp',
      bytes: data,
    });
    expect(wire(server.requests[1]).body).toStrictEqual({
      ...envelope(),
      type: 'sticker',
      sticker: { id: MEDIA_ID },
    });
  });
});

describe('send: media rejected before any request', () => {
  it.each([
    [
      'an image over 5 MB',
      { type: 'image', media: { data: fileBytes(5 * MIB + 1), mimeType: 'image/jpeg' } },
      'media.data',
    ],
    [
      'a WebP image (stickers only)',
      { type: 'image', media: { data: fileBytes(10), mimeType: 'image/webp' } },
      'media.mimeType',
    ],
    ['a GIF', { type: 'image', media: { data: fileBytes(10), mimeType: 'image/gif' } }, 'media.mimeType'],
    [
      'audio over 16 MB',
      { type: 'audio', media: { data: fileBytes(16 * MIB + 1), mimeType: 'audio/mpeg' } },
      'media.data',
    ],
    [
      'a video in QuickTime',
      { type: 'video', media: { data: fileBytes(10), mimeType: 'video/quicktime' } },
      'media.mimeType',
    ],
    [
      'a CSV document',
      { type: 'document', media: { data: fileBytes(10), mimeType: 'text/csv' } },
      'media.mimeType',
    ],
    [
      'a 300 KB static sticker',
      { type: 'sticker', media: { data: webpBytes('lossy', 300 * KIB), mimeType: 'image/webp' } },
      'media.data',
    ],
    [
      'a 101 KB static extended sticker',
      { type: 'sticker', media: { data: webpBytes('static', 101 * KIB), mimeType: 'image/webp' } },
      'media.data',
    ],
    [
      'a 501 KB animated sticker',
      { type: 'sticker', media: { data: webpBytes('animated', 501 * KIB), mimeType: 'image/webp' } },
      'media.data',
    ],
    [
      'a sticker that is not WebP',
      { type: 'sticker', media: { data: fileBytes(1000), mimeType: 'image/webp' } },
      'media.data',
    ],
    [
      'a template header video over 16 MB',
      {
        type: 'template',
        template: {
          name: 'promo',
          language: 'en',
          header: { type: 'video', media: { data: fileBytes(16 * MIB + 1), mimeType: 'video/mp4' } },
        },
      },
      'template.header.media.data',
    ],
  ])('rejects %s', async (_label, message, field) => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .send({ to: '16505551234', ...message } as OutboundMessage)
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual([field]);
    expect(server.requests).toHaveLength(0);
  });

  it('says why a static sticker is too big', async () => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .send({
        type: 'sticker',
        to: '16505551234',
        media: { data: webpBytes('lossless', 300 * KIB), mimeType: 'image/webp' },
      })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      `Invalid sticker for WhatsApp Cloud: media.data: a static sticker may be at most 100 KB, got ${300 * KIB} bytes`,
    );
  });
});
