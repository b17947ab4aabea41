import { ApiError, contactSchema, ValidationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  directWati,
  fixture,
  MATON_PREFIX,
  matonWati,
  startWatiServer,
  TENANT,
  TOKEN,
  wire,
} from './__fixtures__/wati-server.js';
import type { WatiContactListOptions } from './wati-provider-options.js';

const CONTACTS = fixture<{ contact_list: unknown[] }>('get-contacts-response.json');
const ECHOED_CONTACT = fixture<{ contact: unknown }>('send-template-v1-response.json').contact;

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.get(`${TENANT}/api/v1/getContacts`, () => HttpResponse.json(CONTACTS)),
    http.get(`${MATON_PREFIX}/api/v1/getContacts`, () => HttpResponse.json(CONTACTS)),
    http.post(`${TENANT}/api/v1/addContact/:number`, () =>
      HttpResponse.json({ result: true, info: 'Contact added', contact: ECHOED_CONTACT }),
    ),
    http.post(`${TENANT}/api/v1/updateContactAttributes/:number`, () =>
      HttpResponse.json({ result: true, info: 'Updated' }),
    ),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

describe('contacts.list (getContacts)', () => {
  it('sends the page and every filter, and maps contacts with a cursor for the next page', async () => {
    const page = await directWati(server).contacts.list({
      pageSize: 2,
      providerOptions: {
        wati: {
          name: 'Koko',
          attributes: [
            { name: 'member', operator: '==', value: 'VIP' },
            { name: 'email', operator: 'exist' },
          ],
          createdDate: '2024-05-14',
        } satisfies WatiContactListOptions,
        // Another provider's namespace is not WATI's business.
        'whatsapp-cloud': { anything: true },
      },
    });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `${TENANT}/api/v1/getContacts`,
      query: {
        pageSize: '2',
        pageNumber: '1',
        name: 'Koko',
        attribute: '[{"name":"member","operator":"==","value":"VIP"},{"name":"email","operator":"exist"}]',
        createdDate: '2024-05-14',
      },
      contentType: undefined,
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(page.items).toStrictEqual([
      {
        phone: '17759865200',
        attributes: { name: '+17759865200', phone: '17759865200' },
        createdAt: new Date('2024-10-11T00:00:00.000Z'),
        raw: CONTACTS.contact_list[0],
      },
      {
        phone: '628817527994',
        name: 'Koko Lopo',
        attributes: { member: 'VIP', city: '' },
        createdAt: new Date('2024-05-14T00:00:00.000Z'),
        raw: CONTACTS.contact_list[1],
      },
    ]);
    for (const item of page.items) expect(contactSchema.parse(item)).toStrictEqual(item);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('follows the cursor to the next page of the same filtered listing and stops when link says there is no more', async () => {
    const provider = directWati(server);
    const first = await provider.contacts.list({
      pageSize: 2,
      providerOptions: {
        wati: { name: 'Koko', attributes: [{ name: 'member', operator: '==', value: 'VIP' }] },
      },
    });
    server.use(
      http.get(`${TENANT}/api/v1/getContacts`, () =>
        HttpResponse.json({
          result: 'success',
          contact_list: [CONTACTS.contact_list[0]],
          link: { prevPage: 1, nextPage: null, pageNumber: 2, pageSize: 2, total: 3 },
        }),
      ),
    );
    const second = await provider.contacts.list({ cursor: first.nextCursor });
    // The cursor alone continues the filtered listing: a page of all contacts would be wrong data.
    expect(Object.fromEntries(server.requests[1]?.query ?? [])).toStrictEqual({
      pageSize: '2',
      pageNumber: '2',
      name: 'Koko',
      attribute: '[{"name":"member","operator":"==","value":"VIP"}]',
    });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
  });

  it('gives no cursor when WATI sends no link', async () => {
    server.use(
      http.get(`${TENANT}/api/v1/getContacts`, () =>
        HttpResponse.json({ result: 'success', contact_list: CONTACTS.contact_list }),
      ),
    );
    const page = await directWati(server).contacts.list();
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toStrictEqual({
      pageSize: '50',
      pageNumber: '1',
    });
    expect(page).toStrictEqual({ items: expect.any(Array) });
  });

  it('rejects a cursor it did not make, and an unknown operator, before any request', async () => {
    const provider = directWati(server);
    await expect(provider.contacts.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      name: 'ValidationError',
      fields: ['cursor'],
    });
    const error = await provider.contacts
      .list({ providerOptions: { wati: { attributes: [{ name: 'a', operator: 'like' }] } } })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['providerOptions.wati.attributes.0.operator']);
    await expect(
      provider.contacts.list({
        providerOptions: { wati: { attributes: [{ name: 'member', operator: '==' }] } },
      }),
    ).rejects.toMatchObject({
      fields: ['providerOptions.wati.attributes.0.value'],
    });
    // The filters moved to providerOptions.wati: beside the neutral options they are refused.
    await expect(provider.contacts.list({ name: 'Koko' } as never)).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(
      provider.contacts.list({ providerOptions: { wati: { nmae: 'Koko' } } }),
    ).rejects.toMatchObject({
      fields: ['providerOptions.wati'],
    });
    expect(server.requests).toHaveLength(0);
  });

  it('works through Maton with the connection header', async () => {
    await matonWati(server).contacts.list();
    expect(wire(server.requests[0])).toMatchObject({
      path: `${MATON_PREFIX}/api/v1/getContacts`,
      matonConnection: expect.any(String),
    });
  });
});

