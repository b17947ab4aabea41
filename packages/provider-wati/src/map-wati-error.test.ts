import { type HttpErrorContext, type ProviderGateway, parseJsonSafely } from '@switchboard/core';
import { createMatonGateway } from '@switchboard/maton';
import { describe, expect, it, vi } from 'vitest';
import { createWatiErrorMapper } from './map-wati-error.js';
import { classifyWatiFailureText, failureText, isWatiSoftFailure } from './wati-soft-failure.js';

function context(status: number, body: string, headers: Record<string, string> = {}): HttpErrorContext {
  const parsed = parseJsonSafely(body);
  return {
    provider: 'wati',
    method: 'POST',
    url: 'https://live-mt-server.wati.io/123456/api/v1/sendSessionMessage/14155551234',
    status,
    headers,
    bodyText: body,
    json: parsed.ok ? parsed.value : undefined,
    retryAfterMs: headers['retry-after'] === undefined ? undefined : Number(headers['retry-after']) * 1000,
  };
}

const direct = createWatiErrorMapper();
const maton = createWatiErrorMapper({ gateway: createMatonGateway({ apiKey: 'maton-key-0123456789' }) });

describe('createWatiErrorMapper', () => {
  it('reads 403 as an AuthenticationError about permissions', () => {
    const error = direct(context(403, ''));
    expect(error).toMatchObject({ name: 'AuthenticationError', code: 'auth_failed', status: 403 });
    expect(error?.message).toContain('lack permission');
    expect(error?.message).toContain('WATI_API_TOKEN');
  });

  it('hints at the tenant id for a bare 404 on the direct transport', () => {
    const error = direct(context(404, 'Not Found', { 'content-type': 'text/plain' }));
    expect(error).toMatchObject({ name: 'ApiError', code: 'unknown', status: 404, retryable: false });
    expect(error?.message).toContain('baseUrl lacks the tenant id');
  });

  it('leaves a bare 400 through Maton to the gateway, which hints at the missing connection', () => {
    expect(maton(context(400, ''))?.message).toContain("createMatonConnections({ apiKey, app: 'wati' })");
  });

  it("names the WATI token on a direct 401, and Maton's key on a bare 401 through Maton", () => {
    expect(direct(context(401, 'Unauthorized'))?.message).toContain('WATI_API_TOKEN');
    const error = maton(context(401, ''));
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(error?.message).toContain('MATON_API_KEY');
    expect(error?.message).not.toContain('WATI_API_TOKEN');
  });

  it("reads WATI's own error body first, with the gateway's upstream credential hint on 401", () => {
    const gateway: ProviderGateway = {
      id: 'relay',
      baseUrl: () => 'https://relay.example/wati',
      headers: () => ({}),
      secrets: [],
      rateLimiter: undefined,
      mapError: vi.fn(() => undefined),
      upstreamCredentialHint: (api) => `re-link your ${api} account in the relay`,
    };
    const mapper = createWatiErrorMapper({ gateway });
    const error = mapper(context(401, '{"result":false,"info":"Invalid token"}'));
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(error?.message).toContain('Invalid token');
    expect(error?.message).toContain('re-link your wati account in the relay');
    expect(gateway.mapError).not.toHaveBeenCalled();
    // A body that is not WATI's goes to the gateway, and when it defers, to WATI's reading by status.
    expect(mapper(context(503, 'upstream down'))).toMatchObject({ code: 'provider_unavailable' });
    expect(gateway.mapError).toHaveBeenCalledWith(expect.objectContaining({ status: 503 }), 'wati');
    // No tenant-id hint through a gateway: its base URL is not the user's to fix.
    expect(mapper(context(404, ''))?.message).not.toContain('tenant id');
  });

  it('reads 429 as a retryable RateLimitError with Retry-After', () => {
    expect(direct(context(429, '', { 'retry-after': '7' }))).toMatchObject({
      name: 'RateLimitError',
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 7000,
    });
  });

  it('classifies the text of 4xx bodies', () => {
    expect(direct(context(400, '{"result":false,"info":"Ticket has been expired."}'))).toMatchObject({
      code: 'session_window_closed',
      retryable: false,
    });
    expect(
      direct(context(422, '{"code":1004,"message":"Template not found","timestamp":"2026-01-01T00:00:00Z"}')),
    ).toMatchObject({
      code: 'template_not_found',
    });
    expect(direct(context(400, '{"title":"Bad Request","status":400}'))).toMatchObject({
      code: 'validation_failed',
    });
  });

  it('reads 5xx as retryable provider_unavailable', () => {
    expect(direct(context(503, '{"message":"Something went wrong on WATI\'s end"}'))).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      message: expect.stringContaining("Something went wrong on WATI's end"),
    });
  });
});

describe('soft failures', () => {
  it.each([
    [{ result: false }, true],
    [{ ok: false }, true],
    [{ ok: 'false' }, true],
    [{ result: 'error' }, true],
    [{ result: 'success' }, false],
    [{ result: true }, false],
    [{ ok: true, errors: [], message: { id: '1' } }, false],
    [{ errors: ['Bad'] }, true],
    [null, false],
  ])('%j is a soft failure: %s', (body, expected) => {
    expect(isWatiSoftFailure(body)).toBe(expected);
  });

  it('takes the reason from info, message, error, RFC 7807 fields or failedDetail', () => {
    expect(failureText({ info: 'A', message: 'B' })).toBe('A');
    expect(failureText({ message: 'B', error: 'C' })).toBe('B');
    expect(failureText({ error: { message: 'D' } })).toBe('D');
    expect(failureText({ title: 'Invalid', errors: { messageText: ['Required'] } })).toBe(
      'Invalid: messageText: Required',
    );
    expect(failureText({ message: { failedDetail: 'Message undeliverable' } })).toBe('Message undeliverable');
    expect(failureText({ result: false })).toBeUndefined();
  });

  it.each([
    ['Ticket has been expired.', 'session_window_closed'],
    ['ticket expired', 'session_window_closed'],
    ['Template not found', 'template_not_found'],
    ["Template doesn't exist", 'template_not_found'],
    ['Invalid WhatsApp number', 'invalid_recipient'],
    ['The number is not on WhatsApp', 'invalid_recipient'],
    ['Number is invalid', 'invalid_recipient'],
    ['Not enough credits', 'unknown'],
    // A template that exists but was sent with the wrong parameters is not a missing template.
    ['Invalid parameters for template order_update: missing name, ordernumber', 'validation_failed'],
    ['Template parameter missing: name', 'validation_failed'],
  ])('classifies %j as %s', (text, code) => {
    expect(classifyWatiFailureText(text)).toBe(code);
  });
});
