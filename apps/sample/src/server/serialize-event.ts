import type { InboundEvent } from '@switchboard/core';

/**
 * An inbound event as JSON for API clients: dates as ISO 8601 strings, and without the provider's
 * payload (`raw`, also inside unsupported messages), which is large and provider-specific.
 */
export function serializeEvent(event: InboundEvent): Record<string, unknown> {
  const { raw: _raw, ...rest } = event;
  const json = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  if (event.kind === 'message' && event.message.type === 'unsupported')
    json.message = { type: 'unsupported' };
  return json;
}
