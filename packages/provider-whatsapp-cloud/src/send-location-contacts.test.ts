import { describe, expect, it } from 'vitest';
import { envelope, sentMessageBody as sentBody } from './__fixtures__/graph-server.js';

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
