import { AuthenticationError, ValidationError } from '@switchboard/core';
import { startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMatonConnections } from './maton-connections.js';

const KEY = 'maton-key-abcdef123456';
const connection = {
  connection_id: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
  status: 'ACTIVE',
  creation_time: '2025-12-08T07:20:53.488460Z',
  last_updated_time: '2026-01-31T20:03:32.593153Z',
  url: 'https://connect.maton.ai/?session_token=abc',
  app: 'whatsapp-business',
  metadata: {},
};

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer({
    handlers: [
      http.get('/connections', () => HttpResponse.json({ connections: [connection] })),
      http.post('/connections', () =>
        HttpResponse.json({ connection: { ...connection, status: 'PENDING' } }),
      ),
      http.get('/connections/:id', () => HttpResponse.json({ connection })),
      http.delete('/connections/:id', () => HttpResponse.json({})),
    ],
  });
});
afterEach(() => server.clearRequests());
afterAll(() => server.close());

const connections = () =>
  createMatonConnections({ apiKey: KEY, app: 'whatsapp-business', baseUrl: server.url });

describe('createMatonConnections', () => {
  it('lists connections of the app filtered by status', async () => {
    const list = await connections().list({ status: 'ACTIVE' });
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`${server.url}/connections?app=whatsapp-business&status=ACTIVE`);
    expect(request?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(list).toStrictEqual([
      {
        id: connection.connection_id,
        app: 'whatsapp-business',
        status: 'ACTIVE',
        createdAt: new Date(connection.creation_time),
        updatedAt: new Date(connection.last_updated_time),
        authorizationUrl: connection.url,
        metadata: {},
      },
    ]);
  });

  it('creates, gets and deletes a connection', async () => {
    const client = connections();
    const created = await client.create();
    expect(created.status).toBe('PENDING');
    expect(server.requests[0]?.json()).toStrictEqual({ app: 'whatsapp-business' });
    const fetched = await client.get(connection.connection_id);
    expect(fetched.id).toBe(connection.connection_id);
    await client.delete(connection.connection_id);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual([
      'POST /connections',
      `GET /connections/${connection.connection_id}`,
      `DELETE /connections/${connection.connection_id}`,
    ]);
  });

  it('explains a rejected key without printing it', async () => {
    server.use(http.get('/connections', () => new HttpResponse('Unauthorized', { status: 401 })));
    const error = await connections()
      .list()
      .catch((e) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Maton API key');
    expect(error.message).toContain('MATON_API_KEY');
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
    server.resetHandlers();
  });

  it('accepts a key pasted with a Bearer prefix', async () => {
    await createMatonConnections({ apiKey: `  Bearer ${KEY} `, app: 'wati', baseUrl: server.url }).list();
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('validates its inputs before any request', async () => {
    expect(() => createMatonConnections({ apiKey: '', app: 'wati' })).toThrow(ValidationError);
    await expect(connections().get('')).rejects.toThrow(/connection id/);
    const refused = (options: unknown) =>
      expect(() => createMatonConnections(options as never)).toThrow(
        expect.objectContaining({ name: 'ValidationError' }),
      );
    refused({ apiKey: KEY, app: 'wati', baseUrl: 'ftp://127.0.0.1' });
    refused({ apiKey: KEY, app: 'wati', baseUrl: 1 });
    refused({ apiKey: KEY, app: 'wati', timeoutMs: -1 });
    refused({ apiKey: KEY, app: 'wati', baseURL: server.url });
    await expect(connections().list({ status: 5 } as never)).rejects.toMatchObject({ fields: ['status'] });
    await expect(connections().list(null as never)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(connections().create({ signal: new AbortController() } as never)).rejects.toMatchObject({
      fields: ['signal'],
    });
    expect(server.requests).toHaveLength(0);
  });
});
