import { describe, expect, it } from 'vitest';
import { UnsupportedFeatureError } from '../errors/errors.js';
import type { Capability } from '../provider/capability.js';
import { requiredSendCapabilities, validateOutboundMessage } from '../provider/validate-send.js';
import { chars, parseValid, rejectedPaths } from './__fixtures__/validation.js';
import { MESSAGE_LIMITS, type OutboundMessage, outboundMessageSchema } from './outbound-message.js';
import { isBusinessScopedUserId } from './recipient.js';

const to = '+1 415 555 1234';
const BSUID = 'US.13491208655302741918';

describe('business-scoped user ids as recipients', () => {
  it.each([BSUID, 'US.ENT.11815799212886844830', 'BR.1502576394655843', ` ${BSUID} `])(
    'keeps %j as the recipient (trimmed)',
    (value) => {
      const parsed = parseValid(outboundMessageSchema, { type: 'text', to: value, text: 'hi' });
      expect(parsed.to).toBe(value.trim());
      expect(isBusinessScopedUserId(parsed.to)).toBe(true);
    },
  );

  it.each(['us.123', 'USA.123', 'US.', 'US.12-3', `US.${'1'.repeat(129)}`, 'US.ENT.'])(
    'rejects the malformed id %j on `to`, saying what a BSUID looks like',
    (value) => {
      expect(rejectedPaths(outboundMessageSchema, { type: 'text', to: value, text: 'hi' })).toEqual(['to']);
    },
  );

  it('still normalizes phone numbers and tells them from BSUIDs', () => {
    const parsed = parseValid(outboundMessageSchema, { type: 'text', to, text: 'hi' });
    expect(parsed.to).toBe('14155551234');
    expect(isBusinessScopedUserId(parsed.to)).toBe(false);
  });

  it('needs send.to.userId, checked before any request', () => {
    expect(requiredSendCapabilities({ type: 'text', to: BSUID, text: 'hi' })).toEqual([
      'send.text',
      'send.to.userId',
    ]);
    const phoneOnly = { id: 'legacy', capabilities: new Set<Capability>(['send.text']) };
    const error = (() => {
      try {
        validateOutboundMessage(phoneOnly, { type: 'text', to: BSUID, text: 'hi' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unsupported_feature', provider: 'legacy' });
    expect(String((error as Error).message)).toContain('send.to.userId');
  });
});

describe('cta_url messages', () => {
  const valid = {
    type: 'cta_url',
    to,
    header: 'Available dates',
    body: 'Tap the button below to see available dates.',
    footer: 'Dates subject to change.',
    buttonText: 'See Dates',
    url: 'https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4',
  } satisfies OutboundMessage;

  it("accepts Meta's documented example", () => {
    expect(parseValid(outboundMessageSchema, valid)).toEqual({ ...valid, to: '14155551234' });
  });

  it('limits the button label to 20 characters and takes only http(s) URLs', () => {
    expect(
      rejectedPaths(outboundMessageSchema, {
        ...valid,
        buttonText: chars(MESSAGE_LIMITS.ctaButtonTextMaxLength + 1),
      }),
    ).toEqual(['buttonText']);
    for (const url of ['javascript:alert(1)', 'ftp://example.com/x', 'not a url', 'https://']) {
      expect(rejectedPaths(outboundMessageSchema, { ...valid, url })).toEqual(['url']);
    }
  });
});

describe('location_request messages', () => {
  it('takes a body of 1–1024 characters and nothing else', () => {
    const message = { type: 'location_request', to, body: 'Let us start with your pickup.' } as const;
    expect(parseValid(outboundMessageSchema, message).type).toBe('location_request');
    expect(rejectedPaths(outboundMessageSchema, { ...message, body: chars(1025) })).toEqual(['body']);
    expect(rejectedPaths(outboundMessageSchema, { ...message, header: 'h' })).toEqual(['']);
  });
});

describe('typing_indicator messages', () => {
  it('needs the inbound message id', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'typing_indicator', to, messageId: '' })).toEqual([
      'messageId',
    ]);
  });
});

describe('product messages', () => {
  it('takes a catalog and a product, body and footer optional, no header', () => {
    const message = { type: 'product', to, catalogId: '367025965434465', productId: 'SKU-1' } as const;
    expect(parseValid(outboundMessageSchema, message).type).toBe('product');
    expect(rejectedPaths(outboundMessageSchema, { ...message, header: 'h' })).toEqual(['']);
    expect(rejectedPaths(outboundMessageSchema, { ...message, catalogId: '' })).toEqual(['catalogId']);
  });

  const list = {
    type: 'product_list',
    to,
    catalogId: '367025965434465',
    header: 'Our picks',
    body: 'Have a look',
    sections: [
      { title: 'Shrubs', productIds: ['SKU-1', 'SKU-2'] },
      { title: 'Trees', productIds: ['SKU-3'] },
    ],
  } satisfies OutboundMessage;

  it('accepts a multi-product message with titled sections', () => {
    expect(parseValid(outboundMessageSchema, list)).toEqual({ ...list, to: '14155551234' });
  });

  it('limits sections to 10 and products to 30 in all, distinct, titled when several', () => {
    const sections = Array.from({ length: 3 }, (_, s) => ({
      title: `S${s}`,
      productIds: Array.from({ length: 11 }, (_, i) => `p${s}-${i}`),
    }));
    expect(rejectedPaths(outboundMessageSchema, { ...list, sections })).toEqual(['sections']);
    const eleven = Array.from({ length: 11 }, (_, s) => ({ title: `S${s}`, productIds: [`p${s}`] }));
    expect(rejectedPaths(outboundMessageSchema, { ...list, sections: eleven })).toEqual(['sections']);
    expect(
      rejectedPaths(outboundMessageSchema, {
        ...list,
        sections: [{ productIds: ['a'] }, { title: 'B', productIds: ['a'] }],
      }),
    ).toEqual(['sections.0.title', 'sections.1.productIds.0']);
    expect(rejectedPaths(outboundMessageSchema, { ...list, header: undefined })).toEqual(['header']);
  });
});

describe('flow messages', () => {
  const flow = {
    type: 'flow',
    to,
    header: 'Flow message header',
    body: 'Flow message body',
    footer: 'Flow message footer',
    flowName: 'appointment_booking_v1',
    buttonText: 'Book!',
    flowToken: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
    mode: 'draft',
    action: 'navigate',
    screen: 'WELCOME_SCREEN',
    data: { product_name: 'name', is_available: true },
  } satisfies OutboundMessage;

  it("accepts Meta's documented draft Flow by name", () => {
    expect(parseValid(outboundMessageSchema, flow)).toEqual({ ...flow, to: '14155551234' });
  });

  it('needs exactly one of flowId and flowName', () => {
    expect(rejectedPaths(outboundMessageSchema, { ...flow, flowId: '1' })).toEqual(['flowName']);
    expect(rejectedPaths(outboundMessageSchema, { ...flow, flowName: undefined })).toEqual(['flowId']);
  });

  it('keeps screen and data for navigate, and data with its screen', () => {
    expect(rejectedPaths(outboundMessageSchema, { ...flow, action: 'data_exchange' })).toEqual([
      'screen',
      'data',
    ]);
    expect(rejectedPaths(outboundMessageSchema, { ...flow, screen: undefined })).toEqual(['screen']);
    expect(rejectedPaths(outboundMessageSchema, { ...flow, data: {} })).toEqual(['data']);
    expect(
      rejectedPaths(outboundMessageSchema, {
        ...flow,
        buttonText: chars(MESSAGE_LIMITS.flowButtonTextMaxLength + 1),
      }),
    ).toEqual(['buttonText']);
  });
});
