import { describe, expect, it } from 'vitest';
import { UnsupportedFeatureError } from '../errors/errors.js';
import { MEDIA_MESSAGE_TYPES } from '../model/outbound-message.js';
import { CAPABILITIES, type Capability, sendCapability } from './capability.js';
import { requireCapability } from './require-capability.js';

const provider = { id: 'wati', capabilities: new Set<Capability>(['send.text', 'templates.list']) };

describe('requireCapability', () => {
  it('passes when the provider has the capability', () => {
    expect(requireCapability(provider, 'send.text')).toBeUndefined();
  });

  it('throws an UnsupportedFeatureError naming provider and capability', () => {
    let caught: unknown;
    try {
      requireCapability(provider, 'send.location');
    } catch (error) {
      caught = error;
    }
    expect(UnsupportedFeatureError.isInstance(caught)).toBe(true);
    if (!UnsupportedFeatureError.isInstance(caught)) return;
    expect(caught.message).toBe('Provider "wati" does not support send.location');
    expect(caught.provider).toBe('wati');
    expect(caught.capability).toBe('send.location');
    expect(caught.code).toBe('unsupported_feature');
    expect(caught.retryable).toBe(false);
  });

  it('appends the detail to the message', () => {
    expect(() =>
      requireCapability(provider, 'send.media.data', 'upload the file with media.upload first'),
    ).toThrow('Provider "wati" does not support send.media.data: upload the file with media.upload first');
  });
});

describe('sendCapability', () => {
  it.each([
    'text',
    ...MEDIA_MESSAGE_TYPES,
    'location',
    'contacts',
    'buttons',
    'list',
    'template',
    'reaction',
  ])('maps the %s message type to a known capability', (type) => {
    const capability = sendCapability(type);
    expect(capability).toBe(`send.${type}`);
    expect(CAPABILITIES).toContain(capability);
  });

  it('lists every capability once', () => {
    expect(new Set(CAPABILITIES).size).toBe(CAPABILITIES.length);
  });
});
