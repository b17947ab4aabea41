import { type HttpErrorContext, parseJsonSafely } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
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

const direct = createWatiErrorMapper('direct');
const maton = createWatiErrorMapper('maton');

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

  it('hints at a missing connection for a bare Maton 400', () => {
    expect(maton(context(400, ''))?.message).toContain(
      'no active WATI connection exists: create one with watiMatonConnections',
    );
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
