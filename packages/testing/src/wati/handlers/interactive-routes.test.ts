import { describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

const json = { ...auth, 'content-type': 'application/json' };
const john = '14155551234';

const buttons = {
  header: { type: 'text', text: 'Order Status' },
  body: 'Your order #12345 is ready. What would you like to do?',
  footer: 'Reply within 24 hours',
  buttons: [{ text: 'Track Order' }, { text: 'Contact Support' }],
};

const list = {
  header: 'Choose an option',
  body: 'Please select from the menu below',
  footer: 'Powered by WATI',
  buttonText: 'View Options',
  sections: [
    {
      title: 'Products',
      rows: [
        { title: 'Product A', description: 'Best seller item' },
        { title: 'Product B', description: 'New arrival' },
      ],
    },
  ],
};

async function post(url: string, body: unknown) {
  const response = await looseFetch(url, { method: 'POST', headers: json, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('POST /api/v1/sendInteractiveButtonsMessage and sendInteractiveListMessage', () => {
  it('sends the reference buttons request and answers ok with the interactive message', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const { status, body } = await post(
      `${tenantUrl}/api/v1/sendInteractiveButtonsMessage?whatsappNumber=${john}`,
      buttons,
    );

    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      result: 'success',
      errors: [],
      message: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        whatsappMessageId: expect.stringMatching(/^wamid\./),
        type: 'interactive',
        text: buttons.body,
        interactiveData: buttons,
        isOwner: true,
        statusString: 'SENT',
      },
    });
  });

  it("accepts WATI's capitalised header type and media headers", async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const { body } = await post(`${tenantUrl}/api/v1/sendInteractiveButtonsMessage?whatsappNumber=${john}`, {
      ...buttons,
      header: { type: 'Image', media: { url: 'https://example.com/a.jpg', fileName: 'a.jpg' } },
    });

    expect(body.ok).toBe(true);
  });

  it('sends the reference list request', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const { body } = await post(
      `${tenantUrl}/api/v1/sendInteractiveListMessage?whatsappNumber=${john}`,
      list,
    );

    expect(body).toMatchObject({
      ok: true,
      result: 'success',
      message: { type: 'interactive', interactiveData: list },
    });
  });

  it('answers 400 naming the field for 0 or 4 buttons, a button without text, duplicate texts or no body', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const url = `${tenantUrl}/api/v1/sendInteractiveButtonsMessage?whatsappNumber=${john}`;
    const cases: [unknown, string][] = [
      [{ ...buttons, buttons: [] }, 'buttons'],
      [{ ...buttons, buttons: [{ text: 'a' }, { text: 'b' }, { text: 'c' }, { text: 'd' }] }, 'buttons'],
      [{ ...buttons, buttons: [{ id: 'x' }] }, 'buttons[0].text'],
      [{ ...buttons, buttons: [{ text: 'Same' }, { text: 'Same' }] }, 'buttons'],
      [{ ...buttons, body: '' }, 'body'],
      [{ ...buttons, header: { type: 'Sticker' } }, 'header.type'],
    ];

    for (const [request, field] of cases) {
      const { status, body } = await post(url, request);
      expect(status, field).toBe(400);
      expect(body.errors, field).toHaveProperty([field]);
    }
    expect(wati.state.messages).toHaveLength(0);
  });

  it('answers 400 for a list with more than 10 rows, a row without title or no buttonText', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const url = `${tenantUrl}/api/v1/sendInteractiveListMessage?whatsappNumber=${john}`;
    const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ title: `Row ${index}` }));
    const cases: [unknown, string][] = [
      [
        {
          ...list,
          sections: [
            { title: 'A', rows: rows(6) },
            { title: 'B', rows: rows(5) },
          ],
        },
        'sections',
      ],
      [
        { ...list, sections: [{ title: 'A', rows: [{ description: 'no title' }] }] },
        'sections[0].rows[0].title',
      ],
      [{ ...list, buttonText: undefined }, 'buttonText'],
      [{ ...list, sections: [] }, 'sections'],
    ];

    for (const [request, field] of cases) {
      const { status, body } = await post(url, request);
      expect(status, field).toBe(400);
      expect(body.errors, field).toHaveProperty([field]);
    }
    const ten = await post(url, {
      ...list,
      sections: [
        { title: 'A', rows: rows(4) },
        { title: 'B', rows: rows(6) },
      ],
    });
    expect(ten.body.ok).toBe(true);
  });

  it('answers 415 to a non-JSON body and 400 without whatsappNumber', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const form = await looseFetch(`${tenantUrl}/api/v1/sendInteractiveListMessage?whatsappNumber=${john}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'body=hi',
    });
    const noNumber = await post(`${tenantUrl}/api/v1/sendInteractiveListMessage`, list);

    expect(form.status).toBe(415);
    expect(noNumber.status).toBe(400);
  });

  it("answers 'Ticket has been expired.' outside the window in enforce mode", async () => {
    await using wati = createWatiEmulator({ sessionWindow: 'enforce', contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const { status, body } = await post(
      `${tenantUrl}/api/v1/sendInteractiveButtonsMessage?whatsappNumber=${john}`,
      buttons,
    );

    expect(status).toBe(200);
    expect(body).toStrictEqual({ result: false, info: 'Ticket has been expired.' });
  });
});
