import {
  ApiError,
  AuthenticationError,
  sendResultSchema,
  type TransportHooks,
  ValidationError,
} from '@switchboard/core';
import { failTimes, faults, type LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CONNECTION_ID,
  directWati,
  fixture,
  MATON_KEY,
  MATON_PREFIX,
  matonWati,
  startWatiServer,
  TENANT,
  TOKEN,
  UUID,
  wire,
} from './__fixtures__/wati-server.js';
import { SESSION_QUERY_MAX_BYTES } from './send-session-text.js';

const SESSION_RESPONSE = fixture('send-session-message-response.json');
const sessionPath = (prefix: string) => `${prefix}/api/v1/sendSessionMessage/:number`;

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(sessionPath(TENANT), () => HttpResponse.json(SESSION_RESPONSE)),
    http.post(sessionPath(MATON_PREFIX), () => HttpResponse.json(SESSION_RESPONSE)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

const text = { to: '+1 (415) 555-1234', type: 'text', text: 'Hello from WATI! ✓ 50% off' } as const;

describe('send text (sendSessionMessage)', () => {
  it("sends messageText as a form body and in the query by default ('both'), with a generated localMessageId", async () => {
    const result = await directWati(server).send(text);
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/sendSessionMessage/14155551234`,
      query: { messageText: text.text, localMessageId: expect.stringMatching(UUID) },
      contentType: 'application/x-www-form-urlencoded',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(Object.fromEntries(request?.form() ?? [])).toStrictEqual({ messageText: text.text });
    expect(result).toStrictEqual({
      id: '693fd65f961dc81779391640',
      provider: 'wati',
      to: '14155551234',
      status: 'accepted',
      providerIds: {
        id: '693fd65f961dc81779391640',
        whatsappMessageId: 'wamid.HBgNODYxMzEzMzg4Nzg2MDU0FQIAERgSQzE3N0IyMTEyMzA0OEMzMzlGAA==',
        localMessageId: '16bf77ae-79e8-4e88-8b78-96d0c1a2b3c4',
      },
      raw: SESSION_RESPONSE,
    });
    expect(sendResultSchema.parse(result)).toStrictEqual(result);
  });

  it("sends only the form body with sessionTextEncoding 'form'", async () => {
    await directWati(server, { sessionTextEncoding: 'form' }).send(text);
    const [request] = server.requests;
    expect(wire(request).query).toStrictEqual({ localMessageId: expect.stringMatching(UUID) });
    expect(Object.fromEntries(request?.form() ?? [])).toStrictEqual({ messageText: text.text });
  });

  it("sends only the query and no body with sessionTextEncoding 'query'", async () => {
    await directWati(server, { sessionTextEncoding: 'query' }).send(text);
    const [request] = server.requests;
    expect(wire(request)).toMatchObject({ contentType: undefined, query: { messageText: text.text } });
    expect(request?.body.byteLength).toBe(0);
  });

  // 2,048 emoji: 4,096 characters (the model's maximum), 24 KiB percent-encoded. Found by fuzzing:
  // in the query it made the server refuse the request line (HTTP 431) before any handler ran.
  const longText = { ...text, text: '👍'.repeat(2048) };

  it('sends a text too long for a URL in the form body alone with the default encoding', async () => {
    expect(encodeURIComponent(longText.text).length).toBeGreaterThan(SESSION_QUERY_MAX_BYTES);
    await expect(directWati(server).send(longText)).resolves.toMatchObject({ status: 'accepted' });
    const [request] = server.requests;
    expect(wire(request).query).toStrictEqual({ localMessageId: expect.stringMatching(UUID) });
    expect(Object.fromEntries(request?.form() ?? [])).toStrictEqual({ messageText: longText.text });
  });

  it('keeps a text that fits in the query there too, up to the limit', async () => {
    // 'é' is 6 bytes percent-encoded: 1,194 of them and 4 letters make exactly the limit.
    const fitting = { ...text, text: `${'é'.repeat(1194)}abcd` };
    expect(encodeURIComponent(fitting.text).length).toBe(SESSION_QUERY_MAX_BYTES);
    await directWati(server).send(fitting);
    expect(wire(server.requests[0]).query).toMatchObject({ messageText: fitting.text });
  });

  it("refuses a text too long for a URL with sessionTextEncoding 'query', naming the field, before any request", async () => {
    const error = await directWati(server, { sessionTextEncoding: 'query' })
      .send(longText)
      .catch((reason: unknown) => reason);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['text']);
    expect((error as ValidationError).message).toMatch(
      /24576 bytes percent-encoded.*sessionTextEncoding 'form'/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('counts replyTo against the query: a text that fits alone goes in the form body beside a long one', async () => {
    const replyTo = `wamid.${'x'.repeat(2000)}`;
    const fitting = { ...text, text: `${'é'.repeat(1000)}`, replyTo };
    await directWati(server).send(fitting);
    expect(wire(server.requests[0]).query).toStrictEqual({
      localMessageId: expect.stringMatching(UUID),
      replyContextId: replyTo,
    });
    expect(Object.fromEntries(server.requests[0]?.form() ?? [])).toStrictEqual({ messageText: fitting.text });
  });

  it('refuses a replyTo too long for any query string, naming the field, before any request', async () => {
    const error = await directWati(server, { sessionTextEncoding: 'form' })
      .send({ ...text, replyTo: 'x'.repeat(SESSION_QUERY_MAX_BYTES + 1) })
      .catch((reason: unknown) => reason);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['replyTo']);
    expect(server.requests).toHaveLength(0);
  });

  it('maps replyTo to replyContextId and reports the localMessageId it sent when WATI returns no message', async () => {
    server.use(http.post(sessionPath(TENANT), () => HttpResponse.json({ ok: true, result: 'success' })));
    const result = await directWati(server).send({ ...text, replyTo: 'wamid.QUOTED' });
    const query = wire(server.requests[0]).query;
    expect(query).toStrictEqual({
      messageText: text.text,
      localMessageId: expect.stringMatching(UUID),
      replyContextId: 'wamid.QUOTED',
    });
    expect(result.id).toBe(query.localMessageId);
    expect(result.providerIds).toStrictEqual({ localMessageId: query.localMessageId });
  });

  it('goes through Maton with the Maton key and the Maton-Connection header', async () => {
    await matonWati(server).send(text);
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `${MATON_PREFIX}/api/v1/sendSessionMessage/14155551234`,
      query: { messageText: text.text, localMessageId: expect.stringMatching(UUID) },
      contentType: 'application/x-www-form-urlencoded',
      authorization: `Bearer ${MATON_KEY}`,
      matonConnection: CONNECTION_ID,
    });
  });

  it('sends no Maton-Connection header when no connection is configured', async () => {
    await matonWati(server, { connectionId: undefined }).send(text);
    expect(wire(server.requests[0])).toMatchObject({
      authorization: `Bearer ${MATON_KEY}`,
      matonConnection: null,
    });
  });

  it('removes a pasted "Bearer " prefix from the token', async () => {
    await directWati(server, { token: `  Bearer ${TOKEN}  ` }).send(text);
    expect(wire(server.requests[0]).authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('send text failures', () => {
  const softFailures = [
    { body: { result: false, info: 'Ticket has been expired.' }, code: 'session_window_closed' },
    { body: { ok: false, result: false, info: 'Ticket has been expired.' }, code: 'session_window_closed' },
    { body: { result: 'false', message: 'Ticket has been expired.' }, code: 'session_window_closed' },
    { body: { ok: false, info: 'Invalid WhatsApp number' }, code: 'invalid_recipient' },
    { body: { result: 'error', message: 'Not enough credits' }, code: 'unknown' },
  ];
  it.each(softFailures)(
    'turns the HTTP 200 soft failure $body into ApiError $code',
    async ({ body, code }) => {
      server.use(http.post(sessionPath(TENANT), () => HttpResponse.json(body)));
      const error = await directWati(server)
        .send(text)
        .catch((caught: unknown) => caught);
      expect(ApiError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code, status: 200, retryable: false, provider: 'wati' });
      expect((error as ApiError).url).toContain('/api/v1/sendSessionMessage/14155551234');
    },
  );

  it('says the session window is closed and suggests a template', async () => {
    server.use(
      http.post(sessionPath(TENANT), () =>
        HttpResponse.json({ result: false, info: 'Ticket has been expired.' }),
      ),
    );
    await expect(directWati(server).send(text)).rejects.toThrow(
      'WATI did not accept send.text (HTTP 200): "Ticket has been expired." (the 24-hour session window is closed: send a template instead)',
    );
  });

  it('reads a plain-text 401 as an AuthenticationError naming the WATI token, never its value', async () => {
    server.use(http.post(sessionPath(TENANT), () => faults.status(401, { body: 'Unauthorized' })));
    const error = await directWati(server)
      .send(text)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('WATI_API_TOKEN');
    expect(message).not.toContain(TOKEN);
    expect(error).toMatchObject({ code: 'auth_failed', status: 401, retryable: false });
  });

  it('reads a Maton 401 as an AuthenticationError naming the Maton key', async () => {
    server.use(http.post(sessionPath(MATON_PREFIX), () => faults.status(401, { body: '' })));
    const error = await matonWati(server)
      .send(text)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('MATON_API_KEY');
    expect((error as Error).message).not.toContain(MATON_KEY);
  });

  it('reads an HTML 502 from a gateway as a retryable provider_unavailable ApiError', async () => {
    server.use(
      http.post(sessionPath(TENANT), () =>
        faults.status(502, {
          body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
          headers: { 'content-type': 'text/html' },
        }),
      ),
    );
    const error = await directWati(server)
      .send(text)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'provider_unavailable', status: 502, retryable: true });
    expect((error as Error).message).toContain('text/html page "502 Bad Gateway"');
  });

  it('redacts the token when a server echoes it in an error body', async () => {
    server.use(
      http.post(sessionPath(TENANT), () => faults.status(400, { body: { title: `bad token ${TOKEN}` } })),
    );
    const error = (await directWati(server)
      .send(text)
      .catch((caught: unknown) => caught)) as ApiError;
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
    expect(error.responseBody).toContain('[redacted]');
  });

  it.each(['both', 'query'] as const)(
    "keeps the text out of a failed send's errors and hook events (%s)",
    async (sessionTextEncoding) => {
      let refusal: 'http' | 'soft' = 'http';
      server.use(
        http.post(sessionPath(TENANT), () =>
          refusal === 'http'
            ? faults.status(400, { body: { title: 'Bad Request' } })
            : HttpResponse.json({ result: false, info: 'Ticket has been expired.' }),
        ),
      );
      const events: unknown[] = [];
      const hooks: TransportHooks = {
        onRequest: (event) => events.push(event),
        onResponse: (event) => events.push(event),
      };
      const provider = directWati(server, { sessionTextEncoding, hooks });
      const message = { ...text, text: 'Your one-time code is 493817' };
      const httpError = (await provider.send(message).catch((caught: unknown) => caught)) as ApiError;
      refusal = 'soft';
      const softError = (await provider.send(message).catch((caught: unknown) => caught)) as ApiError;
      expect(httpError).toMatchObject({ status: 400 });
      expect(softError).toMatchObject({ code: 'session_window_closed', status: 200 });
      expect(events).toHaveLength(4);
      const shown = JSON.stringify([httpError.toJSON(), softError.toJSON(), events]);
      expect(shown).not.toContain('493817');
      expect(softError.url).toContain('messageText=%5Bredacted%5D');
      // Masked where it is shown, sent as it is.
      expect(server.requests.map((request) => request.query.get('messageText'))).toStrictEqual([
        message.text,
        message.text,
      ]);
    },
  );

  it('does not repeat a send after an ambiguous 500 unless the call has an idempotencyKey', async () => {
    const retry = { maxRetries: 1, baseDelayMs: 0 };
    server.use(
      http.post(
        sessionPath(TENANT),
        failTimes(
          1,
          () => faults.status(500),
          () => HttpResponse.json(SESSION_RESPONSE),
        ),
      ),
    );
    await expect(directWati(server, { retry }).send(text)).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(server.requests).toHaveLength(1);
    server.clearRequests();
    server.resetHandlers();
    server.use(
      http.post(
        sessionPath(TENANT),
        failTimes(
          1,
          () => faults.status(500),
          () => HttpResponse.json(SESSION_RESPONSE),
        ),
      ),
    );
    const result = await directWati(server, { retry }).send(text, {
      idempotencyKey: 'order-42-confirmation',
    });
    expect(server.requests).toHaveLength(2);
    expect(result.id).toBe('693fd65f961dc81779391640');
  });

  it("passes the caller's signal to the request", async () => {
    let arrived: () => void = () => {};
    const received = new Promise<void>((resolve) => (arrived = resolve));
    let disconnected: () => void = () => {};
    const clientGone = new Promise<void>((resolve) => (disconnected = resolve));
    server.use(
      http.post(sessionPath(TENANT), ({ request }) => {
        request.signal.addEventListener('abort', () => disconnected(), { once: true });
        arrived();
        return faults.hang(request);
      }),
    );
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const sending = directWati(server).send(text, { signal: controller.signal });
    // Abort only once WATI has the request: the signal must reach the request in flight.
    await received;
    controller.abort(reason);
    await expect(sending).rejects.toBe(reason);
    // The request was cancelled on the wire, not left running while the call gave up.
    await clientGone;
    expect(server.requests).toHaveLength(1);
  });

  it('rejects an invalid message before any request', async () => {
    await expect(directWati(server).send({ ...text, to: '020 7946 0958' })).rejects.toMatchObject({
      name: 'ValidationError',
      fields: ['to'],
    });
    expect(server.requests).toHaveLength(0);
  });
});
