// Test support (excluded from the build): parses WATI webhook payloads through a provider's
// webhooks.parse, checking every event against core's schema.
import { type InboundEvent, inboundEventSchema } from '@switchboard/core';
import { expect } from 'vitest';
import { createWati } from '../wati-provider.js';
import { fixture } from './wati-server.js';

/** A provider without a webhook secret. */
export const provider = createWati({
  transport: 'direct',
  baseUrl: 'https://live-mt-server.wati.io/123456',
  token: 'test-token-value',
});

/** The events of one delivery of `payload`, each valid by core's schema. */
export async function parse(payload: unknown): Promise<InboundEvent[]> {
  const events = await provider.webhooks.parse(
    new Request('https://app.example.com/webhooks/wati', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }),
  );
  for (const event of events) expect(inboundEventSchema.parse(event)).toStrictEqual(event);
  return events;
}

/** The one event of a fixture payload. */
export async function parseFixture(
  name: string,
): Promise<{ payload: Record<string, unknown>; event: InboundEvent | undefined }> {
  const payload = fixture(name);
  const events = await parse(payload);
  expect(events).toHaveLength(1);
  return { payload, event: events[0] };
}

/** A date from unix seconds. */
export const seconds = (value: number) => new Date(value * 1000);
