import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as mini from 'zod/mini';
import { ValidationError } from './errors.js';
import type { SafeParsable } from './from-zod.js';
import {
  describeObjectIssue,
  fieldIssues,
  formatPath,
  parseOrThrow,
  validationErrorFromZod,
} from './from-zod.js';

function zodIssues(schema: SafeParsable, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be rejected');
  return result.error.issues;
}

describe('formatPath', () => {
  it.each([
    [['buttons', 1, 'title'], 'buttons.1.title'],
    [['sections', 0, 'rows', 3, 'title'], 'sections.0.rows.3.title'],
    [[], ''],
    [['to'], 'to'],
    [['attributes', ''], 'attributes[""]'],
    [['parameters', 'a.b'], 'parameters["a.b"]'],
    [['', 'x'], '[""].x'],
  ] as [PropertyKey[], string][])('formats %j as %j', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });

  it('formats a symbol key by its description', () => {
    expect(formatPath(['meta', Symbol('id')])).toBe('meta.Symbol(id)');
  });
});

describe('fieldIssues', () => {
  it('flattens nested issues into dotted paths, keeping the messages', () => {
    const schema = z.object({ buttons: z.array(z.object({ title: z.string().max(3, 'too long') })) });
    expect(fieldIssues(zodIssues(schema, { buttons: [{ title: 'ok' }, { title: 'long' }] }))).toEqual([
      { path: 'buttons.1.title', message: 'too long' },
    ]);
  });

  it('explains a malformed object in a `false | object` option by its fields, not by the literal', () => {
    const retry = z.union([z.literal(false), z.object({ maxRetries: z.number().int().min(0) })]);
    expect(
      fieldIssues(zodIssues(z.object({ retry }), { retry: { maxRetries: -1 } })).map((issue) => issue.path),
    ).toEqual(['retry.maxRetries']);
  });

  it('prefixes every path', () => {
    const issues = zodIssues(z.object({ token: z.string() }), {});
    expect(fieldIssues(issues, ['wati']).map((issue) => issue.path)).toEqual(['wati.token']);
  });

  it('explains a failed union with the closest branch (fewest issues) instead of "Invalid input"', () => {
    const schema = z.union([
      z.strictObject({ kind: z.literal('a'), a: z.string(), extra: z.string() }),
      z.strictObject({ b: z.number(), c: z.number(), d: z.number() }),
    ]);
    expect(fieldIssues(zodIssues(schema, { b: 1, c: 2, d: 'three' }))).toEqual([
      { path: 'd', message: expect.stringContaining('expected number') },
    ]);
  });

  it('prefers a branch whose type matched over one that rejected the type outright', () => {
    const schema = z.object({ parameters: z.union([z.array(z.string()), z.record(z.string(), z.string())]) });
    expect(fieldIssues(zodIssues(schema, { parameters: { count: 3 } }))).toEqual([
      { path: 'parameters.count', message: expect.stringContaining('expected string') },
    ]);
    expect(fieldIssues(zodIssues(schema, { parameters: ['a', 3] }))).toEqual([
      { path: 'parameters.1', message: expect.stringContaining('expected string') },
    ]);
  });

  it('descends into nested unions with the right path', () => {
    const inner = z.union([
      z.strictObject({ url: z.url() }),
      z.strictObject({ id: z.string(), kind: z.string() }),
    ]);
    const schema = z.object({ message: z.object({ media: inner }) });
    expect(fieldIssues(zodIssues(schema, { message: { media: { url: 'not a url' } } }))).toEqual([
      { path: 'message.media.url', message: expect.any(String) },
    ]);
  });

  it('keeps the union issue itself when no branch explains it', () => {
    const schema = z.discriminatedUnion('type', [
      z.object({ type: z.literal('a') }),
      z.object({ type: z.literal('b') }),
    ]);
    const issues = fieldIssues(zodIssues(schema, { type: 'c' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('type');
  });

  it('reports the whole value with an empty path', () => {
    expect(fieldIssues(zodIssues(z.string(), 42))).toEqual([
      { path: '', message: expect.stringContaining('string') },
    ]);
  });
});

describe('validationErrorFromZod', () => {
  const schema = z.object({
    a: z.string(),
    b: z.string(),
    c: z.string(),
    d: z.string(),
    e: z.string(),
    f: z.string(),
    g: z.string(),
  });

  it('summarises up to five issues and counts the rest', () => {
    const result = schema.safeParse({});
    if (result.success) throw new Error('expected a failure');
    const error = validationErrorFromZod(result.error, { what: 'message' });
    expect(error.message).toMatch(/^Invalid message: a: .*; b: .*; c: .*; d: .*; e: [^;]* \(and 2 more\)$/);
    expect(error.issues).toHaveLength(7);
  });

  it('sets the provider when given and leaves core otherwise', () => {
    const result = z.string().safeParse(1);
    if (result.success) throw new Error('expected a failure');
    expect(validationErrorFromZod(result.error, { what: 'config', provider: 'wati' }).provider).toBe('wati');
    expect(validationErrorFromZod(result.error, { what: 'config' }).provider).toBe('core');
  });

  it('writes a whole-value issue without a path prefix in the message', () => {
    const result = z.string().safeParse(1);
    if (result.success) throw new Error('expected a failure');
    expect(validationErrorFromZod(result.error, { what: 'phone' }).message).toMatch(
      /^Invalid phone: Invalid input/,
    );
  });

  it('does not attach the zod error (which holds the input) as cause', () => {
    const result = z.object({ token: z.string().min(40) }).safeParse({ token: 'sk-live-SECRET' });
    if (result.success) throw new Error('expected a failure');
    const error = validationErrorFromZod(result.error, { what: 'config' });
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain('SECRET');
    expect(error.message).not.toContain('SECRET');
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed output', () => {
    const schema = z.object({ n: z.string().transform(Number) });
    expect(parseOrThrow(schema, { n: '42' }, { what: 'value' })).toEqual({ n: 42 });
  });

  it('throws a ValidationError with the prefixed field paths', () => {
    expect(() =>
      parseOrThrow(z.object({ token: z.string() }), {}, { what: 'config', pathPrefix: ['wati'] }),
    ).toThrow(ValidationError);
    try {
      parseOrThrow(z.object({ token: z.string() }), {}, { what: 'config', pathPrefix: ['wati'] });
    } catch (error) {
      expect(ValidationError.isInstance(error) && error.fields).toEqual(['wati.token']);
      expect(String(error)).toMatch(/^ValidationError: Invalid config: wati\.token: /);
    }
  });
});

describe('zod/mini schemas', () => {
  const options = mini.strictObject(
    { secret: mini.string('must be a string').check(mini.minLength(1, 'must not be empty')) },
    { error: describeObjectIssue('an object { secret }') },
  );

  function rejection(value: unknown): ValidationError {
    try {
      parseOrThrow(options, value, { what: 'options', provider: 'whatsapp-cloud' });
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
    throw new Error('expected a ValidationError');
  }

  it('parseOrThrow validates them as it does classic ones, and returns the parsed value', () => {
    expect(parseOrThrow(options, { secret: 's' }, { what: 'options' })).toEqual({ secret: 's' });
    expect(rejection({ secret: '' }).issues).toEqual([{ path: 'secret', message: 'must not be empty' }]);
    expect(rejection({ secret: 1 }).issues).toEqual([{ path: 'secret', message: 'must be a string' }]);
  });

  it('describeObjectIssue names unknown keys and says what was expected otherwise, without echoing values', () => {
    const unknown = rejection({ secret: 's', secert: 'hunter2', other: 1 });
    expect(unknown.issues).toEqual([{ path: '', message: 'unknown keys "secert", "other"' }]);
    expect(unknown.message).not.toContain('hunter2');
    expect(rejection({ secret: 's', extra: true }).issues).toEqual([
      { path: '', message: 'unknown key "extra"' },
    ]);
    expect(rejection('a string').issues).toEqual([{ path: '', message: 'must be an object { secret }' }]);
  });
});
