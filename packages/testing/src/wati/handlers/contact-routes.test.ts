import { describe, expect, it } from 'vitest';
import { auth, type Loose, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';
import type { WatiEmulatorContact } from '../wati-emulator-options.js';

const json = { ...auth, 'content-type': 'application/json' };

const seed: WatiEmulatorContact[] = [
  { whatsappNumber: '14155550001', name: 'Alice Smith', customParams: { member: 'VIP', city: 'Lisbon' } },
  { whatsappNumber: '14155550002', name: 'Bob Jones', customParams: { member: 'regular', city: '' } },
  { whatsappNumber: '14155550003', name: 'Carol Smith', customParams: { member: 'vip gold' } },
  { whatsappNumber: '14155550004' },
  { whatsappNumber: '14155550005', name: 'Eve Invalid', customParams: { member: 'VIP' } },
];

async function getContacts(base: string, query: Record<string, string>) {
  const response = await looseFetch(`${base}/api/v1/getContacts?${new URLSearchParams(query)}`, {
    headers: auth,
  });
  return { status: response.status, body: await response.json() };
}

const numbers = (body: Loose): string[] => body.contact_list.map((contact: { wAid: string }) => contact.wAid);

describe('GET /api/v1/getContacts', () => {
  it('answers contact_list in the captured WATI contact shape, with the link block', async () => {
    await using wati = createWatiEmulator({
      now: () => new Date('2024-10-11T15:09:36.047Z'),
      contacts: [
        { whatsappNumber: '17759865200' },
        { whatsappNumber: '14155551234', name: 'John', customParams: { member: 'VIP' } },
      ],
    });
    const { tenantUrl } = await wati.listen();

    const { body } = await getContacts(tenantUrl, { pageSize: '10', pageNumber: '1' });

    expect(body.result).toBe('success');
    expect(body.link).toStrictEqual({
      prevPage: null,
      nextPage: null,
      pageNumber: 1,
      pageSize: 10,
      total: 2,
    });
    expect(body.contact_list[0]).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      wAid: '17759865200',
      firstName: '+17759865200',
      fullName: '+17759865200',
      phone: '17759865200',
      source: null,
      contactStatus: 'VALID',
      photo: null,
      created: 'Oct-11-2024',
      customParams: [
        { name: 'name', value: '+17759865200' },
        { name: 'phone', value: '17759865200' },
      ],
      optedIn: false,
      isDeleted: false,
      lastUpdated: '2024-10-11T15:09:36.047Z',
      allowBroadcast: true,
      allowSMS: true,
      teamIds: [expect.stringMatching(/^[0-9a-f]{24}$/)],
      isInFlow: false,
      lastFlowId: null,
      currentFlowNodeId: null,
      selectedHubspotId: null,
    });
    expect(body.contact_list[1]).toMatchObject({
      fullName: 'John',
      firstName: 'John',
      customParams: [
        { name: 'name', value: 'John' },
        { name: 'phone', value: '14155551234' },
        { name: 'member', value: 'VIP' },
      ],
    });
  });

  it('pages with pageSize and 1-based pageNumber, prevPage and nextPage', async () => {
    await using wati = createWatiEmulator({ contacts: seed });
    const { tenantUrl } = await wati.listen();

    const pages = await Promise.all(
      ['1', '2', '3', '4'].map((pageNumber) => getContacts(tenantUrl, { pageSize: '2', pageNumber })),
    );

    expect(pages.map(({ body }) => numbers(body))).toEqual([
      ['14155550001', '14155550002'],
      ['14155550003', '14155550004'],
      ['14155550005'],
      [],
    ]);
    expect(pages.map(({ body }) => body.link)).toEqual([
      { prevPage: null, nextPage: 2, pageNumber: 1, pageSize: 2, total: 5 },
      { prevPage: 1, nextPage: 3, pageNumber: 2, pageSize: 2, total: 5 },
      { prevPage: 2, nextPage: null, pageNumber: 3, pageSize: 2, total: 5 },
      { prevPage: 3, nextPage: null, pageNumber: 4, pageSize: 2, total: 5 },
    ]);
    const defaults = await getContacts(tenantUrl, {});
    expect(defaults.body.link).toMatchObject({ pageNumber: 1, pageSize: 20 });
  });

  it('answers 400 for a pageSize or pageNumber that is not a positive integer', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const queries: Record<string, string>[] = [{ pageSize: '0' }, { pageNumber: 'two' }, { pageSize: '1.5' }];
    for (const query of queries) {
      const { status, body } = await getContacts(tenantUrl, query);
      expect(status).toBe(400);
      expect(Object.keys(body.errors)).toEqual(Object.keys(query));
    }
  });

  it.each([
    ['contain', 'member', 'vip', ['14155550001', '14155550003', '14155550005']],
    ['notContain', 'member', 'vip', ['14155550002', '14155550004']],
    ['exist', 'city', undefined, ['14155550001']],
    ['notExist', 'city', undefined, ['14155550002', '14155550003', '14155550004', '14155550005']],
    ['==', 'member', 'VIP', ['14155550001', '14155550005']],
    ['!=', 'member', 'VIP', ['14155550002', '14155550003', '14155550004']],
    ['valid', 'phone', undefined, ['14155550001', '14155550002', '14155550003', '14155550004']],
    ['invalid', 'phone', undefined, ['14155550005']],
  ])('filters with the %s operator', async (operator, name, value, expected) => {
    await using wati = createWatiEmulator({ contacts: seed, invalidNumbers: ['14155550005'] });
    const { tenantUrl } = await wati.listen();
    const condition = value === undefined ? { name, operator } : { name, operator, value };

    const { body } = await getContacts(tenantUrl, { attribute: JSON.stringify([condition]) });

    expect(numbers(body)).toEqual(expected);
    expect(body.link.total).toBe(expected.length);
  });

  it('combines conditions with AND, matches attribute names case-insensitively, and filters by name', async () => {
    await using wati = createWatiEmulator({ contacts: seed });
    const { tenantUrl } = await wati.listen();

    const both = await getContacts(tenantUrl, {
      attribute: JSON.stringify([
        { name: 'Member', operator: 'contain', value: 'vip' },
        { name: 'name', operator: 'contain', value: 'smith' },
      ]),
    });
    const byName = await getContacts(tenantUrl, { name: 'smith' });

    expect(numbers(both.body)).toEqual(['14155550001', '14155550003']);
    expect(numbers(byName.body)).toEqual(['14155550001', '14155550003']);
  });

  it('filters by createdDate (YYYY-MM-DD, or MM-DD-YYYY)', async () => {
    let now = new Date('2026-01-05T10:00:00Z');
    await using wati = createWatiEmulator({ now: () => now, contacts: [{ whatsappNumber: '14155550001' }] });
    const { tenantUrl } = await wati.listen();
    now = new Date('2026-01-06T23:59:00Z');
    await looseFetch(`${tenantUrl}/api/v1/addContact/14155550002`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });

    expect(numbers((await getContacts(tenantUrl, { createdDate: '2026-01-05' })).body)).toEqual([
      '14155550001',
    ]);
    expect(numbers((await getContacts(tenantUrl, { createdDate: '01-06-2026' })).body)).toEqual([
      '14155550002',
    ]);
    expect((await getContacts(tenantUrl, { createdDate: 'yesterday' })).status).toBe(400);
  });

  it('answers 400 to an attribute filter that is not JSON or has an unknown operator', async () => {
    await using wati = createWatiEmulator({ contacts: seed });
    const { tenantUrl } = await wati.listen();

    const notJson = await getContacts(tenantUrl, { attribute: 'member=VIP' });
    const badOperator = await getContacts(tenantUrl, {
      attribute: JSON.stringify([{ name: 'member', operator: 'startsWith', value: 'V' }]),
    });

    expect(notJson.status).toBe(400);
    expect(badOperator.status).toBe(400);
    expect(Object.keys(badOperator.body.errors)).toEqual(['attribute[0].operator']);
  });
});
