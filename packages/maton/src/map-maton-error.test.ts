import { ApiError, AuthenticationError, type HttpErrorContext } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { mapMatonError, matonUpstreamCredentialHint } from './map-maton-error.js';

function context(status: number, bodyText = '', contentType = 'text/plain'): HttpErrorContext {
  return {
    provider: 'wati',
    method: 'POST',
    url: 'https://api.maton.ai/wati/api/v1/sendSessionMessage/14155551234',
    status,
    headers: { 'content-type': contentType },
    bodyText,
    json: undefined,
    retryAfterMs: undefined,
  };
}

describe('mapMatonError', () => {
  it('says which key and connection to check on 401, without their values', () => {
    const error = mapMatonError(context(401, 'Unauthorized'), 'wati');
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('MATON_API_KEY');
    expect(error?.message).toContain('MATON_CONNECTION_ID');
    expect(error?.status).toBe(401);
  });

  it('explains a 400 about connections as an authentication problem with the way out', () => {
    const error = mapMatonError(context(400, 'No active connection found'), 'wati');
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error?.message).toContain("createMatonConnections({ apiKey, app: 'wati' })");
  });

  it('keeps another 400 a validation failure, still with the connection hint', () => {
    const error = mapMatonError(context(400, 'Bad request'), 'whatsapp-business');
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error?.code).toBe('validation_failed');
    expect(error?.message).toContain("app: 'whatsapp-business'");
  });

  it('makes a 5xx retryable provider_unavailable that names the gateway', () => {
    const error = mapMatonError(context(502, '<html><title>Bad Gateway</title></html>', 'text/html'), 'wati');
    expect(error?.code).toBe('provider_unavailable');
    expect(error?.retryable).toBe(true);
    expect(error?.message).toContain('Maton answered HTTP 502');
    expect(error?.message).toContain('"Bad Gateway"');
  });

  it('leaves other statuses to the adapter', () => {
    expect(mapMatonError(context(404), 'wati')).toBeUndefined();
    expect(mapMatonError(context(429), 'wati')).toBeUndefined();
  });

  it('says where to re-authorize a credential Maton holds', () => {
    expect(matonUpstreamCredentialHint('whatsapp-business')).toContain('re-authorize the connection');
  });
});
