// Fuzz support: typed errors and secrets
import {
  type InboundEvent,
  inboundEventSchema,
  SwitchboardError,
  UnsupportedFeatureError,
  ValidationError,
  WebhookVerificationError,
} from '@switchboard/core';
import { expect } from 'vitest';

/** The error classes a provider may throw at its callers' input. */
export type ErrorKind = 'ValidationError' | 'WebhookVerificationError' | 'UnsupportedFeatureError';

const KINDS: Record<ErrorKind, (error: unknown) => boolean> = {
  ValidationError: (error) => ValidationError.isInstance(error),
  WebhookVerificationError: (error) => WebhookVerificationError.isInstance(error),
  UnsupportedFeatureError: (error) => UnsupportedFeatureError.isInstance(error),
};

/** Every string in `value` (object keys too), walked iteratively so deep values cannot overflow. */
export function stringsIn(value: unknown): string[] {
  const strings: string[] = [];
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') strings.push(item);
    else if (typeof item === 'object' && item !== null && !seen.has(item)) {
      seen.add(item);
      for (const [key, child] of Object.entries(item)) {
        strings.push(key);
        stack.push(child);
      }
    }
  }
  return strings;
}

/** Every text an error shows: its message, stack, own fields and `toJSON()` (the cause chain included). */
export function errorTexts(error: SwitchboardError): string[] {
  const json = error.toJSON();
  return [error.message, String(error.stack), JSON.stringify(json), ...stringsIn(json), ...stringsIn(error)];
}

/** Fails when one of `secrets` occurs in one of `texts`. */
export function expectNoSecret(texts: readonly string[], secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    const index = texts.findIndex((text) => text.includes(secret));
    expect(index, `${where} shows the secret ${JSON.stringify(secret)}`).toBe(-1);
  }
}

/**
 * Asserts `error` is a Switchboard error of one of the `allowed` kinds that shows none of
 * `secrets`, and returns it. Anything else (a TypeError, a RangeError…) is rethrown as is, so the
 * property fails with the original crash.
 */
export function expectTypedError(
  error: unknown,
  allowed: readonly ErrorKind[],
  secrets: readonly string[],
): SwitchboardError {
  if (!SwitchboardError.isInstance(error)) throw error;
  const kind = allowed.find((name) => KINDS[name](error));
  expect(kind, `${error.name} (${error.message}) is not one of ${allowed.join(', ')}`).toBeDefined();
  expect(typeof error.message).toBe('string');
  expect(() => JSON.stringify(error.toJSON())).not.toThrow();
  expectNoSecret(errorTexts(error), secrets, `${error.name}`);
  return error;
}

/** Which kind `error` is, for oracles; `undefined` for anything else. */
export function errorKind(error: unknown): ErrorKind | undefined {
  return (Object.keys(KINDS) as ErrorKind[]).find((name) => KINDS[name](error));
}

/**
 * Asserts every parsed event passes core's `inboundEventSchema` and shows none of `secrets` (its
 * `raw` included). The comparison with the parsed copy leaves `raw` aside by reference: it may be
 * nested deeper than a recursive comparison goes.
 */
export function expectValidEvents(
  events: unknown,
  secrets: readonly string[],
): asserts events is InboundEvent[] {
  expect(Array.isArray(events), 'parse returns an array').toBe(true);
  for (const event of events as unknown[]) {
    const parsed = inboundEventSchema.safeParse(event);
    if (!parsed.success) {
      const kind = (event as { kind?: unknown })?.kind;
      expect.fail(
        `an event of kind ${String(kind)} fails inboundEventSchema: ${JSON.stringify(parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })))}`,
      );
    }
    expectNoSecret(stringsIn(event), secrets, 'a parsed event');
  }
}

/**
 * The `ValidationError` that `run` throws. Anything else it throws is rethrown as is, and returning
 * normally fails the test.
 */
export function thrownValidationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
