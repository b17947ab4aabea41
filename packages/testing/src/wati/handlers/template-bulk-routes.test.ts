import { describe, expect, it } from 'vitest';
import { orderUpdate, post, uuid } from '../__fixtures__/wati-requests.js';
import { createWatiEmulator } from '../wati-emulator.js';

describe('POST /api/v{1,2}/sendTemplateMessages (bulk)', () => {
  const bulk = {
    template_name: 'order_update',
    broadcast_name: 'order_update',
    receivers: [
      {
        whatsappNumber: '14155551234',
        customParams: [
          { name: 'name', value: 'John' },
          { name: 'ordernumber', value: '12345' },
        ],
      },
      {
        whatsappNumber: '14155555678',
        customParams: [
          { name: 'name', value: 'Jane' },
          { name: 'ordernumber', value: '67890' },
        ],
      },
      { whatsappNumber: '14155550000', customParams: orderUpdate.parameters },
      { whatsappNumber: '1415', customParams: orderUpdate.parameters },
      { whatsappNumber: '14155550002', customParams: [{ name: 'name', value: 'Ann' }] },
    ],
  };

  it('v2 answers one receiver per recipient, in order, with validity and errors', async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['14155550000'] });
    const { tenantUrl } = await wati.listen();

    const { body } = await post(`${tenantUrl}/api/v2/sendTemplateMessages`, bulk);

    expect(body).toMatchObject({ result: true, error: null, templateName: 'order_update' });
    expect(body.receivers).toStrictEqual([
      {
        localMessageId: expect.stringMatching(uuid),
        waId: '14155551234',
        isValidWhatsAppNumber: true,
        errors: [],
      },
      {
        localMessageId: expect.stringMatching(uuid),
        waId: '14155555678',
        isValidWhatsAppNumber: true,
        errors: [],
      },
      {
        localMessageId: expect.stringMatching(uuid),
        waId: '14155550000',
        isValidWhatsAppNumber: false,
        errors: ['Invalid WhatsApp number: 14155550000'],
      },
      {
        localMessageId: expect.stringMatching(uuid),
        waId: '1415',
        isValidWhatsAppNumber: false,
        errors: ['Invalid WhatsApp number: 1415'],
      },
      {
        localMessageId: expect.stringMatching(uuid),
        waId: '14155550002',
        isValidWhatsAppNumber: true,
        errors: ['Invalid parameters for template order_update: missing ordernumber'],
      },
    ]);
    expect(wati.state.messages.map((message) => [message.waId, message.text])).toEqual([
      ['14155551234', 'Hi John, your order 12345 has shipped and is on its way.'],
      ['14155555678', 'Hi Jane, your order 67890 has shipped and is on its way.'],
    ]);
    expect(
      new Set(body.receivers.map((receiver: { localMessageId: string }) => receiver.localMessageId)).size,
    ).toBe(5);
  });

  it('v2 echoes a caller-chosen receiver localMessageId', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const { body } = await post(`${tenantUrl}/api/v2/sendTemplateMessages`, {
      ...bulk,
      receivers: [{ ...bulk.receivers[0], localMessageId: 'my-id-1' }],
    });

    expect(body.receivers[0].localMessageId).toBe('my-id-1');
    expect(wati.state.findMessage('my-id-1')?.waId).toBe('14155551234');
  });

  it('v1 answers the errors object with invalid numbers and rejected parameters', async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['14155550000'] });
    const { tenantUrl } = await wati.listen();

    const { body } = await post(`${tenantUrl}/api/v1/sendTemplateMessages`, bulk);

    expect(body).toStrictEqual({
      result: true,
      errors: {
        error: null,
        invalidWhatsappNumbers: ['14155550000', '1415'],
        invalidCustomParameters: [
          '14155550002: Invalid parameters for template order_update: missing ordernumber',
        ],
      },
    });
    expect(wati.state.messages).toHaveLength(2);
  });

  it('answers 400 above 1000 receivers or with none, and fails softly for an unknown template', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const receivers = Array.from({ length: 1001 }, (_, index) => ({
      whatsappNumber: String(14155500000 + index),
      customParams: orderUpdate.parameters,
    }));

    const tooMany = await post(`${tenantUrl}/api/v2/sendTemplateMessages`, { ...bulk, receivers });
    const none = await post(`${tenantUrl}/api/v1/sendTemplateMessages`, { ...bulk, receivers: [] });
    const unknown = await post(`${tenantUrl}/api/v2/sendTemplateMessages`, {
      ...bulk,
      template_name: 'nope',
    });

    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.receivers).toEqual(['You can add up to 1000 contacts in 1 call.']);
    expect(none.status).toBe(400);
    expect(unknown.body).toMatchObject({ result: false, info: 'Template not found: nope', receivers: [] });
    expect(wati.state.messages).toHaveLength(0);
  });

  it('accepts exactly 1000 receivers', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    const receivers = Array.from({ length: 1000 }, (_, index) => ({
      whatsappNumber: String(14155500000 + index),
      customParams: orderUpdate.parameters,
    }));

    const { body } = await post(`${tenantUrl}/api/v2/sendTemplateMessages`, { ...bulk, receivers });

    expect(body.receivers).toHaveLength(1000);
    expect(wati.state.messages).toHaveLength(1000);
  });
});