describe('contacts.upsert (addContact)', () => {
  it('posts name and customParams and returns the contact WATI echoes', async () => {
    const contact = await directWati(server).contacts.upsert({
      phone: '+62 881-7527-994',
      name: 'Koko Lopo',
      attributes: { member: 'VIP' },
    });
    const [request] = server.requests;
    expect(wire(request)).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/addContact/628817527994`,
      query: {},
      contentType: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(request?.json()).toStrictEqual({
      name: 'Koko Lopo',
      customParams: [{ name: 'member', value: 'VIP' }],
    });
    expect(contact).toMatchObject({
      phone: '628817527994',
      name: 'Koko Lopo',
      attributes: { name: 'Koko Lopo', phone: '628817527994' },
    });
  });

  it('returns the contact as sent when WATI echoes none', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/addContact/:number`, () =>
        HttpResponse.json({ result: true, info: 'Contact added' }),
      ),
    );
    const contact = await directWati(server).contacts.upsert({ phone: '14155551234' });
    expect(server.requests[0]?.json()).toStrictEqual({ customParams: [] });
    expect(contact).toStrictEqual({
      phone: '14155551234',
      attributes: {},
      raw: { result: true, info: 'Contact added' },
    });
  });

  it('updates the attributes of a contact WATI already has, instead of failing', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/addContact/:number`, () =>
        HttpResponse.json({ result: false, info: 'Contact already exists: 14155551234' }),
      ),
    );
    const contact = await directWati(server).contacts.upsert({
      phone: '14155551234',
      name: 'Ada',
      attributes: { member: 'VIP' },
    });
    expect(server.requests.map((request) => [request.path, request.json()])).toStrictEqual([
      [
        `${TENANT}/api/v1/addContact/14155551234`,
        { name: 'Ada', customParams: [{ name: 'member', value: 'VIP' }] },
      ],
      [
        `${TENANT}/api/v1/updateContactAttributes/14155551234`,
        { customParams: [{ name: 'member', value: 'VIP' }] },
      ],
    ]);
    expect(contact).toStrictEqual({
      phone: '14155551234',
      attributes: { member: 'VIP' },
      raw: { result: true, info: 'Updated' },
    });
  });

  it('throws the soft failure text', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/addContact/:number`, () =>
        HttpResponse.json({ result: false, info: 'Invalid WhatsApp number' }),
      ),
    );
    const error = await directWati(server)
      .contacts.upsert({ phone: '14155551234' })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_recipient',
      message: 'WATI did not accept contacts.upsert (HTTP 200): "Invalid WhatsApp number"',
    });
  });
});

describe('contacts.updateAttributes (updateContactAttributes)', () => {
  it('posts customParams', async () => {
    await directWati(server).contacts.updateAttributes('+1 415 555 1234', { member: 'Gold', city: 'Lisbon' });
    const [request] = server.requests;
    expect(wire(request)).toMatchObject({
      method: 'POST',
      path: `${TENANT}/api/v1/updateContactAttributes/14155551234`,
      contentType: 'application/json',
    });
    expect(request?.json()).toStrictEqual({
      customParams: [
        { name: 'member', value: 'Gold' },
        { name: 'city', value: 'Lisbon' },
      ],
    });
  });

  it('refuses an empty update before any request', async () => {
    await expect(directWati(server).contacts.updateAttributes('14155551234', {})).rejects.toMatchObject({
      name: 'ValidationError',
      fields: ['attributes'],
    });
    expect(server.requests).toHaveLength(0);
  });
});
