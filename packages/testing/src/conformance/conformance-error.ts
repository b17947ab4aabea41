import { inspect } from 'node:util';
import {
  CONFORMANCE_ERROR_CODES,
  type ConformanceErrorCode,
  SWITCHBOARD_ERROR_MARKER,
} from './contract-names.js';

/** A provider failed a conformance check; the message says which rule and what happened instead. */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}

/** Throws a {@link ConformanceError}. */
export function fail(message: string): never {
  throw new ConformanceError(message);
}

/**
 * Describes a value for a failure message, with every secret replaced by its name (test output lands in
 * CI logs), cut to a readable length.
 */
export function describeValue(value: unknown, secrets: Readonly<Record<string, string>>): string {
  const text =
    value instanceof Error
      ? `${value.name}: ${value.message}${describeFields(value)}`
      : inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
  const masked = maskSecrets(text, secrets);
  return masked.length > 600 ? `${masked.slice(0, 600)}…` : masked;
}

function describeFields(error: Error): string {
  const fields: string[] = [];
  for (const key of ['code', 'provider', 'retryable', 'status', 'capability'] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields.push(`${key}: ${inspect(value)}`);
  }
  return fields.length === 0 ? '' : ` { ${fields.join(', ')} }`;
}

/** `text` with every secret (in each encoded form the kit searches for) replaced by `<secrets.name>`. */
export function maskSecrets(text: string, secrets: Readonly<Record<string, string>>): string {
  let masked = text;
  for (const [name, value] of Object.entries(secrets)) {
    for (const form of secretForms(value)) masked = masked.split(form).join(`<secrets.${name}>`);
  }
  return masked;
}

/**
 * The forms a secret can take once it leaks: as is, JSON-escaped, URL-encoded, and in base64 (as in a
 * Basic `Authorization` header or a data URL), also where it is encoded after other bytes (`user:secret`).
 */
export function secretForms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
  const bytes = Buffer.from(secret, 'utf8');
  for (const encoding of ['base64', 'base64url'] as const) {
    // Encoded after 0, 1 or 2 other bytes, the secret's bytes land differently in base64's 3-byte groups:
    // keep the groups made of the secret's bytes alone.
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(encoding);
      const whole = Math.floor((offset + bytes.length) / 3) * 4;
      forms.push(encoded.slice(offset === 0 ? 0 : 4, whole));
    }
  }
  return [...new Set(forms.filter((form) => form.length >= Math.min(8, secret.length)))];
}

/** What a Switchboard error must look like in one check. */
export interface ExpectedError {
  /** What was called, for the message, e.g. `send({ type: 'location' })`. */
  readonly what: string;
  readonly code: ConformanceErrorCode;
  readonly retryable: boolean;
  /** The provider id the error must name. */
  readonly provider: string;
  /** The class kind core's marker must list (e.g. `RateLimitError`), when the marker is present. */
  readonly kind?: string;
  readonly status?: number;
  /** For `unsupported_feature`: the capability the error must name (any of these). */
  readonly capability?: readonly string[];
}

/**
 * Checks that `error` is a Switchboard error: an `Error` with a neutral `code`, a boolean `retryable` and
 * the provider's id in `provider`. Core's errors also carry a `Symbol.for('switchboard.error')` marker
 * listing their class kinds (what `isInstance` reads); when present it must name `kind`. Errors that do
 * not come from `@switchboard/core` are recognised by their fields alone.
 */
export function assertContractError(
  error: unknown,
  expected: ExpectedError,
  secrets: Readonly<Record<string, string>>,
): void {
  const what = expected.what;
  if (!(error instanceof Error))
    fail(`${what} threw ${describeValue(error, secrets)}, which is not an Error`);
  const fields = error as Error & Record<PropertyKey, unknown>;
  const problems: string[] = [];
  const code = fields.code;
  if (typeof code !== 'string' || !(CONFORMANCE_ERROR_CODES as readonly string[]).includes(code)) {
    problems.push(`\`code\` must be one of the neutral error codes, got ${inspect(code)}`);
  } else if (code !== expected.code) {
    problems.push(`\`code\` must be '${expected.code}', got '${code}'`);
  }
  if (typeof fields.retryable !== 'boolean') problems.push('`retryable` must be a boolean');
  else if (fields.retryable !== expected.retryable)
    problems.push(`\`retryable\` must be ${expected.retryable}, got ${fields.retryable}`);
  if (fields.provider !== expected.provider)
    problems.push(`\`provider\` must be '${expected.provider}', got ${inspect(fields.provider)}`);
  if (expected.status !== undefined && fields.status !== expected.status)
    problems.push(`\`status\` must be ${expected.status}, got ${inspect(fields.status)}`);
  if (expected.capability !== undefined && !expected.capability.includes(fields.capability as string)) {
    problems.push(
      `\`capability\` must name ${expected.capability.map((name) => `'${name}'`).join(' or ')}, got ${inspect(fields.capability)}`,
    );
  }
  const kinds = fields[SWITCHBOARD_ERROR_MARKER];
  if (kinds !== undefined) {
    if (!Array.isArray(kinds) || !kinds.includes('SwitchboardError')) {
      problems.push("the Symbol.for('switchboard.error') marker must list 'SwitchboardError'");
    } else if (expected.kind !== undefined && !kinds.includes(expected.kind)) {
      problems.push(`it must be a ${expected.kind} (isInstance), but its kinds are ${kinds.join(', ')}`);
    }
  }
  if (problems.length > 0) {
    fail(
      `${what} threw an error that breaks the contract:\n- ${problems.join('\n- ')}\nError: ${describeValue(error, secrets)}`,
    );
  }
}

/** Awaits `promise`, which must reject, and returns its error. */
export async function rejectionOf(
  promise: Promise<unknown>,
  what: string,
  secrets: Readonly<Record<string, string>>,
): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  return fail(`${what} must reject, but it resolved with ${describeValue(value, secrets)}`);
}
