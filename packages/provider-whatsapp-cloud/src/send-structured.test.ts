import { type OutboundMessage, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  DIRECT_JSON_HEADERS,
  directCloud,
  envelope,
  PHONE_NUMBER_ID,
  startGraphServer,
  WAMID,
  wire,
} from './__fixtures__/graph-server.js';

const messagesPath = `/v21.0/${PHONE_NUMBER_ID}/messages`;

async function sentBody(message: OutboundMessage): Promise<unknown> {
  await using server = await startGraphServer();
  const result = await directCloud(server).send(message);
  expect(result.id).toBe(WAMID);
  expect(server.requests).toHaveLength(1);
  const request = wire(server.requests[0]);
  expect({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
  }).toStrictEqual({
    method: 'POST',
    path: messagesPath,
    query: {},
    headers: DIRECT_JSON_HEADERS,
  });
  return request.body;
}

describe('send: location', () => {
  it('sends the coordinates as numbers with name and address (reference shape)', async () => {
    const body = await sentBody({
      type: 'location',
      to: '1234567890',
      latitude: 37.7749,
      longitude: -122.4194,
      name: 'San Francisco',
      address: 'San Francisco, CA, USA',
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'location',
      location: {
        latitude: 37.7749,
        longitude: -122.4194,
        name: 'San Francisco',
        address: 'San Francisco, CA, USA',
      },
    });
  });

  it('leaves out name and address when not given', async () => {
    const body = await sentBody({ type: 'location', to: '16505551234', latitude: 0, longitude: 0 });
    expect(body).toStrictEqual({ ...envelope(), type: 'location', location: { latitude: 0, longitude: 0 } });
  });
});

describe('send: contacts', () => {
  it('maps every neutral card field to Meta’s names', async () => {
    const body = await sentBody({
      type: 'contacts',
      to: '16505551234',
      contacts: [
        {
          name: {
            formatted: 'John Smith',
            first: 'John',
            last: 'Smith',
            middle: 'D.',
            prefix: 'Dr',
            suffix: 'Jr',
          },
          phones: [
            { phone: '+1 (940) 555-1234', type: 'HOME' },
            { phone: '+1 (650) 555-1234', type: 'WORK', waId: '16505551234' },
          ],
          emails: [{ email: 'test@fb.com', type: 'WORK' }],
          org: { company: 'WhatsApp', department: 'Design', title: 'Manager' },
          urls: [{ url: 'https://www.facebook.com', type: 'WORK' }],
          addresses: [
            {
              street: '1 Hacker Way',
              city: 'Menlo Park',
              state: 'CA',
              zip: '94025',
              country: 'United States',
              countryCode: 'us',
              type: 'HOME',
            },
          ],
          birthday: '2012-08-18',
        },
      ],
    });
    expect(body).toStrictEqual({
      ...envelope(),
      type: 'contacts',
      contacts: [
        {
          name: {
            formatted_name: 'John Smith',
            first_name: 'John',
            last_name: 'Smith',
            middle_name: 'D.',
            prefix: 'Dr',
            suffix: 'Jr',
          },
          phones: [
            { phone: '+1 (940) 555-1234', type: 'HOME' },
            { phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' },
          ],
          emails: [{ email: 'test@fb.com', type: 'WORK' }],
          org: { company: 'WhatsApp', department: 'Design', title: 'Manager' },
          urls: [{ url: 'https://www.facebook.com', type: 'WORK' }],
          addresses: [
            {
              street: '1 Hacker Way',
              city: 'Menlo Park',
              state: 'CA',
              zip: '94025',
              country: 'United States',
              country_code: 'us',
              type: 'HOME',
            },
          ],
          birthday: '2012-08-18',
        },
      ],
    });
  });

  it('sends the minimal reference card', async () => {
    const body = await sentBody({
      type: 'contacts',
      to: '1234567890',
      contacts: [
        {
          name: { formatted: 'John Doe', first: 'John', last: 'Doe' },
          phones: [{ phone: '+1234567890', type: 'MOBILE' }],
        },
      ],
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'John Doe', first_name: 'John', last_name: 'Doe' },
          phones: [{ phone: '+1234567890', type: 'MOBILE' }],
        },
      ],
    });
  });
});

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
