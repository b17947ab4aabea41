import { AuthenticationError } from '@switchboard/core';
import { startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MATON_API_KEY } from './__fixtures__/graph-server.js';
import { whatsappCloudMatonConnections } from './whatsapp-cloud-maton-connections.js';

const connection = {
  connection_id: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
  status: 'ACTIVE',
  creation_time: '2025-12-08T07:20:53.488460Z',
  last_updated_time: '2026-01-31T20:03:32.593153Z',
  url: 'https://connect.maton.ai/?session_token=abc',
  app: 'whatsapp-business',
  metadata: {},
};

describe('whatsappCloudMatonConnections', () => {
  it('manages whatsapp-business connections with the Maton key', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/connections', () => HttpResponse.json({ connections: [connection] })),
        http.post('/connections', () =>
          HttpResponse.json({ connection: { ...connection, status: 'PENDING' } }),
        ),
        http.get('/connections/:id', () => HttpResponse.json({ connection })),
        http.delete('/connections/:id', () => HttpResponse.json({})),
      ],
    });
    const connections = whatsappCloudMatonConnections(`Bearer ${MATON_API_KEY}`, { baseUrl: server.url });

    const [active] = await connections.list({ status: 'ACTIVE' });
    const created = await connections.create();
    await connections.get(connection.connection_id);
    await connections.delete(connection.connection_id);

    expect(active).toMatchObject({
      id: connection.connection_id,
      app: 'whatsapp-business',
      status: 'ACTIVE',
    });
    expect(created.authorizationUrl).toBe('https://connect.maton.ai/?session_token=abc');
    expect(
      server.requests.map((request) => [request.method, request.path, Object.fromEntries(request.query)]),
    ).toEqual([
      ['GET', '/connections', { app: 'whatsapp-business', status: 'ACTIVE' }],
      ['POST', '/connections', {}],
      ['GET', `/connections/${connection.connection_id}`, {}],
      ['DELETE', `/connections/${connection.connection_id}`, {}],
    ]);
    expect(server.requests[1]?.json()).toEqual({ app: 'whatsapp-business' });
    for (const request of server.requests)
      expect(request.headers.get('authorization')).toBe(`Bearer ${MATON_API_KEY}`);
  });

  it('explains a rejected key without printing it', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/connections', () => HttpResponse.json({ error: 'invalid key' }, { status: 401 })),
      ],
    });
    const error = await whatsappCloudMatonConnections(MATON_API_KEY, { baseUrl: server.url, retry: false })
      .list()
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('MATON_API_KEY');
    expect(JSON.stringify(error)).not.toContain(MATON_API_KEY);
  });
});
