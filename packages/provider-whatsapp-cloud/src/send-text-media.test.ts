import { describe, expect, it } from 'vitest';
import {
  DIRECT_JSON_HEADERS,
  directCloud,
  envelope,
  fixtures,
  PHONE_NUMBER_ID,
  startGraphServer,
  WAMID,
  wire,
} from './__fixtures__/graph-server.js';

const messagesPath = `/v21.0/${PHONE_NUMBER_ID}/messages`;

describe('send: text', () => {
  it('posts the reference text body with preview_url and returns the wamid', async () => {
    await using server = await startGraphServer();
    const result = await directCloud(server).send({
      type: 'text',
      to: '+1 (650) 555-1234',
      text: 'Hello! Check out https://example.com',
      previewUrl: true,
    });

    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: messagesPath,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: {
        ...envelope(),
        type: 'text',
        text: { preview_url: true, body: 'Hello! Check out https://example.com' },
      },
    });
    expect(result).toStrictEqual({
      id: WAMID,
      provider: 'whatsapp-cloud',
      to: '16505551234',
      status: 'accepted',
      providerIds: { wamid: WAMID },
      raw: fixtures.sendMessageResponse,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('sends preview_url false when no preview is asked for', async () => {
    await using server = await startGraphServer();
    await directCloud(server).send({ type: 'text', to: '0016505551234', text: 'Hi' });
    expect(wire(server.requests[0]).body).toStrictEqual({
      ...envelope(),
      type: 'text',
      text: { preview_url: false, body: 'Hi' },
    });
  });

  it('quotes the message it replies to with context.message_id', async () => {
    await using server = await startGraphServer();
    await directCloud(server).send({ type: 'text', to: '16505551234', text: 'Yes', replyTo: 'wamid.QUOTED' });
    expect(wire(server.requests[0]).body).toStrictEqual({
      ...envelope(),
      context: { message_id: 'wamid.QUOTED' },
      type: 'text',
      text: { preview_url: false, body: 'Yes' },
    });
  });
});

describe('send: media by link or id', () => {
  it.each([
    [
      'image by link with caption',
      { type: 'image', media: { url: 'https://example.com/image.jpg' }, caption: 'Check out this image!' },
      { type: 'image', image: { link: 'https://example.com/image.jpg', caption: 'Check out this image!' } },
    ],
    [
      'image by id',
      { type: 'image', media: { id: '1037543291543636' } },
      { type: 'image', image: { id: '1037543291543636' } },
    ],
    [
      'video by link with caption',
      { type: 'video', media: { url: 'https://example.com/video.mp4' }, caption: 'Watch this video' },
      { type: 'video', video: { link: 'https://example.com/video.mp4', caption: 'Watch this video' } },
    ],
    [
      'video by id',
      { type: 'video', media: { id: '1037543291543636' }, caption: 'Demo' },
      { type: 'video', video: { id: '1037543291543636', caption: 'Demo' } },
    ],
    [
      'audio by link',
      { type: 'audio', media: { url: 'https://example.com/audio.mp3' } },
      { type: 'audio', audio: { link: 'https://example.com/audio.mp3' } },
    ],
    [
      'audio by id',
      { type: 'audio', media: { id: '1037543291543636' } },
      { type: 'audio', audio: { id: '1037543291543636' } },
    ],
    [
      'document by link with caption and filename',
      {
        type: 'document',
        media: { url: 'https://example.com/document.pdf' },
        caption: "Here's the document",
        filename: 'report.pdf',
      },
      {
        type: 'document',
        document: {
          link: 'https://example.com/document.pdf',
          caption: "Here's the document",
          filename: 'report.pdf',
        },
      },
    ],
    [
      'document by id',
      { type: 'document', media: { id: '1037543291543636' } },
      { type: 'document', document: { id: '1037543291543636' } },
    ],
    [
      'sticker by link',
      { type: 'sticker', media: { url: 'https://example.com/sticker.webp' } },
      { type: 'sticker', sticker: { link: 'https://example.com/sticker.webp' } },
    ],
    [
      'sticker by id',
      { type: 'sticker', media: { id: '798882015472548' } },
      { type: 'sticker', sticker: { id: '798882015472548' } },
    ],
  ] as const)('%s', async (_label, message, expected) => {
    await using server = await startGraphServer();
    const result = await directCloud(server).send({ to: '16505551234', ...message });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: messagesPath,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: { ...envelope(), ...expected },
    });
    expect(result.id).toBe(WAMID);
    expect(server.requests).toHaveLength(1);
  });
});
