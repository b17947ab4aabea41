import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../loopback-server.js';
import {
  callGraph,
  PHONE_NUMBER_ID,
  sendMessage,
  textMessage,
  VERSION,
  WABA_ID,
} from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const emulator = createWhatsAppCloudEmulator({ accessTokens: ['test-access-token', 'maton-api-key'] });
let server: LoopbackServer;

beforeAll(async () => {
  server = await emulator.listen();
});
afterAll(() => emulator.close());

describe('authentication', () => {
  it.each([
    ['a missing token', null],
    ['an unknown token', 'EAAG-wrong'],
  ])('answers 401 / 190 for %s, before looking at the path', async (_name, token) => {
    for (const path of [`/${VERSION}/${PHONE_NUMBER_ID}/messages`, `/${VERSION}/999/whatever`]) {
      const result = await callGraph(server.url, 'POST', path, { token, json: textMessage('hi') });
      expect(result.status).toBe(401);
      expect(result.body).toStrictEqual({
        error: {
          message: 'Invalid OAuth access token - Cannot parse access token',
          type: 'OAuthException',
          code: 190,
          fbtrace_id: expect.any(String),
        },
      });
      expect(result.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
    }
    expect(emulator.state.messages).toEqual([]);
  });

  it('takes the token from the access_token query parameter too', async () => {
    const result = await callGraph(
      server.url,
      'GET',
      `/${VERSION}/${PHONE_NUMBER_ID}?access_token=test-access-token`,
      {
        token: null,
      },
    );
    expect(result.status).toBe(200);
  });
});

describe('paths', () => {
  it('serves the same API under the Maton prefix, with the Maton key as bearer', async () => {
    const result = await callGraph(
      server.url,
      'POST',
      `/whatsapp-business/v21.0/${PHONE_NUMBER_ID}/messages`,
      {
        token: 'maton-api-key',
        json: textMessage('via Maton'),
      },
    );
    expect(result.status).toBe(200);
    expect(result.body.messages[0].id).toMatch(/^wamid\./);
  });

  it('answers 404 / 100 / 33 for an unknown object id', async () => {
    const result = await callGraph(server.url, 'POST', `/${VERSION}/123456789/messages`, {
      json: textMessage('hi'),
    });
    expect(result.status).toBe(404);
    expect(result.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(result.body.error.message).toMatch(
      /^Unsupported post request\. Object with ID '123456789' does not exist/,
    );
  });

  it('answers 400 / 100 for an edge the node does not have and a method the node does not support', async () => {
    const edge = await callGraph(server.url, 'POST', `/${VERSION}/${WABA_ID}/messages`, {
      json: textMessage('hi'),
    });
    expect(edge.status).toBe(400);
    expect(edge.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (messages) on node type (WhatsAppBusinessAccount)',
    );
    const method = await callGraph(server.url, 'PUT', `/${VERSION}/${PHONE_NUMBER_ID}/messages`, {
      json: textMessage('hi'),
    });
    expect(method.status).toBe(400);
    expect(method.body.error).toMatchObject({ code: 100, type: 'GraphMethodException' });
    expect(method.body.error.message).toMatch(/^Unsupported put request/);
  });

  it.each([
    ['a path without a version', '/106540352242922/messages'],
    ['a version-less Maton path', '/whatsapp-business/106540352242922'],
    ['the bare root', '/'],
    ['a too-deep path', `/${VERSION}/${PHONE_NUMBER_ID}/messages/extra`],
  ])('answers a Graph error (never msw’s unhandled answer) for %s', async (_name, path) => {
    const result = await callGraph(server.url, 'GET', path);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 100, type: 'GraphMethodException' });
    expect(server.unhandledRequests).toEqual([]);
  });
});

describe('handlers', () => {
  it('compose with other handlers: paths outside the Graph API fall through', async () => {
    await using shared = await startLoopbackServer({
      handlers: [...emulator.handlers, http.get('/health', () => HttpResponse.text('ok'))],
    });
    expect(await (await fetch(`${shared.url}/health`)).text()).toBe('ok');
    expect((await sendMessage(shared.url, textMessage('hi'))).status).toBe(200);
  });
});
