import { describe, expect, it } from 'vitest';
import {
  describeInbound,
  describeInboundEvent,
  describeOutbound,
  describeTemplate,
} from './describe-message.js';

describe('describeOutbound', () => {
  it('renders each message type in one line', () => {
    const to = '447700900123';
    expect(describeOutbound({ type: 'text', to, text: 'Hi' })).toBe('Hi');
    expect(
      describeOutbound({ type: 'image', to, media: { url: 'https://x.test/a.jpg' }, caption: 'Look' }),
    ).toBe('[image] Look');
    expect(describeOutbound({ type: 'audio', to, media: { id: '1' } })).toBe('[audio]');
    expect(describeOutbound({ type: 'location', to, latitude: 1.5, longitude: 2 })).toBe('[location] 1.5, 2');
    expect(
      describeOutbound({
        type: 'buttons',
        to,
        body: 'OK?',
        buttons: [
          { id: 'y', title: 'Yes' },
          { id: 'n', title: 'No' },
        ],
      }),
    ).toBe('OK? [Yes | No]');
    expect(describeOutbound({ type: 'reaction', to, messageId: 'm', emoji: '' })).toBe('[reaction removed]');
    expect(
      describeOutbound({
        type: 'template',
        to,
        template: { name: 'order_update', language: 'en', parameters: { name: 'Ada' } },
      }),
    ).toBe('Template order_update (name: Ada)');
  });

  it('numbers positional template parameters', () => {
    expect(describeTemplate('order_confirmation', ['Ada', '42'])).toBe(
      'Template order_confirmation (1: Ada, 2: 42)',
    );
    expect(describeTemplate('hello_world', undefined)).toBe('Template hello_world');
  });
});

describe('describeInbound', () => {
  it('renders replies by their title and media by caption', () => {
    expect(describeInbound({ type: 'button_reply', id: 'yes', title: 'Yes please' })).toBe('Yes please');
    expect(describeInbound({ type: 'document', media: { id: 'd' }, caption: 'Invoice' })).toBe(
      '[document] Invoice',
    );
    expect(describeInbound({ type: 'unsupported', raw: {} })).toBe('[unsupported message]');
  });
});

describe('the newer message types', () => {
  const to = '14155551234';
  it('renders CTA URLs, location requests, products and Flows, and inbound voice notes and reasons', () => {
    expect(
      describeOutbound({
        type: 'cta_url',
        to,
        body: 'Dates',
        buttonText: 'See',
        url: 'https://example.com/d',
      }),
    ).toBe('Dates [See → https://example.com/d]');
    expect(describeOutbound({ type: 'location_request', to, body: 'Where are you?' })).toBe(
      'Where are you? [send location]',
    );
    expect(
      describeOutbound({
        type: 'product_list',
        to,
        catalogId: 'c',
        header: 'h',
        body: 'Picks',
        sections: [{ productIds: ['a', 'b'] }],
      }),
    ).toBe('Picks [2 products]');
    expect(describeInbound({ type: 'audio', media: { id: 'a' }, voice: true })).toBe('[voice note]');
    expect(
      describeInbound({
        type: 'unsupported',
        raw: {},
        reason: { code: 131051, title: 'Message type unknown' },
      }),
    ).toBe('[unsupported message: Message type unknown]');
  });
});

describe('describeInboundEvent', () => {
  it('marks forwards and names the ad a conversation came from', () => {
    const event = {
      kind: 'message',
      provider: 'whatsapp-cloud',
      raw: {},
      id: 'wamid.1',
      timestamp: new Date(0),
      message: { type: 'text', text: 'Info please' },
    } as const;
    expect(describeInboundEvent(event)).toBe('Info please');
    expect(describeInboundEvent({ ...event, forwarded: true })).toBe('[forwarded] Info please');
    expect(describeInboundEvent({ ...event, forwarded: true, frequentlyForwarded: true })).toBe(
      '[forwarded many times] Info please',
    );
    expect(describeInboundEvent({ ...event, referral: { headline: 'Chat with us', sourceId: '1' } })).toBe(
      'Info please (from ad: Chat with us)',
    );
  });
});
