import { describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

const json = { ...auth, 'content-type': 'application/json' };

describe('POST /api/v1/addContact and updateContactAttributes', () => {
  it('adds a contact with the reference body, then fails softly when it already exists', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const body = JSON.stringify({ name: 'John Doe', customParams: [{ name: 'member', value: 'VIP' }] });

    const first = await looseFetch(`${tenantUrl}/api/v1/addContact/14155551234`, {
      method: 'POST',
      headers: json,
      body,
    });
    const again = await looseFetch(`${tenantUrl}/api/v1/addContact/14155551234`, {
      method: 'POST',
      headers: json,
      body,
    });

    expect(await first.json()).toMatchObject({
      result: true,
      contact: {
        wAid: '14155551234',
        fullName: 'John Doe',
        customParams: [
          { name: 'name', value: 'John Doe' },
          { name: 'phone', value: '14155551234' },
          { name: 'member', value: 'VIP' },
        ],
      },
    });
    expect(await again.json()).toStrictEqual({ result: false, info: 'Contact already exists: 14155551234' });
  });

  it('fails softly for an invalid number and answers 415 to a non-JSON body', async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['14155550000'] });
    const { tenantUrl } = await wati.listen();

    const invalid = await looseFetch(`${tenantUrl}/api/v1/addContact/14155550000`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    const form = await looseFetch(`${tenantUrl}/api/v1/addContact/14155551234`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=John',
    });

    expect(await invalid.json()).toMatchObject({
      result: false,
      info: 'Invalid WhatsApp number: 14155550000',
    });
    expect(form.status).toBe(415);
  });

  it('updates attributes (adding new ones, renaming through `name`) and fails softly for an unknown contact', async () => {
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: '14155551234', name: 'John', customParams: { member: 'regular' } }],
    });
    const { tenantUrl } = await wati.listen();
    const body = JSON.stringify({
      customParams: [
        { name: 'member', value: 'VIP' },
        { name: 'city', value: 'Porto' },
        { name: 'name', value: 'John Doe' },
      ],
    });

    const updated = await looseFetch(`${tenantUrl}/api/v1/updateContactAttributes/14155551234`, {
      method: 'POST',
      headers: json,
      body,
    });
    const unknown = await looseFetch(`${tenantUrl}/api/v1/updateContactAttributes/14155559999`, {
      method: 'POST',
      headers: json,
      body,
    });

    expect(await updated.json()).toMatchObject({
      result: true,
      contact: {
        fullName: 'John Doe',
        customParams: [
          { name: 'name', value: 'John Doe' },
          { name: 'phone', value: '14155551234' },
          { name: 'member', value: 'VIP' },
          { name: 'city', value: 'Porto' },
        ],
      },
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toStrictEqual({ result: false, info: 'Contact not found: 14155559999' });
  });
});

describe('POST /api/v1/assignOperator', () => {
  it('assigns an operator named in the query; unknown contacts and malformed emails fail softly', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: '14155551234' }] });
    const { tenantUrl } = await wati.listen();
    const assign = async (query: string) =>
      (
        await looseFetch(`${tenantUrl}/api/v1/assignOperator?${query}`, { method: 'POST', headers: auth })
      ).json();

    expect(await assign('email=agent@example.com&whatsappNumber=14155551234')).toStrictEqual({
      result: true,
      info: 'Operator agent@example.com assigned to 14155551234.',
    });
    expect(wati.state.contacts.get('14155551234')?.operatorEmail).toBe('agent@example.com');
    expect(await assign('email=agent@example.com&whatsappNumber=14155559999')).toMatchObject({
      result: false,
    });
    expect(await assign('email=not-an-email&whatsappNumber=14155551234')).toMatchObject({
      result: false,
      info: 'Operator not found: not-an-email',
    });
    expect(await assign('whatsappNumber=14155551234')).toMatchObject({
      status: 400,
      errors: { email: [expect.any(String)] },
    });
  });
});
