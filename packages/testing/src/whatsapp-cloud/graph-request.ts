import type { CloudEmulatorStore } from './cloud-emulator-store.js';
import type { CloudSentMessage } from './cloud-emulator-types.js';
import type { CloudIds } from './cloud-ids.js';
import { graphErrors } from './graph-error.js';
import type { MetaSchemaValidator } from './meta-schema-validator.js';

/** What every endpoint of the emulator shares. */
export interface CloudEmulatorContext {
  readonly store: CloudEmulatorStore;
  readonly ids: CloudIds;
  readonly now: () => Date;
  readonly accessTokens: ReadonlySet<string>;
  /** Status given to templates created through the API. */
  readonly templateReviewStatus: 'APPROVED' | 'PENDING';
  validator(): Promise<MetaSchemaValidator>;
  /** Called after a send was accepted, to schedule its status webhooks. */
  messageAccepted(message: CloudSentMessage): void;
}

/** An authenticated request to a Graph path, split into its parts. */
export interface GraphRequest {
  readonly request: Request;
  /** Upper-case method. */
  readonly method: string;
  readonly url: URL;
  /** `http://127.0.0.1:port`: where the client reached the emulator. */
  readonly origin: string;
}

/** A JSON answer with the content type Graph uses. */
export function graphJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  });
}

/**
 * The body of a JSON POST as an object. Graph reads a body without a JSON content type as form fields, so
 * a JSON body sent without `Content-Type: application/json` fails there too: the emulator says so.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw graphErrors.invalidParameter(
      `Expected a JSON body with Content-Type: application/json, got ${contentType === '' ? 'no content type' : contentType}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(await request.text());
  } catch {
    throw graphErrors.invalidParameter('The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw graphErrors.invalidParameter('The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * The `fields` query parameter (comma-separated), or `defaults` without one. A field the node type does not
 * have is a Graph error naming it, as Meta answers.
 */
export function requestedFields(
  url: URL,
  known: readonly string[],
  defaults: readonly string[],
  nodeType: string,
): string[] {
  const param = url.searchParams.get('fields');
  if (param === null || param.trim() === '') return [...defaults];
  const fields = param
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  for (const field of fields) {
    if (!known.includes(field)) throw graphErrors.nonexistingField(field, nodeType);
  }
  return fields;
}

/** The members of `source` named in `fields`, in that order, skipping the ones it lacks. */
export function pickFields(
  source: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    if (source[field] !== undefined) picked[field] = source[field];
  }
  return picked;
}
