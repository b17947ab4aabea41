import type { z } from 'zod';
import { watiUnsupportedMediaType, watiValidationProblem } from './wati-responses.js';

/** A parsed input, or the error response to answer instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The request's media type without parameters, lower-cased; `undefined` without a `content-type`. */
export function mediaTypeOf(request: Request): string | undefined {
  const header = request.headers.get('content-type');
  if (header === null) return undefined;
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The JSON media types WATI's ASP.NET Core input formatter takes: its own samples send
 * `application/json-patch+json`, most clients `application/json`.
 */
export function isJsonMediaType(mediaType: string | undefined): boolean {
  return (
    mediaType === 'application/json' ||
    mediaType === 'text/json' ||
    /^application\/[^/]+\+json$/.test(mediaType ?? '')
  );
}

/** Turns zod issues into problem-details `errors`, keyed by ASP.NET-style paths (`receivers[0].whatsappNumber`). */
export function problemFromIssues(issues: readonly z.core.$ZodIssue[], root = ''): Response {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.path.reduce<string>((key, part) => {
      if (typeof part === 'number') return `${key}[${part}]`;
      return key === '' ? String(part) : `${key}.${String(part)}`;
    }, root);
    const key = path === '' ? '$' : path;
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return watiValidationProblem(errors);
}

/** Validates a value with a schema, answering 400 with the failing fields. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, response: problemFromIssues(result.error.issues) };
}

/**
 * Reads a `[FromBody]` JSON body: 415 when the content type is not JSON, 400 when it does not parse or
 * does not match the schema.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  if (!isJsonMediaType(mediaTypeOf(request))) return { ok: false, response: watiUnsupportedMediaType() };
  let value: unknown;
  try {
    value = JSON.parse(await request.text());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      response: watiValidationProblem({ $: [`The JSON value could not be converted: ${reason}`] }),
    };
  }
  return validate(schema, value);
}

/** Reads a `multipart/form-data` body; `undefined` when the request is not multipart or does not parse. */
export async function readMultipart(request: Request): Promise<FormData | undefined> {
  if (mediaTypeOf(request) !== 'multipart/form-data') return undefined;
  try {
    return await request.formData();
  } catch {
    return undefined;
  }
}
