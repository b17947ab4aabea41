import {
  ApiError,
  AuthenticationError,
  type ErrorCode,
  RateLimitError,
  type SwitchboardError,
} from '@switchboard/core';
import { faults } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import errorResponse from './__fixtures__/error-response.json' with { type: 'json' };
import { graphError } from './__fixtures__/graph-error-body.js';
import { ACCESS_TOKEN, directCloud, matonCloud, startGraphServer } from './__fixtures__/graph-server.js';
import { GRAPH_ERROR_RULES, graphErrorRule } from './graph-error-codes.js';

type ErrorClass = typeof ApiError | typeof AuthenticationError | typeof RateLimitError;

/** Sends a text whose body names the code; the server answers with that Graph error. */
async function errorFor(
  code: number,
  status = 400,
  extra: Record<string, unknown> = {},
): Promise<SwitchboardError> {
  await using server = await startGraphServer(
    http.post('/v21.0/:phone/messages', () => HttpResponse.json(graphError(code, extra), { status })),
  );
  const error = await directCloud(server)
    .send({ type: 'text', to: '16505551234', text: String(code) })
    .catch((caught: unknown) => caught);
  expect(server.requests).toHaveLength(1);
  return error as SwitchboardError;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// [code, HTTP status Meta uses, class, neutral code, retryable, retryAfterMs]
const TABLE: [number, number, ErrorClass, ErrorCode, boolean, number | undefined][] = [
  // throttling: RateLimitError, retryable after a delay
  [4, 400, RateLimitError, 'rate_limited', true, MINUTE],
  [80007, 400, RateLimitError, 'rate_limited', true, MINUTE],
  [130429, 400, RateLimitError, 'rate_limited', true, SECOND],
  [130429, 429, RateLimitError, 'rate_limited', true, SECOND],
  [131048, 400, RateLimitError, 'rate_limited', true, HOUR],
  [131056, 400, RateLimitError, 'rate_limited', true, 6 * SECOND],
  // do not retry
  [131026, 400, ApiError, 'invalid_recipient', false, undefined],
  [131030, 400, ApiError, 'invalid_recipient', false, undefined],
  [131031, 403, AuthenticationError, 'auth_failed', false, undefined],
  [131047, 400, ApiError, 'session_window_closed', false, undefined],
  [131049, 400, ApiError, 'unknown', false, undefined],
  [131050, 400, ApiError, 'invalid_recipient', false, undefined],
  [132000, 400, ApiError, 'template_not_found', false, undefined],
  [132001, 404, ApiError, 'template_not_found', false, undefined],
  [368, 403, AuthenticationError, 'auth_failed', false, undefined],
  // tokens and permissions
  [0, 401, AuthenticationError, 'auth_failed', false, undefined],
  [190, 401, AuthenticationError, 'auth_failed', false, undefined],
  [10, 403, AuthenticationError, 'auth_failed', false, undefined],
  [200, 403, AuthenticationError, 'auth_failed', false, undefined],
  [299, 403, AuthenticationError, 'auth_failed', false, undefined],
  // transient server errors, retryable (decided on the code, not the status)
  [1, 400, ApiError, 'provider_unavailable', true, undefined],
  [2, 503, ApiError, 'provider_unavailable', true, undefined],
  [131000, 500, ApiError, 'provider_unavailable', true, undefined],
  [131016, 500, ApiError, 'provider_unavailable', true, undefined],
  [131057, 500, ApiError, 'provider_unavailable', true, undefined],
  [133004, 503, ApiError, 'provider_unavailable', true, undefined],
  // invalid requests and media
  [100, 400, ApiError, 'validation_failed', false, undefined],
  [131008, 400, ApiError, 'validation_failed', false, undefined],
  [131009, 400, ApiError, 'validation_failed', false, undefined],
  [132012, 400, ApiError, 'validation_failed', false, undefined],
  [131053, 400, ApiError, 'media_invalid', false, undefined],
  // a known non-retryable code stays so even with a 5xx
  [131045, 500, ApiError, 'unknown', false, undefined],
  // unlisted codes fall back to the HTTP status
  [999999, 500, ApiError, 'provider_unavailable', true, undefined],
  [999999, 400, ApiError, 'unknown', false, undefined],
  [999999, 429, RateLimitError, 'rate_limited', true, undefined],
  [999999, 403, AuthenticationError, 'auth_failed', false, undefined],
];

describe('Graph errors through the transport', () => {
  it.each(TABLE)(
    'code %i with HTTP %i is a %O (%s, retryable %s)',
    async (code, status, Class, neutral, retryable, retryAfterMs) => {
      const error = await errorFor(code, status);
      expect(Class.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        provider: 'whatsapp-cloud',
        code: neutral,
        retryable,
        status,
        providerCode: code,
        requestId: `trace-${code}`,
      });
      expect(error.retryAfterMs).toBe(retryAfterMs);
    },
  );

  it('maps the contract’s 131030 example with Meta’s message, details, fbtrace_id and a hint', async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', () => HttpResponse.json(errorResponse, { status: 400 })),
    );
    const error = await directCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'hi' })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_recipient',
      retryable: false,
      status: 400,
      providerCode: 131030,
      requestId: 'AI1JqI6Rqv8H-kZ4VPsKZm2',
      url: `${server.url}/v21.0/106540352242922/messages`,
    });
    expect((error as Error).message).toBe(
      `WhatsApp Cloud API error 131030 (HTTP 400) on POST ${server.url}/v21.0/106540352242922/messages: ` +
        '(#131030) Recipient phone number not in allowed list. ' +
        'Details: Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again. ' +
        'Hint: add the number to the allowed list of the test phone number in the App Dashboard',
    );
  });

  it('says a 131047 needs a template', async () => {
    expect((await errorFor(131047)).message).toContain('send an approved template instead');
  });

  it('takes the wait from Retry-After, then from X-Business-Use-Case-Usage', async () => {
    await using server = await startGraphServer();
    server.use(
      http.post('/v21.0/:phone/messages', () =>
        faults.status(400, { body: graphError(130429), retryAfter: 7 }),
      ),
      http.post('/v21.0/:phone/media', () =>
        faults.status(400, {
          body: graphError(80007),
          headers: {
            'x-business-use-case-usage': JSON.stringify({
              '102290129340398': [{ type: 'whatsapp', call_count: 100, estimated_time_to_regain_access: 3 }],
            }),
          },
        }),
      ),
    );
    const cloud = directCloud(server);
    const sent = await cloud
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect((sent as RateLimitError).retryAfterMs).toBe(7000);
    const uploaded = await cloud.media
      .upload({ data: new Uint8Array(10), mimeType: 'image/png' })
      .catch((caught: unknown) => caught);
    expect((uploaded as RateLimitError).retryAfterMs).toBe(3 * MINUTE);
  });

  it('treats an unlisted transient error (is_transient) as retryable', async () => {
    const error = await errorFor(987654, 400, { is_transient: true });
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
  });

  it('classifies a bare Graph error without error_data, as Meta sends for tokens and unknown ids', async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', () =>
        HttpResponse.json(
          {
            error: {
              message: 'Invalid OAuth access token - Cannot parse access token',
              type: 'OAuthException',
              code: 190,
              fbtrace_id: 'AbC123',
            },
          },
          { status: 401 },
        ),
      ),
    );
    const error = (await directCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'hi' })
      .catch((caught: unknown) => caught)) as SwitchboardError;
    expect(error).toMatchObject({ code: 'auth_failed', providerCode: 190, requestId: 'AbC123', status: 401 });
  });

  it('reads error_data given as a string and the subcode', async () => {
    const error = await errorFor(100, 400, { error_data: 'Invalid parameter value', error_subcode: 2388024 });
    expect(error.message).toContain('error 100, subcode 2388024');
    expect(error.message).toContain('Details: Invalid parameter value');
  });

  it('tells a direct user to check the access token, without printing it', async () => {
    const error = await errorFor(190, 401);
    expect(error.message).toContain('accessToken');
    expect(error.message).toContain('WHATSAPP_ACCESS_TOKEN');
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });

  it('tells a Maton user that the connection needs re-authorizing on a Graph 190', async () => {
    await using server = await startGraphServer(
      http.post('/whatsapp-business/v21.0/:phone/messages', () =>
        HttpResponse.json(graphError(190), { status: 401 }),
      ),
    );
    const error = await matonCloud(server)
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('re-authorize the connection');
  });
});

