import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import { callGraph, PHONE_NUMBER_ID, uploadMedia, VERSION } from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const emulator = createWhatsAppCloudEmulator({
  phoneNumbers: [
    { id: PHONE_NUMBER_ID, displayPhoneNumber: '+1 555-078-3881', verifiedName: 'Lucky Shrub' },
    { id: '106540352242999', displayPhoneNumber: '+1 555-078-3999', verifiedName: 'Lucky Shrub Support' },
  ],
});
let server: LoopbackServer;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

describe('media endpoints', () => {
  it('uploads a file and describes it with the real sha256 and size', async () => {
    const upload = await uploadMedia(server.url, { bytes: jpeg, type: 'image/jpeg', name: 'photo.jpg' });
    expect(upload.status).toBe(200);
    expect(upload.body).toStrictEqual({ id: expect.stringMatching(/^\d{16}$/) });

    const info = await callGraph(server.url, 'GET', `/${VERSION}/${upload.body.id}`);

    expect(info.status).toBe(200);
    expect(info.body).toStrictEqual({
      messaging_product: 'whatsapp',
      url: `${server.url}/media-download/${upload.body.id}`,
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      file_size: jpeg.byteLength,
      id: upload.body.id,
    });
    expect(emulator.state.media.get(upload.body.id)).toMatchObject({ filename: 'photo.jpg', bytes: jpeg });
  });

  it('serves the bytes at the media URL only with the bearer token', async () => {
    const upload = await uploadMedia(server.url, { bytes: jpeg, type: 'image/jpeg', name: 'photo.jpg' });
    const { body } = await callGraph(server.url, 'GET', `/${VERSION}/${upload.body.id}`);

    const download = await fetch(body.url, { headers: { authorization: 'Bearer test-access-token' } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(jpeg);

    expect(download.headers.get('content-disposition')).toBe('attachment; filename="photo.jpg"');

    const anonymous = await fetch(body.url);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: number } }).error.code).toBe(190);
  });

  it('serves a file whose name is not Latin-1, naming it in filename*', async () => {
    const upload = await uploadMedia(server.url, { bytes: jpeg, type: 'image/jpeg', name: '照片.jpg' });
    const { body } = await callGraph(server.url, 'GET', `/${VERSION}/${upload.body.id}`);

    const download = await fetch(body.url, { headers: { authorization: 'Bearer test-access-token' } });

    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="__.jpg"; filename*=UTF-8''%E7%85%A7%E7%89%87.jpg`,
    );
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(jpeg);
  });

  it('deletes media, after which it is an unknown object', async () => {
    const upload = await uploadMedia(server.url, { bytes: jpeg, type: 'image/png', name: 'a.png' });

    expect((await callGraph(server.url, 'DELETE', `/${VERSION}/${upload.body.id}`)).body).toEqual({
      success: true,
    });

    const again = await callGraph(server.url, 'GET', `/${VERSION}/${upload.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(emulator.state.media.size).toBe(0);
  });

  it('checks which phone number owns the media when phone_number_id is given', async () => {
    const upload = await uploadMedia(server.url, { bytes: jpeg, type: 'image/jpeg', name: 'a.jpg' });
    const own = await callGraph(
      server.url,
      'GET',
      `/${VERSION}/${upload.body.id}?phone_number_id=${PHONE_NUMBER_ID}`,
    );
    expect(own.status).toBe(200);
    const other = await callGraph(
      server.url,
      'GET',
      `/${VERSION}/${upload.body.id}?phone_number_id=106540352242999`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.error_data.details).toMatch(/does not own media/);
  });

  it.each([
    [
      'a MIME type WhatsApp does not take',
      { bytes: jpeg, type: 'image/gif', name: 'a.gif' },
      /one of the following types: audio\/aac.*Received file of type 'image\/gif'/,
    ],
    [
      'an image over 5 MB',
      { bytes: new Uint8Array(5 * 1024 * 1024 + 1), type: 'image/jpeg', name: 'big.jpg' },
      /5242881 bytes is larger than the 5242880 bytes allowed for image/,
    ],
    [
      'a sticker over 500 KB',
      { bytes: new Uint8Array(500 * 1024 + 1), type: 'image/webp', name: 's.webp' },
      /allowed for sticker/,
    ],
    [
      'an empty file',
      { bytes: new Uint8Array(0), type: 'application/pdf', name: 'empty.pdf' },
      /must not be empty/,
    ],
  ])('rejects %s with 131053', async (_name, file, details) => {
    const result = await uploadMedia(server.url, file);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 131053, message: '(#131053) Media upload error' });
    expect(result.body.error.error_data.details).toMatch(details);
    expect(emulator.state.media.size).toBe(0);
  });

  it('accepts audio/ogg with its codecs parameter and documents of every listed type', async () => {
    const voice = await uploadMedia(server.url, {
      bytes: jpeg,
      type: 'audio/ogg; codecs=opus',
      name: 'v.ogg',
    });
    expect(voice.status).toBe(200);
    const sheet = await uploadMedia(server.url, {
      bytes: jpeg,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      name: 'report.xlsx',
    });
    expect(sheet.status).toBe(200);
  });

  it.each([
    ['messaging_product', { messaging_product: null }, 131008, /messaging_product is required/],
    ['type', { type: null }, 131008, /type is required/],
    ['a wrong messaging_product', { messaging_product: 'sms' }, 100, /must be "whatsapp"/],
  ])('rejects an upload without %s', async (_name, fields, code, details) => {
    const result = await uploadMedia(server.url, { bytes: jpeg, type: 'image/jpeg', name: 'a.jpg' }, fields);
    expect(result.body.error.code).toBe(code);
    expect(result.body.error.error_data.details).toMatch(details);
  });

  it('rejects an upload that is not multipart', async () => {
    const result = await callGraph(server.url, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, {
      json: { messaging_product: 'whatsapp', type: 'image/jpeg', file: 'aGVsbG8=' },
    });
    expect(result.body.error.error_data.details).toBe(
      'Expected a multipart/form-data body, got application/json',
    );
  });

  it('rejects a file part missing from the multipart body', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'image/jpeg');
    const result = await callGraph(server.url, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, { form });
    expect(result.body.error).toMatchObject({ code: 131008 });
    expect(result.body.error.error_data.details).toMatch(/file is required/);
  });
});
