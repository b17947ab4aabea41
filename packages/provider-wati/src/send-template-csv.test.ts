import { type MessagingProvider, UnsupportedFeatureError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';
import { sendTemplateCsv } from './wati-provider.js';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v1/sendTemplateMessageCSV`, () => HttpResponse.json({ result: true })),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

describe('sendTemplateCsv (sendTemplateMessageCSV)', () => {
  const CSV = 'Name,CountryCode,Phone,AllowBroadcast,AllowSMS\nJane,+1,4155551234,TRUE,TRUE\n';

  async function csvPart(): Promise<{ names: string[]; file: File }> {
    const form = await server.requests[0]?.multipart();
    if (form === undefined) throw new Error('no request');
    return { names: [...form.keys()], file: form.get('whatsapp_numbers_csv') as File };
  }

  it('uploads CSV text as multipart part whatsapp_numbers_csv with the template in the query', async () => {
    const result = await directWati(server).sendTemplateCsv({
      templateName: 'order_update',
      broadcastName: 'Autumn',
      csv: CSV,
    });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `${TENANT}/api/v1/sendTemplateMessageCSV`,
      query: { template_name: 'order_update', broadcast_name: 'Autumn' },
      contentType: 'multipart/form-data',
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    const { names, file } = await csvPart();
    expect(names).toStrictEqual(['whatsapp_numbers_csv']);
    expect({ name: file.name, type: file.type, text: await file.text() }).toStrictEqual({
      name: 'recipients.csv',
      type: 'text/csv',
      text: CSV,
    });
    expect(result).toStrictEqual({ invalidNumbers: [], invalidParameters: [], raw: { result: true } });
  });

  it('accepts bytes and streams, through the standalone helper, with the template name as broadcast name', async () => {
    const provider: MessagingProvider = directWati(server);
    const bytes = new TextEncoder().encode(CSV);
    await sendTemplateCsv(provider, { templateName: 'order_update', csv: bytes, filename: 'autumn.csv' });
    async function* chunks() {
      yield bytes.subarray(0, 10);
      yield bytes.subarray(10);
    }
    await sendTemplateCsv(provider, { templateName: 'order_update', csv: chunks() });
    for (const request of server.requests) {
      expect(Object.fromEntries(request.query)).toStrictEqual({
        template_name: 'order_update',
        broadcast_name: 'order_update',
      });
      const file = (await request.multipart()).get('whatsapp_numbers_csv') as File;
      expect(await file.text()).toBe(CSV);
    }
    const first = await server.requests[0]?.multipart();
    expect((first?.get('whatsapp_numbers_csv') as File | undefined)?.name).toBe('autumn.csv');
  });

  it('throws the soft failure and refuses non-WATI providers', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendTemplateMessageCSV`, () =>
        HttpResponse.json({ result: false, info: 'Template not found' }),
      ),
    );
    await expect(
      directWati(server).sendTemplateCsv({ templateName: 'order_update', csv: CSV }),
    ).rejects.toMatchObject({
      code: 'template_not_found',
    });
    const other = { id: 'whatsapp-cloud' } as MessagingProvider;
    const error = await sendTemplateCsv(other, { templateName: 'order_update', csv: CSV }).catch(
      (caught: unknown) => caught,
    );
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
  });

  it('refuses CSV text or bytes without a Phone column before sending', async () => {
    const provider = directWati(server);
    for (const csv of ['', 'Name,Number\nJane,14155551234\n', new TextEncoder().encode('Name\nJane\n')]) {
      await expect(provider.sendTemplateCsv({ templateName: 'order_update', csv })).rejects.toMatchObject({
        name: 'ValidationError',
        fields: ['csv'],
      });
    }
    expect(server.requests).toHaveLength(0);
    await provider.sendTemplateCsv({
      templateName: 'order_update',
      csv: '\uFEFF"phone",name\n14155551234,Jane\n',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('reports the rows WATI refused instead of a plain success', async () => {
    const answer = {
      result: true,
      errors: {
        error: null,
        invalidWhatsappNumbers: ['14155550000'],
        invalidCustomParameters: ['14155551235: Invalid parameters for template order_update: missing name'],
      },
    };
    server.use(http.post(`${TENANT}/api/v1/sendTemplateMessageCSV`, () => HttpResponse.json(answer)));
    const result = await directWati(server).sendTemplateCsv({ templateName: 'order_update', csv: CSV });
    expect(result).toStrictEqual({
      invalidNumbers: ['14155550000'],
      invalidParameters: ['14155551235'],
      raw: answer,
    });
  });
});
