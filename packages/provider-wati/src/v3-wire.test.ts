// The V3 wire format against WATI's own documented examples (the V3 OpenAPI's request and response
// examples, in __fixtures__/v3), over the real transport to a loopback server: every request the
// adapter makes has only fields WATI's example has, and every documented answer reads as expected.
import { ApiError, AuthenticationError, RateLimitError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  directWati,
  fixture,
  matonWati,
  startWatiServer,
  TENANT,
  TOKEN,
} from './__fixtures__/wati-server.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The key paths of a JSON value (array items merged), to compare shapes with WATI's examples. */
function keyPaths(value: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  if (Array.isArray(value)) {
    for (const item of value) for (const path of keyPaths(item, `${prefix}[]`)) paths.add(path);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      paths.add(`${prefix}.${key}`);
      for (const path of keyPaths(inner, `${prefix}.${key}`)) paths.add(path);
    }
  }
  return paths;
}

/** Every field the adapter sent is one WATI's documented example has. */
function expectShapeWithin(sent: unknown, documented: unknown): void {
  const allowed = keyPaths(documented);
  expect([...keyPaths(sent)].filter((path) => !allowed.has(path))).toStrictEqual([]);
}

async function serve(method: 'get' | 'post' | 'put', path: string, body: unknown, init: ResponseInit = {}) {
  server = await startWatiServer([http[method](path, () => HttpResponse.json(body as object, init))]);
  return server;
}

const v3 = (s: LoopbackServer, options = {}) => directWati(s, { api: 'v3', ...options });
const sentJson = (s: LoopbackServer) => s.requests.at(-1)?.json();

