import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT } from './__fixtures__/wati-server.js';

// v1's bulk answer has no per-recipient ids, only lists of refused numbers under `errors`.
let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v1/sendTemplateMessages`, () =>
      HttpResponse.json({
        result: true,
        errors: { error: null, invalidWhatsappNumbers: ['14155550000'], invalidCustomParameters: [] },
      }),
    ),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

const bulkCalls = () => server.requests.filter((request) => request.path.endsWith('/sendTemplateMessages'));

describe('sendBulk with templateApi v1', () => {
  it('v1: ok entries without ids, numbers WATI lists as invalid fail', async () => {
    const result = await directWati(server, { templateApi: 'v1' }).sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      recipients: [{ to: '14155551234' }, { to: '14155550000' }],
    });
    expect(bulkCalls()[0]?.path).toBe(`${TENANT}/api/v1/sendTemplateMessages`);
    expect(result.results).toStrictEqual([
      { to: '14155551234', ok: true },
      {
        to: '14155550000',
        ok: false,
        error: {
          code: 'invalid_recipient',
          message: 'WATI reports the number is not a valid WhatsApp number',
          retryable: false,
        },
      },
    ]);
  });

  it('v1: fails a recipient listed under invalidCustomParameters, whatever digits the reason holds', async () => {
    server.use(
      http.post(`${TENANT}/api/v1/sendTemplateMessages`, () =>
        HttpResponse.json({
          result: true,
          errors: {
            error: null,
            invalidWhatsappNumbers: [],
            invalidCustomParameters: [
              '14155551235: Invalid parameters for template promo_2024: missing 1',
              { whatsappNumber: '14155551236', error: 'unexpected ordernumber' },
            ],
          },
        }),
      ),
    );
    const result = await directWati(server, { templateApi: 'v1' }).sendBulk({
      template: { name: 'promo_2024', language: 'en' },
      recipients: [{ to: '14155551234' }, { to: '14155551235' }, { to: '14155551236' }],
    });
    const rejected = (reason: string) => ({
      code: 'validation_failed',
      message: `WATI rejected this recipient's template parameters: ${reason}`,
      retryable: false,
    });
    expect(result.results).toStrictEqual([
      { to: '14155551234', ok: true },
      {
        to: '14155551235',
        ok: false,
        error: rejected('Invalid parameters for template promo_2024: missing 1'),
      },
      { to: '14155551236', ok: false, error: rejected('unexpected ordernumber') },
    ]);
  });
});
