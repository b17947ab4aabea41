import { describe, expect, it } from 'vitest';
import {
  CONFORMANCE_CAPABILITIES,
  CONFORMANCE_FACET_OPERATIONS,
  CONFORMANCE_MEDIA_TYPES,
  CONFORMANCE_MESSAGE_TYPES,
  CONFORMANCE_OPERATION_CAPABILITIES,
} from './contract-names.js';
import { SEND_CAPABILITIES } from './send-capabilities.js';

// The copy of core's names cannot be compared with core here (this package imports no Switchboard
// package); our providers' conformance runs catch drift. These tests keep the copy self-consistent.
describe('the contract names', () => {
  it('name every message type, media source and facet operation as a capability', () => {
    const capabilities = new Set<string>(CONFORMANCE_CAPABILITIES);
    expect(capabilities.size).toBe(CONFORMANCE_CAPABILITIES.length);
    for (const type of CONFORMANCE_MESSAGE_TYPES) expect(capabilities).toContain(`send.${type}`);
    for (const source of ['url', 'id', 'data']) expect(capabilities).toContain(`send.media.${source}`);
    for (const [facet, operations] of Object.entries(CONFORMANCE_FACET_OPERATIONS)) {
      for (const operation of operations) expect(capabilities).toContain(`${facet}.${operation}`);
    }
    expect(CONFORMANCE_MEDIA_TYPES.every((type) => capabilities.has(`send.${type}`))).toBe(true);
  });

  it('split the capabilities into send, operation and webhook capabilities', () => {
    expect(SEND_CAPABILITIES).toHaveLength(23);
    expect(CONFORMANCE_OPERATION_CAPABILITIES).toHaveLength(15);
    expect(CONFORMANCE_OPERATION_CAPABILITIES[0]).toBe('messages.markRead');
    const rest = CONFORMANCE_CAPABILITIES.filter(
      (name) =>
        !(SEND_CAPABILITIES as readonly string[]).includes(name) &&
        !(CONFORMANCE_OPERATION_CAPABILITIES as readonly string[]).includes(name),
    );
    expect(rest).toEqual(['send.bulk', 'webhooks.verification', 'webhooks.signature']);
  });
});
