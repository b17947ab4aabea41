// Error bodies that are not Graph errors: gateway pages, plain text, and the Maton gateway's own
// answers, which the gateway classifies (its wording is @switchboard/maton's).
import { ApiError, AuthenticationError, RateLimitError } from '@switchboard/core';
import { faults } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { directCloud, MATON_API_KEY, matonCloud, startGraphServer } from './__fixtures__/graph-server.js';

describe('non-Graph error bodies', () => {
  it('turns an HTML gateway page into a retryable ApiError that names the page', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:id', () => faults.htmlPage(502, 'Bad Gateway')),
    );
    const error = await directCloud(server)
      .media.get('123')
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, status: 502 });
    expect((error as Error).message).toContain('"502 Bad Gateway"');
  });

  it('turns a plain-text 503 into a retryable ApiError quoting it', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:id', () => faults.plainText(503, 'upstream connect error')),
    );
    const error = await directCloud(server)
      .media.get('123')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, status: 503 });
    expect((error as Error).message).toContain('upstream connect error');
  });

  it('turns a plain-text 400 into a non-retryable ApiError', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:id', () => faults.plainText(400, 'Bad request')),
    );
    const error = await directCloud(server)
      .media.get('123')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'validation_failed', retryable: false, status: 400 });
  });

  it('explains a Maton 401 naming the key to check, never its value', async () => {
    await using server = await startGraphServer(
      http.post('/whatsapp-business/v21.0/:phone/messages', () => faults.plainText(401, 'Invalid API key')),
    );
    const error = await matonCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    expect((error as Error).message).toContain('MATON_API_KEY');
    expect(JSON.stringify(error)).not.toContain(MATON_API_KEY);
    expect((error as Error).message).not.toContain(MATON_API_KEY);
  });

  it.each([
    ['a JSON error string', { error: 'Invalid API key' }],
    ['a Graph-shaped body with a code Meta does not use', { error: { message: 'Unauthorized', code: 401 } }],
  ])('explains a Maton 401 with %s as the Maton key', async (_label, body) => {
    await using server = await startGraphServer(
      http.post('/whatsapp-business/v21.0/:phone/messages', () => HttpResponse.json(body, { status: 401 })),
    );
    const error = await matonCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('Maton rejected the credentials');
    expect((error as Error).message).toContain('MATON_API_KEY');
    expect(JSON.stringify(error)).not.toContain(MATON_API_KEY);
  });

  it('tells a Maton user without a connection to create and authorize one', async () => {
    await using server = await startGraphServer(
      http.post('/whatsapp-business/v21.0/:phone/messages', () =>
        HttpResponse.json({ error: 'No active connection found for app whatsapp-business' }, { status: 400 }),
      ),
    );
    const error = await matonCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      "createMatonConnections({ apiKey, app: 'whatsapp-business' })",
    );
    expect((error as Error).message).toContain('authorize');
    expect(JSON.stringify(error)).not.toContain(MATON_API_KEY);
  });

  it('mentions the missing connection as a possible cause of any other Maton 400', async () => {
    await using server = await startGraphServer(
      http.post('/whatsapp-business/v21.0/:phone/messages', () => faults.plainText(400, 'Bad request')),
    );
    const error = await matonCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'validation_failed', retryable: false });
    expect((error as Error).message).toContain('no ACTIVE whatsapp-business connection');
  });

  it('treats a Maton 429 as a rate limit with its Retry-After', async () => {
    await using server = await startGraphServer(
      http.post('/whatsapp-business/v21.0/:phone/messages', () =>
        faults.status(429, { retryAfter: 2, body: 'slow down' }),
      ),
    );
    const error = await matonCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(2000);
  });
});
