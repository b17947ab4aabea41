import { describe, expect, it } from 'vitest';
import { UnsupportedFeatureError, ValidationError } from '../errors/errors.js';
import type { Capability } from './capability.js';
import { requiredSendCapabilities, validateBulkRequest, validateOutboundMessage } from './validate-send.js';

const textOnly = {
  id: 'inbox',
  capabilities: new Set<Capability>(['send.text', 'send.image', 'send.media.url']),
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('requiredSendCapabilities', () => {
  it('names the type, a quoted message and the media source, a template header included', () => {
    expect(
      requiredSendCapabilities({ type: 'image', to: '14155551234', media: { id: 'm1' }, replyTo: 'wamid.1' }),
    ).toEqual(['send.image', 'send.replyTo', 'send.media.id']);
    expect(
      requiredSendCapabilities({
        type: 'template',
        to: '14155551234',
        template: {
          name: 'order_update',
          language: 'en',
          header: { type: 'document', media: { data: new Uint8Array([1]), mimeType: 'application/pdf' } },
        },
      }),
    ).toEqual(['send.template', 'send.media.data']);
  });
});

describe('validateOutboundMessage', () => {
  it('validates first: a bad field is a ValidationError even when the type is unsupported too', () => {
    const error = thrown(() =>
      validateOutboundMessage(textOnly, { type: 'location', to: 'nope', latitude: 1, longitude: 2 }),
    );
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['to']);
  });

  it('then names the first capability the provider lacks, with its hint', () => {
    const error = thrown(() =>
      validateOutboundMessage(
        textOnly,
        { type: 'image', to: '+1 415 555 1234', media: { id: 'm1' } },
        { 'send.media.id': 'send { url } instead' },
      ),
    );
    expect(UnsupportedFeatureError.isInstance(error) && error.capability).toBe('send.media.id');
    expect((error as Error).message).toBe(
      'Provider "inbox" does not support send.media.id: send { url } instead',
    );
  });

  it('returns the valid message, its recipient normalized', () => {
    expect(validateOutboundMessage(textOnly, { type: 'text', to: '+1 (415) 555-1234', text: 'Hi' })).toEqual({
      type: 'text',
      to: '14155551234',
      text: 'Hi',
    });
  });
});

describe('validateBulkRequest', () => {
  const request = { template: { name: 'promo', language: 'en' }, recipients: [{ to: '+1 415 555 1234' }] };

  it('requires send.bulk and send.template after validating', () => {
    expect(UnsupportedFeatureError.isInstance(thrown(() => validateBulkRequest(textOnly, request)))).toBe(
      true,
    );
    const bulk = { id: 'inbox', capabilities: new Set<Capability>(['send.bulk', 'send.template']) };
    expect(validateBulkRequest(bulk, request).recipients[0]?.to).toBe('14155551234');
    expect(
      ValidationError.isInstance(thrown(() => validateBulkRequest(bulk, { ...request, recipients: [] }))),
    ).toBe(true);
  });

  it('requires send.to.userId when a recipient is a business-scoped user id, naming it, with the hint', () => {
    const bulk = { id: 'inbox', capabilities: new Set<Capability>(['send.bulk', 'send.template']) };
    const mixed = { ...request, recipients: [{ to: '+1 415 555 1234' }, { to: 'US.13491208655302741918' }] };
    const error = thrown(() => validateBulkRequest(bulk, mixed, { 'send.to.userId': "use api: 'v3'" }));
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability: 'send.to.userId' });
    expect((error as Error).message).toBe(
      'Provider "inbox" does not support send.to.userId: recipients.1.to is a business-scoped user id; ' +
        "use api: 'v3'",
    );
    const withUserIds = {
      id: 'inbox',
      capabilities: new Set<Capability>([...bulk.capabilities, 'send.to.userId']),
    };
    expect(validateBulkRequest(withUserIds, mixed).recipients.map((recipient) => recipient.to)).toEqual([
      '14155551234',
      'US.13491208655302741918',
    ]);
  });
});