describe('graph-error-codes table', () => {
  // Every code the table has a row for, plus 200 and 299: the ends of Graph's permission range (200–299), classified as one family.
  const DOCUMENTED = [
    0, 1, 2, 3, 4, 10, 33, 100, 190, 200, 299, 368, 80007, 130429, 130472, 130497, 131000, 131005, 131008,
    131009, 131016, 131021, 131026, 131030, 131031, 131037, 131042, 131045, 131047, 131048, 131049, 131050,
    131051, 131052, 131053, 131056, 131057, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 132068,
    132069, 133000, 133004, 133005, 133006, 133008, 133009, 133010, 133015, 133016, 135000,
  ];

  const CLASSES = { auth: AuthenticationError, rate_limit: RateLimitError, api: ApiError } as const;

  it.each(DOCUMENTED)('classifies code %i by its row', async (code) => {
    const rule = graphErrorRule(code);
    if (rule === undefined) throw new Error(`no rule for ${code}`);
    const error = await errorFor(code, 400);
    expect(CLASSES[rule.kind].isInstance(error)).toBe(true);
    expect(error).toMatchObject({ providerCode: code, code: rule.category, retryable: rule.retryable });
    expect(error.retryAfterMs).toBe(rule.defaultRetryAfterMs);
    expect(error.message).toContain(`Details of ${code}`);
  });

  it('names a source URL on every row and agrees with itself', () => {
    for (const rule of GRAPH_ERROR_RULES) {
      expect(rule.sources.length, String(rule.code)).toBeGreaterThan(0);
      for (const source of rule.sources) expect(source).toMatch(/^https:\/\/developers\.facebook\.com\//);
      if (rule.kind === 'rate_limit') expect([rule.category, rule.retryable]).toEqual(['rate_limited', true]);
      if (rule.kind === 'auth') expect([rule.category, rule.retryable]).toEqual(['auth_failed', false]);
      if (rule.defaultRetryAfterMs !== undefined) expect(rule.retryable).toBe(true);
    }
    const codes = GRAPH_ERROR_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of DOCUMENTED.filter((code) => code !== 200 && code !== 299))
      expect(codes).toContain(code);
  });
});
