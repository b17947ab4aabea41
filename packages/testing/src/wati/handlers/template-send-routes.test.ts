import { describe, expect, it } from 'vitest';
import { json, orderUpdate, post, uuid } from '../__fixtures__/wati-requests.js';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

describe('POST /api/v2/sendTemplateMessage', () => {
  it('sends the reference request and answers per-receiver localMessageIds', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const { status, body } = await post(
      `${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`,
      orderUpdate,
    );

    expect(status).toBe(200);
    expect(body).toStrictEqual({
      result: true,
      error: null,
      templateName: 'order_update',
      receivers: [
        {
          localMessageId: expect.stringMatching(uuid),
          waId: '14155551234',
          isValidWhatsAppNumber: true,
          errors: [],
        },
      ],
      parameters: orderUpdate.parameters,
    });
    const [message] = wati.state.messages;
    expect(message).toMatchObject({
      kind: 'template',
      type: 'template',
      localMessageId: body.receivers[0].localMessageId,
      text: 'Hi John, your order 12345 has shipped and is on its way.',
      template: { name: 'order_update', broadcastName: 'order_update', parameters: orderUpdate.parameters },
    });
    // WATI adds an unknown recipient as a contact.
    expect(wati.state.contacts.has('14155551234')).toBe(true);
  });

  it('accepts the JSON media types WATI takes (application/json-patch+json, text/json)', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    for (const type of ['application/json-patch+json', 'text/json', 'application/json; charset=utf-8']) {
      const { body } = await post(
        `${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`,
        orderUpdate,
        {
          ...auth,
          'content-type': type,
        },
      );
      expect(body.result, type).toBe(true);
    }
  });

  it('fails softly for an unknown or unapproved template', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const unknown = await post(`${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`, {
      ...orderUpdate,
      template_name: 'no_such_template',
    });
    const pending = await post(`${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`, {
      template_name: 'spring_sale',
      broadcast_name: 'spring',
      parameters: [{ name: 'date', value: 'Monday' }],
    });

    expect(unknown.status).toBe(200);
    expect(unknown.body).toStrictEqual({
      result: false,
      info: 'Template not found: no_such_template',
      error: 'Template not found: no_such_template',
      templateName: 'no_such_template',
      receivers: [],
      parameters: orderUpdate.parameters,
    });
    expect(pending.body).toMatchObject({
      result: false,
      info: 'Template spring_sale is not approved (status PENDING).',
    });
    expect(wati.state.messages).toHaveLength(0);
  });

  it('fails softly naming missing and unexpected parameters', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const { status, body } = await post(
      `${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`,
      {
        ...orderUpdate,
        parameters: [
          { name: 'name', value: 'John' },
          { name: 'order_number', value: '12345' },
        ],
      },
    );

    const reason =
      'Invalid parameters for template order_update: missing ordernumber; unexpected order_number';
    expect(status).toBe(200);
    expect(body).toMatchObject({
      result: false,
      error: reason,
      info: reason,
      receivers: [{ waId: '14155551234', isValidWhatsAppNumber: true, errors: [reason] }],
    });
    expect(wati.state.messages).toHaveLength(0);
  });

  it('reports an invalid number per receiver with isValidWhatsAppNumber: false', async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['14155550000'] });
    const { tenantUrl } = await wati.listen();

    const { body } = await post(
      `${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155550000`,
      orderUpdate,
    );

    expect(body).toMatchObject({
      result: true,
      receivers: [
        {
          localMessageId: expect.stringMatching(uuid),
          waId: '14155550000',
          isValidWhatsAppNumber: false,
          errors: ['Invalid WhatsApp number: 14155550000'],
        },
      ],
    });
    expect(wati.state.messages).toHaveLength(0);
    expect(wati.state.contacts.has('14155550000')).toBe(false);
  });

  it('answers 415 to a body that is not JSON and 400 to a missing field or whatsappNumber', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const url = `${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=14155551234`;

    const form = await looseFetch(url, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'template_name=order_update',
    });
    const noBroadcast = await post(url, { template_name: 'order_update', parameters: [] });
    const noNumber = await post(`${tenantUrl}/api/v2/sendTemplateMessage`, orderUpdate);
    const brokenJson = await looseFetch(url, { method: 'POST', headers: json, body: '{"template_name":' });
    const numericValue = await post(url, { ...orderUpdate, parameters: [{ name: 'name', value: 5 }] });

    expect(form.status).toBe(415);
    expect(noBroadcast.status).toBe(400);
    expect(noBroadcast.body.errors).toHaveProperty('broadcast_name');
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.errors).toHaveProperty('whatsappNumber');
    expect(brokenJson.status).toBe(400);
    expect(numericValue.status).toBe(400);
    expect(numericValue.body.errors).toHaveProperty(['parameters[0].value']);
  });
});

describe('POST /api/v1/sendTemplateMessage', () => {
  it('answers the captured v1 shape: no message id, the contact echoed, `parameteres` misspelled', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: '14155551234', name: 'John' }] });
    const { tenantUrl } = await wati.listen();

    const { body } = await post(
      `${tenantUrl}/api/v1/sendTemplateMessage?whatsappNumber=14155551234`,
      orderUpdate,
    );

    expect(body).toStrictEqual({
      result: true,
      phone_number: '14155551234',
      template_name: 'order_update',
      parameteres: orderUpdate.parameters,
      contact: expect.objectContaining({ wAid: '14155551234', fullName: 'John', contactStatus: 'VALID' }),
      model: { ids: [body.contact.id] },
      validWhatsAppNumber: true,
    });
    expect(JSON.stringify(body)).not.toContain('localMessageId');
  });

  it('fails softly with result: false for an invalid number, an unknown template and wrong parameters', async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['14155550000'] });
    const { tenantUrl } = await wati.listen();
    const url = (number: string) => `${tenantUrl}/api/v1/sendTemplateMessage?whatsappNumber=${number}`;

    const invalid = await post(url('14155550000'), orderUpdate);
    const unknown = await post(url('14155551234'), { ...orderUpdate, template_name: 'nope' });
    const params = await post(url('14155551234'), { ...orderUpdate, parameters: [] });

    expect(invalid.body).toStrictEqual({
      result: false,
      info: 'Invalid WhatsApp number: 14155550000',
      validWhatsAppNumber: false,
    });
    expect(unknown.body).toStrictEqual({ result: false, info: 'Template not found: nope' });
    expect(params.body).toStrictEqual({
      result: false,
      info: 'Invalid parameters for template order_update: missing name, ordernumber',
    });
  });
});
