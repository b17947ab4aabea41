import { ApiError, ValidationError } from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DIRECT_HEADERS,
  directCloud,
  fixtures,
  MEDIA_ID,
  PHONE_NUMBER_ID,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';
import { fileBytes, KIB, webpBytes } from './__fixtures__/media-bytes.js';

describe('media.upload', () => {
  it('uploads multipart file, type and messaging_product and returns the id', async () => {
    await using server = await startGraphServer();
    const data = fileBytes(512, new TextEncoder().encode('%PDF-1.7'));
    const result = await directCloud(server).media.upload({
      data,
      mimeType: 'application/pdf',
      filename: 'receipt.pdf',
    });

    expect(result).toStrictEqual({ id: MEDIA_ID });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `/v21.0/${PHONE_NUMBER_ID}/media`,
      query: {},
      headers: { ...DIRECT_HEADERS, 'content-type': 'multipart/form-data' },
      body: '<multipart>',
    });
    const form = await server.requests[0]?.multipart();
    const file = form?.get('file') as File;
    expect([...(form?.keys() ?? [])]).toEqual(['file', 'type', 'messaging_product']);
    expect({
      name: file.name,
      type: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    }).toStrictEqual({
      name: 'receipt.pdf',
      type: 'application/pdf',
      bytes: data,
    });
    expect(form?.get('type')).toBe('application/pdf');
    expect(form?.get('messaging_product')).toBe('whatsapp');
  });

  it('applies the rules of the MIME type’s family: image/webp is a sticker', async () => {
    await using server = await startGraphServer();
    const cloud = directCloud(server);
    await expect(
      cloud.media.upload({ data: webpBytes('animated', 300 * KIB), mimeType: 'image/webp' }),
    ).resolves.toStrictEqual({
      id: MEDIA_ID,
    });
    const error = await cloud.media
      .upload({ data: webpBytes('lossy', 300 * KIB), mimeType: 'image/webp' })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['data']);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a type the Cloud API does not take, naming mimeType, before any request', async () => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .media.upload({ data: fileBytes(10), mimeType: 'application/zip' })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['mimeType']);
    expect((error as Error).message).toContain('does not take application/zip');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an empty file, naming data, before any request', async () => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .media.upload({ data: new Uint8Array(0), mimeType: 'image/png' })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['data']);
    expect((error as Error).message).toContain('data: must not be empty');
    expect(server.requests).toHaveLength(0);
  });
});

describe('media.get', () => {
  it('returns url, MIME type, SHA-256 and size from a numeric file_size', async () => {
    await using server = await startGraphServer();
    const info = await directCloud(server).media.get(MEDIA_ID);
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `/v21.0/${MEDIA_ID}`,
      query: {},
      headers: DIRECT_HEADERS,
      body: undefined,
    });
    expect(info).toStrictEqual({
      id: MEDIA_ID,
      url: fixtures.mediaGetResponse.url,
      mimeType: 'image/jpeg',
      sha256: fixtures.mediaGetResponse.sha256,
      size: 303833,
      raw: fixtures.mediaGetResponse,
    });
  });

  it('reads a file_size given as a string (Meta’s OpenAPI form)', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:id', () => HttpResponse.json({ ...fixtures.mediaGetResponse, file_size: '303833' })),
    );
    expect((await directCloud(server).media.get(MEDIA_ID)).size).toBe(303833);
  });

  it('turns an unexpected body into an ApiError', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:id', () => HttpResponse.json({ url: 'x' })),
    );
    const error = await directCloud(server)
      .media.get(MEDIA_ID)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('unexpected body');
  });

  it('rejects an empty id before any request', async () => {
    await using server = await startGraphServer();
    await expect(directCloud(server).media.get(' ')).rejects.toSatisfy(ValidationError.isInstance);
    expect(server.requests).toHaveLength(0);
  });
});

describe('media.delete', () => {
  it('sends DELETE /{media-id}', async () => {
    await using server = await startGraphServer();
    await expect(directCloud(server).media.delete(MEDIA_ID)).resolves.toBeUndefined();
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'DELETE',
      path: `/v21.0/${MEDIA_ID}`,
      query: {},
      headers: DIRECT_HEADERS,
      body: undefined,
    });
  });

  it.each([
    ['{ success: false }', { success: false }],
    ['a body without success', {}],
    ['a Graph error with HTTP 200', { error: { message: 'Unsupported delete request', code: 100 } }],
  ])('reports %s as an ApiError instead of succeeding', async (_label, body) => {
    await using server = await startGraphServer(http.delete('/v21.0/:id', () => HttpResponse.json(body)));
    const error = await directCloud(server)
      .media.delete(MEDIA_ID)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unknown', retryable: false, status: 200 });
    expect((error as Error).message).toContain(`did not confirm DELETE`);
    expect((error as Error).message).toContain(JSON.stringify(body));
  });
});
