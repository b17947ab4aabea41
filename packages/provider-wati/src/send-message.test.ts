// The order of `send`: validate → capability → WATI's own checks → convert → request. Every refusal
// comes before any request.
import { UnsupportedFeatureError, ValidationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer } from './__fixtures__/wati-server.js';

let server: LoopbackServer;
beforeAll(async () => {
  // No handlers: any request at all fails the test.
  server = await startWatiServer();
});
afterEach(() => {
  expect(server.requests).toHaveLength(0);
  server.clearRequests();
});
afterAll(() => server.close());

async function refusal(send: Promise<unknown>): Promise<unknown> {
  return send.then(
    () => {
      throw new Error('expected the send to be refused');
    },
    (error: unknown) => error,
  );
}

describe('send order', () => {
  it('validates first: an invalid message is a ValidationError even when its type is unsupported', async () => {
    const error = await refusal(
      directWati(server).send({ to: '14155551234', type: 'location', latitude: 1 } as never),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toContain('longitude');
  });

  it('then checks capabilities: a valid message WATI cannot send, with what to do instead', async () => {
    const error = await refusal(
      directWati(server).send({ to: '14155551234', type: 'image', media: { id: 'data/images/a.jpg' } }),
    );
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability: 'send.media.id', provider: 'wati' });
    expect((error as Error).message).toContain('send { data, mimeType } or { url }');
  });

  it("then WATI's own checks: replyTo only on text", async () => {
    const error = await refusal(
      directWati(server).send({
        to: '14155551234',
        type: 'image',
        media: { url: 'https://cdn.example.com/a.jpg' },
        replyTo: 'wamid.Q',
      }),
    );
    expect(error).toMatchObject({ name: 'ValidationError', fields: ['replyTo'] });
  });

  it('reads providerOptions.wati before anything is sent, ignoring other providers', async () => {
    const error = await refusal(
      directWati(server).send(
        { to: '14155551234', type: 'text', text: 'hi' },
        { providerOptions: { wati: { broadcastName: 42 }, 'whatsapp-cloud': { anything: true } } },
      ),
    );
    expect(error).toMatchObject({ name: 'ValidationError', fields: ['providerOptions.wati.broadcastName'] });
  });
});
