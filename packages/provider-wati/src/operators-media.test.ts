import { ApiError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v1/assignOperator`, () =>
      HttpResponse.json({ result: true, info: 'Operator assigned' }),
    ),
    // WATI labels files application/octet-stream, so the type is read from the bytes.
    http.get(`${TENANT}/api/v1/getMedia`, () =>
      HttpResponse.arrayBuffer(JPEG.slice().buffer, {
        headers: { 'content-type': 'application/octet-stream' },
      }),
    ),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

describe('operators.assign (assignOperator)', () => {
  it('sends the e-mail and number in the query, without a body', async () => {
    await directWati(server).operators.assign('+1 415 555 1234', 'agent@example.com');
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/assignOperator`,
      query: { email: 'agent@example.com', whatsappNumber: '14155551234' },
      contentType: undefined,
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(request?.body.byteLength).toBe(0);
  });

  it('throws the soft failure for an unknown operator, and validates the e-mail first', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/assignOperator`, () =>
        HttpResponse.json({ result: false, info: 'Operator not found' }),
      ),
    );
    const error = await directWati(server)
      .operators.assign('14155551234', 'nobody@example.com')
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'unknown',
      message: 'WATI did not accept operators.assign (HTTP 200): "Operator not found"',
    });
    server.clearRequests();
    await expect(directWati(server).operators.assign('14155551234', 'not-an-email')).rejects.toMatchObject({
      fields: ['email'],
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('media.get (getMedia)', () => {
  it('downloads the file by its WATI file name and reads the type from the bytes', async () => {
    const media = await directWati(server).media.get('data/images/6f1c2a34-9d7e-4b1f-8a55-0c2e1d3f4a5b.jpg');
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `${TENANT}/api/v1/getMedia`,
      query: { fileName: 'data/images/6f1c2a34-9d7e-4b1f-8a55-0c2e1d3f4a5b.jpg' },
      contentType: undefined,
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(server.requests[0]?.headers.get('accept')).toBe('*/*');
    expect(media).toStrictEqual({
      id: 'data/images/6f1c2a34-9d7e-4b1f-8a55-0c2e1d3f4a5b.jpg',
      mimeType: 'image/jpeg',
      size: JPEG.byteLength,
      data: JPEG,
    });
  });

  it("accepts the webhook's showFile URL and keeps a specific content type", async () => {
    server.use(
      http.get(`${TENANT}/api/v1/getMedia`, () =>
        HttpResponse.arrayBuffer(new TextEncoder().encode('%PDF-1.7').buffer, {
          headers: { 'content-type': 'application/pdf' },
        }),
      ),
    );
    const media = await directWati(server).media.get(
      'https://live-mt-server.wati.io/384776/api/file/showFile?fileName=data/documents/5c4b3a29.pdf',
    );
    expect(server.requests[0]?.query.get('fileName')).toBe('data/documents/5c4b3a29.pdf');
    expect(media).toMatchObject({ id: 'data/documents/5c4b3a29.pdf', mimeType: 'application/pdf', size: 8 });
  });

  it('treats a JSON answer as an error, not as the file', async () => {
    server.use(
      http.get(`${TENANT}/api/v1/getMedia`, () =>
        HttpResponse.json({ result: false, info: 'File not found' }),
      ),
    );
    await expect(directWati(server).media.get('data/images/missing.jpg')).rejects.toMatchObject({
      name: 'ApiError',
      message: 'WATI did not accept media.get (HTTP 200): "File not found"',
    });
    server.use(
      http.get(`${TENANT}/api/v1/getMedia`, () => HttpResponse.html('<html><title>Login</title></html>')),
    );
    await expect(directWati(server).media.get('data/images/missing.jpg')).rejects.toThrow(
      'text/html page "Login" instead of the file',
    );
  });

  it('maps a 404 to an ApiError', async () => {
    server.use(http.get(`${TENANT}/api/v1/getMedia`, () => HttpResponse.text('Not Found', { status: 404 })));
    await expect(directWati(server).media.get('data/images/missing.jpg')).rejects.toMatchObject({
      name: 'ApiError',
      status: 404,
    });
  });
});
