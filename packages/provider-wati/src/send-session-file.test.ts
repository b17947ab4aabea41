import { ApiError, type TransportHooks, UnsupportedFeatureError, ValidationError } from '@switchboard/core';
import { faults, type LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT, TOKEN, UUID, wire } from './__fixtures__/wati-server.js';

// WATI's answer to a file send, as one production client records it (`result` true, `message` a string or object).
const FILE_RESPONSE = {
  result: true,
  message: { id: '6940a1b2c3d4e5f601234567', whatsappMessageId: 'wamid.FILE1', type: 'image' },
  ticketStatus: 'OPEN',
};
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');
const OGG = new TextEncoder().encode('OggS\0\x02voice');

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v1/sendSessionFile/:number`, () => HttpResponse.json(FILE_RESPONSE)),
    http.post(`${TENANT}/api/v1/sendSessionFileViaUrl/:number`, () => HttpResponse.json(FILE_RESPONSE)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

async function filePart(index = 0): Promise<{ names: string[]; file: File }> {
  const form = await server.requests[index]?.multipart();
  if (form === undefined) throw new Error('no request');
  return { names: [...form.keys()], file: form.get('file') as File };
}

describe('send media as bytes (sendSessionFile)', () => {
  it('uploads an image as multipart part "file" with its file name and type, caption in the query', async () => {
    const result = await directWati(server).send({
      to: '14155551234',
      type: 'image',
      media: { data: JPEG, mimeType: 'image/jpeg', filename: 'shop.jpg' },
      caption: 'Our new shop front',
    });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/sendSessionFile/14155551234`,
      query: { caption: 'Our new shop front' },
      contentType: 'multipart/form-data',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    const { names, file } = await filePart();
    expect(names).toStrictEqual(['file']);
    expect({
      name: file.name,
      type: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    }).toStrictEqual({
      name: 'shop.jpg',
      type: 'image/jpeg',
      bytes: JPEG,
    });
    expect(result).toStrictEqual({
      id: '6940a1b2c3d4e5f601234567',
      provider: 'wati',
      to: '14155551234',
      status: 'accepted',
      providerIds: { id: '6940a1b2c3d4e5f601234567', whatsappMessageId: 'wamid.FILE1' },
      raw: FILE_RESPONSE,
    });
  });

  it('names a document without a file name after its type and shows that name as the caption', async () => {
    await directWati(server).send({
      to: '14155551234',
      type: 'document',
      media: { data: PDF, mimeType: 'application/pdf' },
    });
    expect(wire(server.requests[0]).query).toStrictEqual({ caption: 'document.pdf' });
    expect((await filePart()).file.name).toBe('document.pdf');
  });

  it("prefers the document's filename, used as the caption when there is none", async () => {
    await directWati(server).send({
      to: '14155551234',
      type: 'document',
      media: {
        data: new Blob([PDF], { type: 'application/pdf' }),
        mimeType: 'application/pdf',
        filename: 'ignored.pdf',
      },
      filename: 'Invoice_October.pdf',
    });
    expect(wire(server.requests[0]).query).toStrictEqual({ caption: 'Invoice_October.pdf' });
    expect((await filePart()).file.name).toBe('Invoice_October.pdf');
  });

  it('sends audio without a caption and invents its file name from the MIME type', async () => {
    await directWati(server).send({
      to: '14155551234',
      type: 'audio',
      media: { data: OGG, mimeType: 'audio/ogg' },
    });
    expect(wire(server.requests[0]).query).toStrictEqual({});
    const { file } = await filePart();
    expect({ name: file.name, type: file.type }).toStrictEqual({ name: 'audio.ogg', type: 'audio/ogg' });
  });

  it('takes the id from a string `result` and falls back to a generated id without one', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendSessionFile/:number`, () =>
        HttpResponse.json({ result: '6940ffee0011223344556677' }),
      ),
    );
    const withId = await directWati(server).send({
      to: '14155551234',
      type: 'video',
      media: { data: new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]), mimeType: 'video/mp4' },
    });
    expect(withId.id).toBe('6940ffee0011223344556677');
    server.use(
      http.post(`${TENANT}/api/v1/sendSessionFile/:number`, () =>
        HttpResponse.json({ result: true, message: 'Sent' }),
      ),
    );
    const without = await directWati(server).send({
      to: '14155551234',
      type: 'image',
      media: { data: JPEG, mimeType: 'image/jpeg' },
    });
    expect(without.id).toMatch(UUID);
    expect(without.providerIds).toBeUndefined();
  });

  it('reports "Ticket has been expired." in `message` as session_window_closed', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendSessionFile/:number`, () =>
        HttpResponse.json({ result: false, message: 'Ticket has been expired.', ticketStatus: 'EXPIRED' }),
      ),
    );
    const error = await directWati(server)
      .send({ to: '14155551234', type: 'image', media: { data: JPEG, mimeType: 'image/jpeg' } })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'session_window_closed', status: 200 });
  });

  it('refuses a type or size WhatsApp does not take before any request', async () => {
    const error = await directWati(server)
      .send({ to: '14155551234', type: 'image', media: { data: JPEG, mimeType: 'image/gif' } })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['media.mimeType']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('send media by URL (sendSessionFileViaUrl)', () => {
  it('puts fileUrl and caption in the query and sends no body', async () => {
    await directWati(server).send({
      to: '14155551234',
      type: 'video',
      media: { url: 'https://cdn.example.com/clips/launch video.mp4?sig=a&b=c' },
      caption: 'Launch day',
    });
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/sendSessionFileViaUrl/14155551234`,
      query: { fileUrl: 'https://cdn.example.com/clips/launch video.mp4?sig=a&b=c', caption: 'Launch day' },
      contentType: undefined,
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(request?.body.byteLength).toBe(0);
  });

  it('keeps a signed file URL and the caption out of errors and hook events', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendSessionFileViaUrl/:number`, () =>
        faults.status(400, { body: { title: 'Bad Request' } }),
      ),
      http.post(`${TENANT}/api/v1/sendSessionFile/:number`, () =>
        HttpResponse.json({ result: false, info: 'Ticket has been expired.' }),
      ),
    );
    const events: unknown[] = [];
    const hooks: TransportHooks = {
      onRequest: (event) => events.push(event),
      onResponse: (event) => events.push(event),
    };
    const provider = directWati(server, { hooks });
    const fileUrl = 'https://files.example.com/scan.jpg?X-Amz-Signature=f00dfacec0ffee';
    const errors = [
      await provider
        .send({ to: '14155551234', type: 'image', media: { url: fileUrl }, caption: 'Private scan 7731' })
        .catch((caught: unknown) => caught),
      await provider
        .send({
          to: '14155551234',
          type: 'image',
          media: { data: JPEG, mimeType: 'image/jpeg' },
          caption: 'Private scan 7731',
        })
        .catch((caught: unknown) => caught),
    ] as ApiError[];
    expect(errors.map((error) => error.status)).toStrictEqual([400, 200]);
    expect(events).toHaveLength(4);
    const shown = JSON.stringify([errors.map((error) => error.toJSON()), events]);
    expect(shown).not.toContain('f00dfacec0ffee');
    expect(shown).not.toContain('7731');
    expect(server.requests.map((request) => request.query.get('caption'))).toStrictEqual([
      'Private scan 7731',
      'Private scan 7731',
    ]);
    expect(server.requests[0]?.query.get('fileUrl')).toBe(fileUrl);
  });

  it("uses a document's filename as its caption", async () => {
    await directWati(server).send({
      to: '14155551234',
      type: 'document',
      media: { url: 'https://cdn.example.com/a.pdf' },
      filename: 'Terms.pdf',
    });
    expect(wire(server.requests[0]).query).toStrictEqual({
      fileUrl: 'https://cdn.example.com/a.pdf',
      caption: 'Terms.pdf',
    });
  });
});

describe('media WATI cannot send', () => {
  it('refuses media ids (WATI has none) before any request', async () => {
    const provider = directWati(server);
    expect(provider.capabilities.has('send.media.id')).toBe(false);
    const error = await provider
      .send({ to: '14155551234', type: 'image', media: { id: 'data/images/x.jpg' } })
      .catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability: 'send.media.id', provider: 'wati' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses stickers before any request', async () => {
    const error = await directWati(server)
      .send({
        to: '14155551234',
        type: 'sticker',
        media: { data: new Uint8Array([1]), mimeType: 'image/webp' },
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'UnsupportedFeatureError', capability: 'send.sticker' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses replyTo on media, which WATI cannot quote', async () => {
    await expect(
      directWati(server).send({
        to: '14155551234',
        type: 'image',
        media: { url: 'https://cdn.example.com/a.jpg' },
        replyTo: 'wamid.X',
      }),
    ).rejects.toMatchObject({ name: 'ValidationError', fields: ['replyTo'] });
    expect(server.requests).toHaveLength(0);
  });
});
