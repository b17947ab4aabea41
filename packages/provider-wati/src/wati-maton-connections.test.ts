import { AuthenticationError } from '@switchboard/core';
import { faults, type LoopbackServer, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { watiMatonConnections } from './wati-maton-connections.js';

const KEY = 'maton-key-abcdef123456';
// The connection object of Maton's WATI reference (Get Connection).
const connection = {
  connection_id: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
  status: 'ACTIVE',
  creation_time: '2025-12-08T07:20:53.488460Z',
  last_updated_time: '2026-01-31T20:03:32.593153Z',
  url: 'https://connect.maton.ai/?session_token=abc',
  app: 'wati',
  metadata: {},
};

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer({
    handlers: [
      http.get('/connections', () => HttpResponse.json({ connections: [connection] })),
      http.post('/connections', () =>
        HttpResponse.json({ connection: { ...connection, status: 'PENDING' } }),
      ),
      http.delete('/connections/:id', () => HttpResponse.json({})),
    ],
  });
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

// Deprecated: a thin wrapper over @switchboard/maton's createMatonConnections, kept for existing callers.
describe('watiMatonConnections', () => {
  it('lists, creates and deletes connections of the wati app', async () => {
    const connections = watiMatonConnections(KEY, { baseUrl: server.url });
    const [active] = await connections.list({ status: 'ACTIVE' });
    expect(server.requests[0]?.url).toBe(`${server.url}/connections?app=wati&status=ACTIVE`);
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(active).toStrictEqual({
      id: connection.connection_id,
      app: 'wati',
      status: 'ACTIVE',
      createdAt: new Date(connection.creation_time),
      updatedAt: new Date(connection.last_updated_time),
      authorizationUrl: connection.url,
      metadata: {},
    });
    const created = await connections.create();
    expect(server.requests[1]?.json()).toStrictEqual({ app: 'wati' });
    expect(created.status).toBe('PENDING');
    await connections.delete(connection.connection_id);
    expect(server.requests[2]?.describe()).toBe(`DELETE /connections/${connection.connection_id}`);
  });

  it('names the Maton key on a 401', async () => {
    server.use(http.get('/connections', () => faults.status(401, { body: 'Unauthorized' })));
    const error = await watiMatonConnections(KEY, { baseUrl: server.url, retry: false })
      .list()
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('MATON_API_KEY');
  });
});
