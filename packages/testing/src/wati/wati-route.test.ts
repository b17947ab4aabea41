import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../loopback-server.js';
import { auth, looseFetch } from './__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from './wati-emulator.js';

describe('WATI emulator routing and authentication', () => {
  it('serves the API under the tenant segment, at the root and under Maton’s /wati prefix', async () => {
    await using wati = createWatiEmulator();
    const { url, tenantUrl } = await wati.listen();
    expect(tenantUrl).toBe(`${url}/123456`);

    for (const base of [tenantUrl, url, `${url}/wati`]) {
      const response = await looseFetch(`${base}/api/v1/getMessageTemplates?pageSize=1&pageNumber=1`, {
        headers: auth,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        result: 'success',
        link: { pageNumber: 1, pageSize: 1 },
      });
    }
  });

  it('answers 401 with a plain-text "Unauthorized" for a missing, wrong or prefix-less token', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: 'test-wati-token' },
      { authorization: 'Bearer Bearer test-wati-token' },
    ];

    for (const headers of attempts) {
      const response = await looseFetch(`${tenantUrl}/api/v1/getContacts`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('Unauthorized');
    }
  });

  it('accepts any configured token, with the scheme in any case', async () => {
    await using wati = createWatiEmulator({ tokens: ['token-a', 'token-b'] });
    const { tenantUrl } = await wati.listen();

    for (const authorization of ['Bearer token-a', 'bearer token-b', 'BEARER  token-a']) {
      const response = await looseFetch(`${tenantUrl}/api/v1/getContacts`, { headers: { authorization } });
      expect(response.status).toBe(200);
    }
  });

  it('answers a plain 404 "Not Found" for an unknown route, a wrong tenant and paths outside the API', async () => {
    await using wati = createWatiEmulator();
    const { url, tenantUrl } = await wati.listen();

    for (const target of [
      `${tenantUrl}/api/v1/noSuchEndpoint`,
      `${url}/999999/api/v1/getContacts`,
      `${url}/123456//api/v1/getContacts`,
      `${url}/favicon.ico`,
    ]) {
      const response = await looseFetch(target, { headers: auth });
      expect(response.status, target).toBe(404);
      expect(await response.text()).toBe('Not Found');
    }
  });

  it('answers 405 when the path exists for another method', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/getContacts`, { method: 'POST', headers: auth });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('matches paths case-insensitively and with a trailing slash, as ASP.NET Core routing does', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/API/V1/getcontacts/`, { headers: auth });

    expect(response.status).toBe(200);
  });

  it('records every request on the underlying loopback server', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl, server } = await wati.listen();

    await looseFetch(`${tenantUrl}/api/v1/getContacts?pageSize=5`, { headers: auth });

    expect(server.requests.map((request) => request.describe())).toEqual([
      'GET /123456/api/v1/getContacts?pageSize=5',
    ]);
  });

  it('returns the same server from repeated listen() calls', async () => {
    await using wati = createWatiEmulator();
    const [first, second] = await Promise.all([wati.listen(), wati.listen()]);
    expect(second).toBe(first);
  });

  it('its handlers work on your own server, next to other handlers, with media URLs on that server', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: '14155551234' }] });
    await using server = await startLoopbackServer({
      handlers: [...wati.handlers, http.get('/health', () => HttpResponse.text('up'))],
    });
    const form = new FormData();
    form.append('file', new Blob(['png'], { type: 'image/png' }), 'a.png');

    const sent = await looseFetch(`${server.url}/123456/api/v1/sendSessionFile/14155551234`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    const health = await looseFetch(`${server.url}/health`);
    const unknown = await looseFetch(`${server.url}/api/v9/nothing`, { headers: auth });

    const { message } = await sent.json();
    expect(message.data).toBe(`${server.url}/123456/api/file/showFile?fileName=${message.media.id}`);
    expect(await health.text()).toBe('up');
    expect(unknown.status).toBe(404);
    server.assertNoUnhandledRequests();
  });
});