describe('V3 requests have the shape of WATI’s documented examples', () => {
  it('text: { target, text } (docs: send-text-request.json); the answer’s message.id is the result id', async () => {
    const s = await serve(
      'post',
      '/api/ext/v3/conversations/messages/text',
      fixture('v3/send-text-response.json'),
    );
    const sent = await v3(s).send({ type: 'text', to: '1415552671', text: 'Hello world' });
    expectShapeWithin(sentJson(s), fixture('v3/send-text-request.json'));
    expect(s.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(sent).toMatchObject({
      id: '507f1f77bcf86cd799439011',
      providerIds: {
        id: '507f1f77bcf86cd799439011',
        localMessageId: '88aed3c93a050b3c53978463',
        conversationId: '685bd235e6119686e693a093',
        ticketId: '68aed3c93a050b3c53978463',
      },
    });
  });

  it('file by URL: { target, file_url, caption }', async () => {
    const s = await serve(
      'post',
      '/api/ext/v3/conversations/messages/fileViaUrl',
      fixture('v3/send-text-response.json'),
    );
    await v3(s).send({
      type: 'image',
      to: '1415552671',
      caption: 'Example File',
      media: { url: 'https://example.com/example.jpg' },
    });
    expect(sentJson(s)).toStrictEqual({
      ...fixture('v3/send-file-via-url-request.json'),
      target: '1415552671',
    });
  });

  it('buttons and list: the documented button_message / list_message fields only', async () => {
    const s = await serve(
      'post',
      '/api/ext/v3/conversations/messages/interactive',
      fixture('v3/send-text-response.json'),
    );
    const examples = fixture<Record<string, { value: unknown }>>('v3/send-interactive-request.json');
    const wati = v3(s);
    await wati.send({
      type: 'buttons',
      to: '1415552671',
      header: 'Click a button',
      body: 'This is the main message body text',
      footer: 'Footer text here',
      buttons: [
        { id: '1', title: 'Button 1' },
        { id: '2', title: 'Button 2' },
      ],
    });
    expectShapeWithin(sentJson(s), examples['Buttons Example']?.value);
    await wati.send({
      type: 'list',
      to: '1415552671',
      header: 'Choose an option',
      body: 'Here is the body text',
      footer: 'Footer text',
      buttonText: 'Select',
      sections: [{ title: 'Section 1', rows: [{ id: 'a', title: 'Title 1', description: 'Description 1' }] }],
    });
    expectShapeWithin(sentJson(s), examples['List Example']?.value);
  });

  it('template: the documented request; a documented recipient error is the typed failure', async () => {
    const s = await serve(
      'post',
      '/api/ext/v3/messageTemplates/send',
      fixture('v3/send-template-response.json'),
    );
    const error = await v3(s)
      .send(
        {
          type: 'template',
          to: '1234567890',
          template: { name: 'welcome_template', language: 'en', parameters: { first_name: 'John' } },
        },
        { providerOptions: { wati: { broadcastName: 'Welcome Campaign', channel: '1234567890' } } },
      )
      .catch((caught: unknown) => caught);
    expectShapeWithin(sentJson(s), fixture('v3/send-template-request.json'));
    // The example answer lists recipient local-msg-123 with "Invalid phone number format.": not ours.
    expect(ApiError.isInstance(error) && error.code).toBe('invalid_recipient');
  });

  it('template: an answer echoing our local_message_id is accepted with it as the id', async () => {
    server = await startWatiServer([
      http.post('/api/ext/v3/messageTemplates/send', async ({ request }) => {
        const body = (await request.json()) as {
          recipients: { local_message_id: string; phone_number: string }[];
        };
        const recipient = body.recipients[0] ?? {};
        return HttpResponse.json({
          ...fixture<Record<string, unknown>>('v3/send-template-response.json'),
          recipients: [{ ...recipient, errors: [] }],
        });
      }),
    ]);
    const sent = await v3(server).send({
      type: 'template',
      to: '1234567890',
      template: { name: 'welcome_template', language: 'en', parameters: {} },
    });
    expect(sent.id).toBe(
      sentJson(server) &&
        (sentJson(server) as { recipients: { local_message_id: string }[] }).recipients[0]?.local_message_id,
    );
    expect(sent.providerIds).toMatchObject({ localMessageId: sent.id, broadcastId: 'broadcast_123456' });
  });

  it('contacts: add and update requests as documented; the documented list reads', async () => {
    server = await startWatiServer([
      http.get('/api/ext/v3/contacts', () => HttpResponse.json(fixture('v3/get-contacts-response.json'))),
      http.post('/api/ext/v3/contacts', () =>
        HttpResponse.json(
          fixture<{ contact_list: unknown[] }>('v3/get-contacts-response.json').contact_list[0] as object,
        ),
      ),
      http.put('/api/ext/v3/contacts', () =>
        HttpResponse.json({
          contact_list: fixture<{ contact_list: unknown[] }>('v3/get-contacts-response.json').contact_list,
        }),
      ),
    ]);
    const wati = v3(server);
    const page = await wati.contacts.list({ pageSize: 10 });
    expect(server.requests[0]?.url).toMatch(/\/api\/ext\/v3\/contacts\?page_number=1&page_size=10$/);
    expect(page.items).toMatchObject([
      {
        phone: '1234567890',
        name: 'John Doe',
        attributes: { customer_tier: 'gold', preferred_language: 'en' },
      },
    ]);
    expect(page.items[0]?.createdAt?.toISOString()).toBe('2024-01-15T10:30:00.000Z');
    await wati.contacts.upsert({
      phone: '1234567890',
      name: 'John Doe',
      attributes: { age: '30', city: 'New York' },
    });
    expectShapeWithin(sentJson(server), fixture('v3/add-contact-request.json'));
    await wati.contacts.updateAttributes('1415552671', { age: '30', city: 'New York' });
    expect(sentJson(server)).toStrictEqual({
      contacts: [fixture<{ contacts: unknown[] }>('v3/update-contacts-request.json').contacts[0]],
    });
  });

  it('templates: the documented list maps to neutral templates; page size capped at 100', async () => {
    const s = await serve('get', '/api/ext/v3/messageTemplates', fixture('v3/get-templates-response.json'));
    const page = await v3(s).templates.list({ pageSize: 500 });
    expect(s.requests[0]?.url).toContain('page_number=1&page_size=100');
    expect(page.items).toMatchObject([
      {
        id: 'template_123',
        name: 'Welcome Message',
        language: 'en_US',
        category: 'marketing',
        status: 'approved',
        parameterNames: ['name'],
      },
    ]);
    expect(page.nextCursor).toBeUndefined();
  });

  it('history: the documented message list maps to an outbound message with its ids', async () => {
    const s = await serve(
      'get',
      '/api/ext/v3/conversations/1415552671/messages',
      fixture('v3/get-messages-response.json'),
    );
    const page = await v3(s).conversations.messages('1415552671');
    expect(page.items).toMatchObject([
      {
        id: '507f1f77bcf86cd799439011',
        direction: 'outbound',
        message: { type: 'text', text: 'Hello, this is a sample message!' },
        status: 'delivered',
        providerIds: { localMessageId: '88aed3c93a050b3c53978463' },
      },
    ]);
  });

  it('operator: PUT { assignee_email } as documented', async () => {
    const s = await serve('put', '/api/ext/v3/conversations/1415552671/operator', { result: true });
    await v3(s).operators.assign('1415552671', 'John@email.com');
    expect(sentJson(s)).toStrictEqual(fixture('v3/assign-operator-request.json'));
  });

  it('channels: the documented list', async () => {
    const s = await serve('get', '/api/ext/v3/channels', fixture('v3/get-channels-response.json'));
    expect(await v3(s).listChannels?.()).toMatchObject([
      { id: '65b761a8e46b7808776e19b6', name: 'Support', platform: 'Whatsapp' },
    ]);
  });
});

describe('V3 base URL', () => {
  it('direct: the tenant segment is dropped for V3 and kept for legacy fallbacks', async () => {
    server = await startWatiServer([
      http.post('/api/ext/v3/conversations/messages/text', () =>
        HttpResponse.json(fixture('v3/send-text-response.json')),
      ),
      http.post(`${TENANT}/api/v1/sendSessionMessage/:n`, () =>
        HttpResponse.json({ ok: true, result: 'success', message: { id: 'x' } }),
      ),
    ]);
    const wati = v3(server);
    await wati.send({ type: 'text', to: '1415552671', text: 'a' });
    await wati.send({ type: 'text', to: '1415552671', text: 'b', replyTo: 'wamid.1' });
    expect(server.requests.map((request) => request.path)).toStrictEqual([
      '/api/ext/v3/conversations/messages/text',
      `${TENANT}/api/v1/sendSessionMessage/1415552671`,
    ]);
  });

  it('a gateway: V3 paths go to the gateway base as they are (Maton documents no V3 forwarding)', async () => {
    server = await startWatiServer([
      http.post('/wati/api/ext/v3/conversations/messages/text', () =>
        HttpResponse.json(fixture('v3/send-text-response.json')),
      ),
    ]);
    await matonWati(server, { api: 'v3' }).send({ type: 'text', to: '1415552671', text: 'a' });
    expect(server.requests[0]?.path).toBe('/wati/api/ext/v3/conversations/messages/text');
  });

  it('v3BaseUrl overrides, and is refused without api: v3', async () => {
    server = await startWatiServer([
      http.post('/relay/api/ext/v3/conversations/messages/text', () =>
        HttpResponse.json(fixture('v3/send-text-response.json')),
      ),
    ]);
    await v3(server, { v3BaseUrl: `${server.url}/relay` }).send({
      type: 'text',
      to: '1415552671',
      text: 'a',
    });
    expect(server.requests[0]?.path).toBe('/relay/api/ext/v3/conversations/messages/text');
    expect(() => directWati(server as LoopbackServer, { v3BaseUrl: server?.url })).toThrow(/v3BaseUrl/);
  });
});

describe('V3 errors map to the neutral codes', () => {
  const text = { type: 'text' as const, to: '1415552671', text: 'hi' };
  const path = '/api/ext/v3/conversations/messages/text';

  it('400 { code, message, timestamp } is classified by its message', async () => {
    const s = await serve(
      'post',
      path,
      { code: 400, message: 'Ticket has been expired.', timestamp: '2026-02-20T15:28:57Z' },
      { status: 400 },
    );
    await expect(v3(s).send(text)).rejects.toMatchObject({
      code: 'session_window_closed',
      status: 400,
      retryable: false,
    });
  });

  it('401 with a plain-text body is an AuthenticationError', async () => {
    server = await startWatiServer([
      http.post(path, () => new HttpResponse('Unauthorized', { status: 401 })),
    ]);
    await expect(v3(server).send(text)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('429 with and without Retry-After is a RateLimitError', async () => {
    server = await startWatiServer([
      http.post(path, () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '7' } })),
      http.get('/api/ext/v3/contacts', () => new HttpResponse(null, { status: 429 })),
    ]);
    const error = await v3(server)
      .send(text)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
    await expect(v3(server).contacts.list()).rejects.toBeInstanceOf(RateLimitError);
  });

  it('a 500 on a send is not resent, even with retries on (its outcome is unknown)', async () => {
    const s = await serve(
      'post',
      path,
      { code: 500, message: 'Unexpected error occurred. Please try again.' },
      { status: 500 },
    );
    await expect(v3(s, { retry: { maxRetries: 3, baseDelayMs: 1 } }).send(text)).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(s.requests).toHaveLength(1);
  });

  it('HTTP 200 with success: false is a failure, classified by error', async () => {
    const s = await serve('post', '/api/ext/v3/messageTemplates/send', {
      success: false,
      broadcast_id: null,
      error: 'Template not found: nope',
      recipients: [],
    });
    await expect(
      v3(s).send({
        type: 'template',
        to: '1415552671',
        template: { name: 'nope', language: 'en', parameters: {} },
      }),
    ).rejects.toMatchObject({ code: 'template_not_found', status: 200 });
  });
});
