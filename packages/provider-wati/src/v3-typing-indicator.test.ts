// WATI's answer to a V3 typing indicator, over the real transport to a loopback server. WATI
// documents no response model for it, so every answer shape is pinned here: what counts as
// accepted, and that anything else is a typed error rather than a crash or a false success.
import { ApiError, SwitchboardError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { directWati, startWatiServer } from './__fixtures__/wati-server.js';

const PATH = '/api/ext/v3/conversations/typingIndicator';
const typing = { type: 'typing_indicator' as const, to: '14155551234', messageId: 'wamid.inbound-1' };

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function answering(...responses: (() => Response)[]): Promise<LoopbackServer> {
  let call = 0;
  server = await startWatiServer([
    http.post(PATH, () => {
      const respond = responses[Math.min(call, responses.length - 1)] as () => Response;
      call += 1;
      return respond();
    }),
  ]);
  return server;
}

const v3 = (s: LoopbackServer, options = {}) => directWati(s, { api: 'v3', ...options });

describe('the answer to a V3 typing indicator', () => {
  it('an empty 200 is accepted: the result is the inbound messageId, raw null', async () => {
    const s = await answering(() => new HttpResponse(null, { status: 200 }));
    await expect(v3(s).send(typing)).resolves.toStrictEqual({
      id: 'wamid.inbound-1',
      provider: 'wati',
      to: '14155551234',
      status: 'accepted',
      raw: null,
    });
    expect(s.requests.map((request) => [request.method, request.path, request.json()])).toStrictEqual([
      ['POST', PATH, { target: '14155551234' }],
    ]);
    expect(s.requests[0]?.contentType).toBe('application/json');
  });

  it('a JSON object is accepted and kept as raw', async () => {
    const s = await answering(() => HttpResponse.json({ result: true }));
    await expect(v3(s).send(typing)).resolves.toMatchObject({ id: 'wamid.inbound-1', raw: { result: true } });
  });

  it('HTTP 200 with result: false is WATI saying no, a typed ApiError with its reason', async () => {
    const s = await answering(() => HttpResponse.json({ result: false, info: 'Ticket has been expired.' }));
    const error = await v3(s)
      .send(typing)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'session_window_closed', status: 200, retryable: false });
  });

  it.each([
    ['a JSON list', () => HttpResponse.json([{ result: true }])],
    ['a JSON string', () => HttpResponse.json('ok')],
    ['a number', () => HttpResponse.json(1)],
    ['HTML', () => new HttpResponse('<html>gateway</html>', { headers: { 'content-type': 'text/html' } })],
  ])('%s is an ApiError naming the unexpected body, not a success', async (_, respond) => {
    const s = await answering(respond);
    const error = await v3(s)
      .send(typing)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'wati', status: 200, code: 'unknown' });
  });

  it('V3’s 400 { code, message, timestamp } is classified by its message', async () => {
    const s = await answering(() =>
      HttpResponse.json(
        { code: 400, message: 'Ticket has been expired.', timestamp: '2026-03-01T10:00:00Z' },
        { status: 400 },
      ),
    );
    await expect(v3(s).send(typing)).rejects.toMatchObject({ code: 'session_window_closed', status: 400 });
  });

  it('is idempotent: with retries on, a 500 is retried (showing it twice changes nothing)', async () => {
    const s = await answering(
      () => HttpResponse.json({ code: 500, message: 'Unexpected error occurred.' }, { status: 500 }),
      () => HttpResponse.json({ result: true }),
    );
    const result = await v3(s, { retry: { maxRetries: 1, baseDelayMs: 0 } }).send(typing);
    expect(result.id).toBe('wamid.inbound-1');
    expect(s.requests).toHaveLength(2);
  });

  it('every refusal is a SwitchboardError: nothing escapes untyped', async () => {
    const s = await answering(
      () => new HttpResponse('{"result":', { headers: { 'content-type': 'application/json' } }),
    );
    const error = await v3(s)
      .send(typing)
      .catch((caught: unknown) => caught);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect(ApiError.isInstance(error)).toBe(true);
  });
});
