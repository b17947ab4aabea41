import { describe, expect, it } from 'vitest';
import { decodeFromJob, encodeForJob, outboxJobDataSchema } from './job-payload.js';

describe('job payload encoding', () => {
  it('stores binary media as base64 JSON and restores it as bytes', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const message = {
      type: 'document',
      to: '14155550100',
      media: { data: bytes, mimeType: 'application/pdf', filename: 'a.pdf' },
      caption: 'invoice',
    };
    const encoded = await encodeForJob(message);
    const roundTrip = JSON.parse(JSON.stringify(encoded)) as unknown;
    expect(roundTrip).toEqual({
      ...message,
      media: { data: { '$switchboard:bytes': 'AAEC+v8=' }, mimeType: 'application/pdf', filename: 'a.pdf' },
    });
    expect(decodeFromJob(roundTrip)).toEqual(message);
  });

  it('reads a Blob into bytes', async () => {
    const encoded = await encodeForJob({ media: { data: new Blob([new Uint8Array([7, 8])]) } });
    expect(decodeFromJob(JSON.parse(JSON.stringify(encoded)))).toEqual({
      media: { data: new Uint8Array([7, 8]) },
    });
  });

  it('leaves everything else as it is', async () => {
    const value = { a: [1, 'b', null, { c: true }], d: { '$switchboard:bytes': 1 } };
    expect(await encodeForJob(value)).toEqual(value);
    expect(decodeFromJob(value)).toEqual(value);
  });

  it('accepts only version 1 jobs with a provider name', () => {
    expect(outboxJobDataSchema.safeParse({ v: 1, provider: 'wati', message: {} }).success).toBe(true);
    expect(outboxJobDataSchema.safeParse({ v: 2, provider: 'wati', message: {} }).success).toBe(false);
    expect(outboxJobDataSchema.safeParse({ v: 1, provider: '', message: {} }).success).toBe(false);
  });
});
