import { describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

function csvForm(csv: string, field = 'whatsapp_numbers_csv'): FormData {
  const form = new FormData();
  form.append(field, new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
  return form;
}

describe('POST /api/v1/sendTemplateMessageCSV', () => {
  it("sends to every row of WATI's import format, with parameter columns and extra columns as attributes", async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['15550000000'] });
    const { tenantUrl } = await wati.listen();
    const csv = [
      'Name,CountryCode,Phone,AllowBroadcast,AllowSMS,name,ordernumber,city',
      'Jane,+91,98765 43210,TRUE,TRUE,Jane,A-1,Pune',
      '"Doe, John",1,4155551234,TRUE,FALSE,John,B-2,',
      'Ghost,1,5550000000,TRUE,TRUE,Ghost,C-3,',
    ].join('\r\n');

    const response = await looseFetch(
      `${tenantUrl}/api/v1/sendTemplateMessageCSV?template_name=order_update&broadcast_name=csv_run`,
      {
        method: 'POST',
        headers: auth,
        body: csvForm(csv),
      },
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({
      result: true,
      errors: { error: null, invalidWhatsappNumbers: ['15550000000'], invalidCustomParameters: [] },
    });
    expect(
      wati.state.messages.map((message) => [message.waId, message.text, message.template?.broadcastName]),
    ).toEqual([
      ['919876543210', 'Hi Jane, your order A-1 has shipped and is on its way.', 'csv_run'],
      ['14155551234', 'Hi John, your order B-2 has shipped and is on its way.', 'csv_run'],
    ]);
    const jane = wati.state.contacts.get('919876543210');
    expect(jane?.name).toBe('Jane');
    expect(jane?.customParams).toContainEqual({ name: 'city', value: 'Pune' });
    expect(wati.state.contacts.get('14155551234')?.name).toBe('Doe, John');
  });

  it('takes a full number from Phone when there is no CountryCode column', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(
      `${tenantUrl}/api/v1/sendTemplateMessageCSV?template_name=welcome_offer&broadcast_name=w`,
      {
        method: 'POST',
        headers: auth,
        body: csvForm('Name,Phone\nAnn,+1 (415) 555-0101\n'),
      },
    );

    expect((await response.json()).result).toBe(true);
    expect(wati.state.messages[0]).toMatchObject({
      waId: '14155550101',
      text: 'Welcome to our store! Enjoy 10% off your first order.',
    });
  });

  it('reports rows missing a template parameter column', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(
      `${tenantUrl}/api/v1/sendTemplateMessageCSV?template_name=order_update&broadcast_name=b`,
      {
        method: 'POST',
        headers: auth,
        body: csvForm('Phone,name\n14155551234,John\n'),
      },
    );

    expect(await response.json()).toStrictEqual({
      result: true,
      errors: {
        error: null,
        invalidWhatsappNumbers: [],
        invalidCustomParameters: [
          '14155551234: Invalid parameters for template order_update: missing ordernumber',
        ],
      },
    });
  });

  it('fails softly without a Phone column or with an unknown template, and 400s without the file part or names', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const send = (query: string, body: FormData) =>
      looseFetch(`${tenantUrl}/api/v1/sendTemplateMessageCSV?${query}`, {
        method: 'POST',
        headers: auth,
        body,
      });

    const noPhone = await send('template_name=order_update&broadcast_name=b', csvForm('Name\nJane\n'));
    const unknown = await send('template_name=nope&broadcast_name=b', csvForm('Phone\n14155551234\n'));
    const wrongPart = await send(
      'template_name=order_update&broadcast_name=b',
      csvForm('Phone\n1\n', 'file'),
    );
    const noNames = await send('', csvForm('Phone\n14155551234\n'));

    expect(await noPhone.json()).toStrictEqual({ result: false, info: 'The CSV must have a Phone column.' });
    expect(await unknown.json()).toStrictEqual({ result: false, info: 'Template not found: nope' });
    expect(wrongPart.status).toBe(400);
    expect(noNames.status).toBe(400);
    expect(Object.keys((await noNames.json()).errors)).toEqual(['template_name', 'broadcast_name']);
    expect(wati.state.messages).toHaveLength(0);
  });
});
