import { HttpResponse } from 'msw';
import { faults } from '../faults.js';
import { traceId } from './wati-ids.js';

/** A JSON answer, HTTP 200 unless told. */
export function watiJson(body: Record<string, unknown>, status = 200): Response {
  return HttpResponse.json(body, { status });
}

/**
 * WATI's "soft" failure: HTTP 200 with `result: false` and the reason in `info`. WATI reports most
 * business errors this way (expired session, unknown contact, invalid number), so a client that only
 * checks the status code silently loses messages.
 */
export function watiSoftFailure(info: string, extra: Record<string, unknown> = {}): Response {
  return watiJson({ result: false, info, ...extra });
}

/** The plain-text 401 WATI answers for a missing or wrong token (no JSON body). */
export function watiUnauthorized(): Response {
  return faults.plainText(401, 'Unauthorized');
}

/** The plain-text 404 of an unknown route, a wrong tenant segment or an unknown media file. */
export function watiNotFound(): Response {
  return faults.plainText(404, 'Not Found');
}

/** The empty 405 ASP.NET Core answers when a route exists for another method. */
export function watiMethodNotAllowed(allowed: readonly string[]): Response {
  return new Response(null, { status: 405, headers: { allow: allowed.join(', ') } });
}

/**
 * A 400 in ASP.NET Core's problem-details form, which is what WATI's model binding answers for a missing
 * or malformed parameter. WATI documents no v1 400 body, so the shape is an inference.
 */
export function watiValidationProblem(errors: Record<string, string[]>): Response {
  return HttpResponse.json(
    {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: traceId(),
      errors,
    },
    { status: 400, headers: { 'content-type': 'application/problem+json; charset=utf-8' } },
  );
}

/** ASP.NET Core's 415 for a `[FromBody]` endpoint called with a body that is not JSON. */
export function watiUnsupportedMediaType(): Response {
  return HttpResponse.json(
    {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.13',
      title: 'Unsupported Media Type',
      status: 415,
      traceId: traceId(),
    },
    { status: 415, headers: { 'content-type': 'application/problem+json; charset=utf-8' } },
  );
}
