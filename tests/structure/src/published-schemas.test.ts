import { outboundMessageSchema } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';

// Core's published bundle carries its own copy of zod/mini's functions (scripts/bundle-entries.mjs),
// while an application imports the zod it installed: the schemas core exports must still compose with
// that zod, classic API and mini alike, and keep their own messages.
describe('the schemas of the published core with the application’s own zod', () => {
  const text = { type: 'text', to: '+44 7700 900123', text: 'Hi' };

  it('nest in a classic zod object and array, and normalize as they do alone', () => {
    const job = z.object({ message: outboundMessageSchema, note: z.string().optional() });
    expect(job.parse({ message: text })).toEqual({
      message: { type: 'text', to: '447700900123', text: 'Hi' },
    });
    const failed = z.array(outboundMessageSchema).safeParse([{ ...text, to: '07700 900123 ext' }]);
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.path).toEqual([0, 'to']);
  });

  it('nest in a zod/mini object and follow a pipe', () => {
    expect(zm.object({ message: outboundMessageSchema }).parse({ message: text }).message.to).toBe(
      '447700900123',
    );
    const fromJson = z
      .string()
      .transform((body): unknown => JSON.parse(body))
      .pipe(outboundMessageSchema);
    expect(fromJson.parse(JSON.stringify(text)).to).toBe('447700900123');
  });

  it('are zod/mini schemas: parse and safeParse, no chained methods', () => {
    expect(outboundMessageSchema.parse(text).to).toBe('447700900123');
    expect('extend' in outboundMessageSchema).toBe(false);
  });
});
