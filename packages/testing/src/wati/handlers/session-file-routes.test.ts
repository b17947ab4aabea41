import { describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

const john = '14155551234';
const pdfBytes = new TextEncoder().encode('%PDF-1.4\n% fake invoice\n');

function fileForm(bytes: Uint8Array, type: string, filename: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  return form;
}

describe('POST /api/v1/sendSessionFile/{whatsappNumber}', () => {
  it('sends a multipart file with the caption in the query, and getMedia returns the same bytes', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(
      `${tenantUrl}/api/v1/sendSessionFile/${john}?caption=Invoice_October.pdf`,
      {
        method: 'POST',
        headers: auth,
        body: fileForm(pdfBytes, 'application/pdf', 'invoice.pdf'),
      },
    );

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      result: true,
      ticketStatus: 'OPEN',
      message: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        whatsappMessageId: expect.stringMatching(/^wamid\./),
        type: 'document',
        text: 'Invoice_October.pdf',
        isOwner: true,
        statusString: 'SENT',
        media: {
          id: expect.stringMatching(/^data\/documents\/[0-9a-f-]{36}\.pdf$/),
          mimeType: 'application/pdf',
          caption: 'Invoice_October.pdf',
        },
      },
    });
    const fileName: string = body.message.media.id;
    expect(body.message.data).toBe(`${tenantUrl}/api/file/showFile?fileName=${fileName}`);

    const media = await looseFetch(`${tenantUrl}/api/v1/getMedia?fileName=${encodeURIComponent(fileName)}`, {
      headers: auth,
    });
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('application/pdf');
    expect(media.headers.get('content-disposition')).toBe(
      `attachment; filename="${fileName.split('/').pop()}"`,
    );
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(pdfBytes);

    const viaShowFile = await looseFetch(body.message.data, { headers: auth });
    expect(new Uint8Array(await viaShowFile.arrayBuffer())).toEqual(pdfBytes);
  });

  it('classifies the file by its content type, falling back to the file name', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const cases: [string, string, string][] = [
      ['image/jpeg', 'photo.jpg', 'image'],
      ['video/mp4', 'clip.mp4', 'video'],
      ['audio/ogg', 'note.ogg', 'audio'],
      ['', 'photo.png', 'image'],
    ];

    for (const [type, filename, expected] of cases) {
      const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFile/${john}`, {
        method: 'POST',
        headers: auth,
        body: fileForm(new Uint8Array([1, 2, 3]), type, filename),
      });
      const body = await response.json();
      expect(body.message.type, filename).toBe(expected);
      expect(body.message.text, filename).toBeNull();
    }
  });

  it('answers 400 without a file part: a JSON body, a form without "file", or a plain field named file', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const withoutFile = new FormData();
    withoutFile.append('document', new Blob([pdfBytes]), 'invoice.pdf');
    const textField = new FormData();
    textField.append('file', 'not a file');
    const bodies: RequestInit[] = [
      { headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ file: 'x' }) },
      { headers: auth, body: withoutFile },
      { headers: auth, body: textField },
      { headers: auth },
    ];

    for (const init of bodies) {
      const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFile/${john}`, {
        method: 'POST',
        ...init,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: { file: [expect.any(String)] } });
    }
    expect(wati.state.messages).toHaveLength(0);
    expect(wati.state.media.size).toBe(0);
  });

  it('answers 400 to a file part without a file name', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const boundary = 'emulator-boundary';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n` +
      `Content-Type: application/pdf\r\n\r\n%PDF\r\n--${boundary}--\r\n`;

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFile/${john}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });

    expect(response.status).toBe(400);
  });

  it("fails softly with WhatsApp's size limit for an oversized image", async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFile/${john}`, {
      method: 'POST',
      headers: auth,
      body: fileForm(new Uint8Array(5 * 1024 * 1024 + 1), 'image/jpeg', 'big.jpg'),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: false, info: expect.stringMatching(/size limit/) });
  });

  it("answers 'Ticket has been expired.' outside the window in enforce mode", async () => {
    await using wati = createWatiEmulator({ sessionWindow: 'enforce', contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFile/${john}`, {
      method: 'POST',
      headers: auth,
      body: fileForm(pdfBytes, 'application/pdf', 'invoice.pdf'),
    });

    expect(await response.json()).toStrictEqual({ result: false, info: 'Ticket has been expired.' });
  });
});

describe('GET /api/v1/getMedia', () => {
  it('answers a plain 404 for an unknown file and 400 without fileName', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const unknown = await looseFetch(`${tenantUrl}/api/v1/getMedia?fileName=data/images/nope.jpg`, {
      headers: auth,
    });
    const missing = await looseFetch(`${tenantUrl}/api/v1/getMedia`, { headers: auth });

    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('Not Found');
    expect(missing.status).toBe(400);
  });
});

describe('POST /api/v1/sendSessionFileViaUrl/{whatsappNumber}', () => {
  it('takes fileUrl and caption from the query with no body', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const query = new URLSearchParams({
      fileUrl: 'https://cdn.example.com/p/photo.jpg?sig=1',
      caption: 'Look',
    });

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFileViaUrl/${john}?${query}`, {
      method: 'POST',
      headers: auth,
    });

    expect(await response.json()).toMatchObject({
      result: true,
      ticketStatus: 'OPEN',
      message: {
        type: 'image',
        text: 'Look',
        data: 'https://cdn.example.com/p/photo.jpg?sig=1',
        media: { mimeType: 'image/jpeg', caption: 'Look' },
      },
    });
  });

  it('also accepts `url` in the query, or a JSON body', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const byUrl = await looseFetch(
      `${tenantUrl}/api/v1/sendSessionFileViaUrl/${john}?url=https://x.example/a.pdf`,
      {
        method: 'POST',
        headers: auth,
      },
    );
    const byJson = await looseFetch(`${tenantUrl}/api/v1/sendSessionFileViaUrl/${john}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ fileUrl: 'https://x.example/v.mp4', caption: 'clip' }),
    });

    expect((await byUrl.json()).message).toMatchObject({ type: 'document', text: 'a.pdf' });
    expect((await byJson.json()).message).toMatchObject({ type: 'video', text: 'clip' });
  });

  it('answers 400 without a URL or with a URL that is not http(s)', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    for (const query of ['', '?fileUrl=ftp://x.example/a.pdf', '?fileUrl=not-a-url']) {
      const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionFileViaUrl/${john}${query}`, {
        method: 'POST',
        headers: auth,
      });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ errors: { fileUrl: [expect.any(String)] } });
    }
  });
});
