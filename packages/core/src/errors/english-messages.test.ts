import { afterEach, describe, expect, it } from 'vitest';
import * as classic from 'zod';
import * as z from 'zod/mini';
import { outboundMessageSchema } from '../model/outbound-message.js';
import { ValidationError } from './errors.js';
import { parseOrThrow } from './from-zod.js';

// zod keeps one configuration for every copy in the process (on globalThis): an application that
// chose French for its own schemas must still get English from Switchboard's errors, and keep French.
describe('English messages whatever locale the application set', () => {
  afterEach(() => {
    classic.config(classic.locales.en());
  });

  const thrown = (run: () => unknown): ValidationError => {
    try {
      run();
    } catch (caught) {
      if (caught instanceof ValidationError) return caught;
      throw caught;
    }
    throw new Error('expected a ValidationError');
  };

  it('gives English issues to parseOrThrow while the application’s own parses stay in its locale', () => {
    classic.config(classic.locales.fr());
    const schema = z.object({ name: z.string(), count: z.number() });

    const error = thrown(() => parseOrThrow(schema, { name: 7, count: 'x' }, { what: 'thing' }));
    expect(error.issues).toEqual([
      { path: 'name', message: 'Invalid input: expected string, received number' },
      { path: 'count', message: 'Invalid input: expected number, received string' },
    ]);

    const own = classic.object({ name: classic.string() }).safeParse({ name: 7 });
    expect(own.error?.issues[0]?.message).not.toMatch(/^Invalid input/);
    expect(own.error?.issues[0]?.message).toMatch(/attendu/i);
  });

  it('keeps a message the schema sets itself', () => {
    classic.config(classic.locales.fr());
    const error = thrown(() =>
      parseOrThrow(
        outboundMessageSchema,
        { type: 'text', to: '020 7946 0958', text: 'Hi' },
        { what: 'message' },
      ),
    );
    expect(error.issues).toEqual([
      {
        path: 'to',
        message: 'phone number must start with its country code (e.g. +44 20 7946 0958, not 020 7946 0958)',
      },
    ]);
  });
});
