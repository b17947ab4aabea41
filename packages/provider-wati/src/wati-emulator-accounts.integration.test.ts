// The adapter against the WATI emulator: bulk sends (v1, v2, CSV), paging and contact upserts,
// the flows where a result that looks fine but is wrong (a refused recipient reported as sent, an
// unfiltered page, a duplicate contact) would reach production unnoticed.
import { paginate } from '@switchboard/core';
import { defaultWatiTemplates } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JANE,
  JOHN,
  NOT_ON_WHATSAPP,
  startWatiEmulatorApp,
  type WatiEmulatorApp,
} from './__fixtures__/wati-emulator-app.js';

const PROMO = 'promo_2025';
let app: WatiEmulatorApp;

beforeAll(async () => {
  app = await startWatiEmulatorApp({
    emulator: {
      templates: [
        ...defaultWatiTemplates,
        { elementName: PROMO, body: 'Hi {{name}}, {{discount}} off today.' },
      ],
    },
  });
  app.setWebhook({ statusDelaysMs: false });
});

afterAll(() => app.close());

const templateMessages = () => app.emulator.state.messages.filter((message) => message.kind === 'template');

describe('bulk sends', () => {
  it('v1: fails the number not on WhatsApp and the recipient whose parameters WATI refused', async () => {
    const before = templateMessages().length;
    const result = await app.provider({ templateApi: 'v1' }).sendBulk({
      template: { name: PROMO, language: 'en' },
      recipients: [
        { to: JOHN, parameters: { name: 'John', discount: '10%' } },
        { to: NOT_ON_WHATSAPP, parameters: { name: 'Nobody', discount: '10%' } },
        { to: `+${JANE}`, parameters: { name: 'Jane' } },
      ],
    });
    expect(result.results.map((entry) => [entry.to, entry.ok, entry.error?.code])).toStrictEqual([
      [JOHN, true, undefined],
      [NOT_ON_WHATSAPP, false, 'invalid_recipient'],
      [JANE, false, 'validation_failed'],
    ]);
    expect(result.results[2]?.error?.message).toContain('missing discount');
    // What the adapter reports matches what WATI sent: only John's message exists.
    expect(
      templateMessages()
        .slice(before)
        .map((message) => message.waId),
    ).toStrictEqual([JOHN]);
  });

  it('v2: each accepted recipient gets the localMessageId WATI stored for its message', async () => {
    const result = await app.provider().sendBulk({
      template: { name: 'order_update', language: 'en' },
      recipients: [
        { to: JANE, parameters: ['Jane', 'D-1'] },
        { to: JOHN, parameters: ['John', 'D-2'] },
      ],
    });
    const stored = templateMessages().slice(-2);
    expect(result.results).toStrictEqual([
      { to: JANE, ok: true, id: stored[0]?.localMessageId },
      { to: JOHN, ok: true, id: stored[1]?.localMessageId },
    ]);
  });

  it('CSV: uploads the file and reports the numbers WATI refused', async () => {
    const before = templateMessages().length;
    const result = await app.provider().sendTemplateCsv({
      templateName: 'order_update',
      broadcastName: 'CSV run',
      csv: `Phone,name,ordernumber\n${JOHN},John,C-1\n${NOT_ON_WHATSAPP},Nobody,C-2\n${JANE},Jane,C-3\n`,
    });
    expect(result.invalidNumbers).toStrictEqual([NOT_ON_WHATSAPP]);
    expect(result.invalidParameters).toStrictEqual([]);
    const sent = templateMessages().slice(before);
    expect(sent.map((message) => [message.waId, message.template?.broadcastName])).toStrictEqual([
      [JOHN, 'CSV run'],
      [JANE, 'CSV run'],
    ]);
    expect(sent[0]?.template?.parameters).toContainEqual({ name: 'ordernumber', value: 'C-1' });
  });
});

describe('paging and contacts', () => {
  it('pages through a whole conversation with the cursor, newest first, without gaps or repeats', async () => {
    const wati = app.provider();
    for (const text of ['one', 'two', 'three', 'four', 'five'])
      await wati.send({ type: 'text', to: JANE, text });
    const expected = app.emulator.state.messages
      .filter((message) => message.waId === JANE)
      .map((message) => message.id)
      .reverse();
    const ids: string[] = [];
    for await (const message of paginate((cursor) =>
      wati.conversations.messages(JANE, cursor === undefined ? { pageSize: 2 } : { cursor }),
    ))
      ids.push(message.id);
    expect(ids).toStrictEqual(expected);
  });

  it('keeps the filters of a contact listing when following its cursor', async () => {
    const wati = app.provider();
    for (const phone of ['351910000001', '351910000002', '351910000003']) {
      await wati.contacts.upsert({ phone, attributes: { city: 'Faro' } });
    }
    const phones: string[] = [];
    for await (const contact of paginate((cursor) =>
      wati.contacts.list(
        cursor === undefined
          ? {
              pageSize: 2,
              providerOptions: { wati: { attributes: [{ name: 'city', operator: '==', value: 'Faro' }] } },
            }
          : { cursor },
      ),
    ))
      phones.push(contact.phone);
    expect(phones).toStrictEqual(['351910000001', '351910000002', '351910000003']);
  });

  it('upserts a contact WATI already has by updating its attributes', async () => {
    const wati = app.provider();
    const contact = await wati.contacts.upsert({
      phone: JOHN,
      name: 'John',
      attributes: { tier: 'platinum' },
    });
    expect(contact).toMatchObject({ phone: JOHN, attributes: { tier: 'platinum' } });
    const [john] = (await wati.contacts.list({ providerOptions: { wati: { name: 'John' } } })).items;
    expect(john?.attributes).toMatchObject({ city: 'Lisbon', tier: 'platinum' });
  });
});
