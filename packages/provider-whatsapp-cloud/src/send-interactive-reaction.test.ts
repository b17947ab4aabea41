import { type OutboundMessage, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  directCloud,
  envelope,
  sentMessageBody as sentBody,
  startGraphServer,
} from './__fixtures__/graph-server.js';

describe('send: interactive', () => {
  it('sends reply buttons as the reference interactive button body', async () => {
    const body = await sentBody({
      type: 'buttons',
      to: '1234567890',
      body: 'Would you like to proceed?',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Would you like to proceed?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'no', title: 'No' } },
          ],
        },
      },
    });
  });

  it('adds a text header and a footer to buttons', async () => {
    const body = await sentBody({
      type: 'buttons',
      to: '16505551234',
      header: 'Your order',
      body: 'Confirm?',
      footer: 'Reply within 24h',
      buttons: [{ id: 'ok', title: 'OK' }],
    });
    expect(body).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Your order' },
        body: { text: 'Confirm?' },
        footer: { text: 'Reply within 24h' },
        action: { buttons: [{ type: 'reply', reply: { id: 'ok', title: 'OK' } }] },
      },
    });
  });

  it('sends a list as the reference interactive list body', async () => {
    const body = await sentBody({
      type: 'list',
      to: '1234567890',
      header: 'Select an option',
      body: 'Choose from the list below',
      buttonText: 'View Options',
      sections: [
        {
          title: 'Products',
          rows: [
            { id: 'prod1', title: 'Product 1', description: 'First product' },
            { id: 'prod2', title: 'Product 2', description: 'Second product' },
          ],
        },
      ],
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Select an option' },
        body: { text: 'Choose from the list below' },
        action: {
          button: 'View Options',
          sections: [
            {
              title: 'Products',
              rows: [
                { id: 'prod1', title: 'Product 1', description: 'First product' },
                { id: 'prod2', title: 'Product 2', description: 'Second product' },
              ],
            },
          ],
        },
      },
    });
  });

  it('sends a list with a footer, several sections and rows without description', async () => {
    const body = await sentBody({
      type: 'list',
      to: '16505551234',
      body: 'Choose how fast you want it',
      footer: 'Prices incl. tax',
      buttonText: 'View options',
      sections: [
        { title: 'Express', rows: [{ id: 'priority_express', title: 'Priority Mail Express' }] },
        { title: 'Standard', rows: [{ id: 'ground', title: 'Ground', description: '2–5 Days' }] },
      ],
    });
    expect(body).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Choose how fast you want it' },
        footer: { text: 'Prices incl. tax' },
        action: {
          button: 'View options',
          sections: [
            { title: 'Express', rows: [{ id: 'priority_express', title: 'Priority Mail Express' }] },
            { title: 'Standard', rows: [{ id: 'ground', title: 'Ground', description: '2–5 Days' }] },
          ],
        },
      },
    });
  });
});

describe('send: reaction', () => {
  it('reacts with an emoji', async () => {
    const body = await sentBody({ type: 'reaction', to: '16505551234', messageId: 'wamid.IN', emoji: '😀' });
    expect(body).toStrictEqual({
      ...envelope(),
      type: 'reaction',
      reaction: { message_id: 'wamid.IN', emoji: '😀' },
    });
  });

  it('removes a reaction with an empty emoji', async () => {
    const body = await sentBody({ type: 'reaction', to: '16505551234', messageId: 'wamid.IN', emoji: '' });
    expect(body).toStrictEqual({
      ...envelope(),
      type: 'reaction',
      reaction: { message_id: 'wamid.IN', emoji: '' },
    });
  });

  it('rejects replyTo on a reaction before any request', async () => {
    await using server = await startGraphServer();
    const sending = directCloud(server).send({
      type: 'reaction',
      to: '16505551234',
      messageId: 'wamid.IN',
      emoji: '👍',
      replyTo: 'wamid.OTHER',
    });
    await expect(sending).rejects.toSatisfy(
      (error) => ValidationError.isInstance(error) && error.fields.includes('replyTo'),
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('send: validation before any request', () => {
  it.each([
    ['an unknown type', { type: 'poll', to: '16505551234' }, 'type'],
    ['a bad phone number', { type: 'text', to: '020 7946 0958', text: 'x' }, 'to'],
    ['an empty text', { type: 'text', to: '16505551234', text: '' }, 'text'],
    [
      'four buttons',
      {
        type: 'buttons',
        to: '16505551234',
        body: 'b',
        buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })),
      },
      'buttons',
    ],
    [
      'eleven list rows',
      {
        type: 'list',
        to: '16505551234',
        body: 'b',
        buttonText: 'Open',
        sections: [
          { rows: Array.from({ length: 11 }, (_, index) => ({ id: `r${index}`, title: `Row ${index}` })) },
        ],
      },
      'sections',
    ],
    [
      'a caption on audio',
      { type: 'audio', to: '16505551234', media: { id: '1' }, caption: 'no' },
      'caption',
    ],
  ])('rejects %s', async (_label, message, field) => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .send(message as OutboundMessage)
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    const { fields, message: text } = error as ValidationError;
    expect(fields.some((path) => path.startsWith(field)) || text.includes(`"${field}"`)).toBe(true);
    expect((error as ValidationError).provider).toBe('whatsapp-cloud');
    expect(server.requests).toHaveLength(0);
  });
});
