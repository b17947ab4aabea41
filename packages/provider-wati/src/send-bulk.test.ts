import { bulkResultSchema, ValidationError } from '@switchboard/core';
import { useFakeWaits } from '@switchboard/provider-test-kit';
import { faults, type LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { directWati, fixture, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';

interface BulkBody {
  template_name: string;
  broadcast_name: string;
  receivers: { whatsappNumber: string; customParams: { name: string; value: string }[] }[];
}

/** WATI v2 answers one receiver per number; this one lists them in reverse to prove matching by waId. */
function v2Answer(body: BulkBody) {
  return {
    result: true,
    error: null,
    templateName: body.template_name,
    receivers: body.receivers
      .map((receiver) => ({
        localMessageId: `lm-${receiver.whatsappNumber}`,
        waId: receiver.whatsappNumber,
        isValidWhatsAppNumber: !receiver.whatsappNumber.endsWith('0000'),
        errors: receiver.whatsappNumber.endsWith('0000') ? ['Invalid WhatsApp number'] : [],
      }))
      .reverse(),
  };
}

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v2/sendTemplateMessages`, async ({ request }) =>
      HttpResponse.json(v2Answer((await request.json()) as BulkBody)),
    ),
    http.get(`${TENANT}/api/v1/getMessageTemplates`, () =>
      HttpResponse.json(fixture('get-message-templates-response.json')),
    ),
  ]);
});
afterEach(() => {
  vi.useRealTimers();
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

/** `count` distinct numbers, 14150000000, 14150000001, … */
const numbers = (count: number) =>
  Array.from({ length: count }, (_, index) => String(14150000000 + index + 1));
const bulkCalls = () => server.requests.filter((request) => request.path.endsWith('/sendTemplateMessages'));

describe('sendBulk (sendTemplateMessages)', () => {
  it('splits 1001 recipients into batches of 1000 and returns results in recipient order', async () => {
    const recipients = numbers(1001).map((to) => ({ to: `+${to}`, parameters: { name: `n${to}` } }));
    const provider = directWati(server);
    expect(provider.limits.bulkBatchSize).toBe(1000);
    const result = await provider.sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      recipients,
    });

    expect(bulkCalls().map((request) => wire(request))).toStrictEqual(
      [1, 2].map(() => ({
        method: 'POST',
        path: `${TENANT}/api/v2/sendTemplateMessages`,
        query: {},
        contentType: 'application/json',
        authorization: `Bearer ${TOKEN}`,
        matonConnection: null,
      })),
    );
    const [first, second] = bulkCalls().map((request) => request.json<BulkBody>());
    expect(first?.receivers).toHaveLength(1000);
    expect(second).toStrictEqual({
      template_name: 'update_for_you',
      broadcast_name: 'update_for_you',
      receivers: [{ whatsappNumber: '14150001001', customParams: [{ name: 'name', value: 'n14150001001' }] }],
    });
    expect(first?.receivers[0]).toStrictEqual({
      whatsappNumber: '14150000001',
      customParams: [{ name: 'name', value: 'n14150000001' }],
    });
    expect(result.results).toHaveLength(1001);
    expect(result.results.map((entry) => entry.to)).toStrictEqual(numbers(1001));
    expect(result.results[1000]).toStrictEqual({ to: '14150001001', ok: true, id: 'lm-14150001001' });
    expect(
      result.results.every((entry, index) => entry.ok && entry.id === `lm-${numbers(1001)[index]}`),
    ).toBe(true);
    expect(bulkResultSchema.parse(result)).toStrictEqual(result);
  });

  it('fails the recipients v2 flags as invalid and keeps the others', async () => {
    const result = await directWati(server).sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      campaign: 'November update',
      recipients: [{ to: '14155551234' }, { to: '14155550000' }],
    });
    // The neutral campaign label is WATI's broadcast name.
    expect(bulkCalls()[0]?.json<BulkBody>().broadcast_name).toBe('November update');
    expect(result).toStrictEqual({
      results: [
        { to: '14155551234', ok: true, id: 'lm-14155551234' },
        {
          to: '14155550000',
          ok: false,
          error: {
            code: 'invalid_recipient',
            message: 'WATI reports the number is not a valid WhatsApp number: Invalid WhatsApp number',
            retryable: false,
          },
        },
      ],
    });
  });

  it('fails only the batch WATI refuses, with its reason, and still sends the next batch', async () => {
    let call = 0;
    server.use(
      http.post(`${TENANT}/api/v2/sendTemplateMessages`, async ({ request }) => {
        call += 1;
        if (call === 1)
          return HttpResponse.json({ result: false, error: 'Template not found', receivers: [] });
        return HttpResponse.json(v2Answer((await request.json()) as BulkBody));
      }),
    );
    const recipients = numbers(1002).map((to) => ({ to }));
    const result = await directWati(server).sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      recipients,
    });
    expect(bulkCalls()).toHaveLength(2);
    expect(
      result.results.slice(0, 1000).every((entry) => !entry.ok && entry.error?.code === 'template_not_found'),
    ).toBe(true);
    expect(result.results[0]?.error?.message).toBe(
      'WATI did not accept send.bulk (HTTP 200): "Template not found"',
    );
    expect(result.results.slice(1000)).toStrictEqual([
      { to: '14150001001', ok: true, id: 'lm-14150001001' },
      { to: '14150001002', ok: true, id: 'lm-14150001002' },
    ]);
  });

  it('names positional parameters from the template list, once for the whole request', async () => {
    const result = await directWati(server).sendBulk({
      template: { name: 'order_update', language: 'en_US' },
      recipients: [
        { to: '14155551234', parameters: ['Ada', '42'] },
        { to: '14155551235', parameters: { name: 'Bob', ordernumber: '43' } },
      ],
    });
    expect(server.requests.filter((request) => request.path.endsWith('/getMessageTemplates'))).toHaveLength(
      1,
    );
    expect(bulkCalls()[0]?.json<BulkBody>().receivers).toStrictEqual([
      {
        whatsappNumber: '14155551234',
        customParams: [
          { name: 'name', value: 'Ada' },
          { name: 'ordernumber', value: '42' },
        ],
      },
      {
        whatsappNumber: '14155551235',
        customParams: [
          { name: 'name', value: 'Bob' },
          { name: 'ordernumber', value: '43' },
        ],
      },
    ]);
    expect(result.results.every((entry) => entry.ok)).toBe(true);
  });

  it('takes providerOptions.wati.broadcastName over the campaign, and validates it before sending', async () => {
    const provider = directWati(server);
    const request = {
      template: { name: 'update_for_you', language: 'en' },
      campaign: 'campaign-label',
      recipients: [{ to: '14155551234' }],
    };
    await provider.sendBulk(request, { providerOptions: { wati: { broadcastName: 'Dashboard name' } } });
    expect(bulkCalls()[0]?.json<BulkBody>().broadcast_name).toBe('Dashboard name');
    await expect(
      provider.sendBulk(request, { providerOptions: { wati: { broadcastName: '' } } }),
    ).rejects.toMatchObject({ name: 'ValidationError', fields: ['providerOptions.wati.broadcastName'] });
    // The old field is gone from the neutral request.
    await expect(provider.sendBulk({ ...request, broadcastName: 'old' } as never)).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(bulkCalls()).toHaveLength(1);
  });

  it('refuses a channel on the legacy API before any request, the template lookup included', async () => {
    const error = await directWati(server)
      .sendBulk(
        {
          template: { name: 'order_update', language: 'en_US' },
          // Positional parameters need the template list: a request that must not be made.
          recipients: [{ to: '14155551234', parameters: ['Ada', '42'] }],
        },
        { providerOptions: { wati: { channel: 'Support' } } },
      )
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['providerOptions.wati.channel']);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses the whole request before sending when a recipient cannot be mapped', async () => {
    const error = await directWati(server)
      .sendBulk({
        template: { name: 'order_update', language: 'en_US' },
        recipients: [{ to: '14155551234' }, { to: '14155551235', parameters: ['Ada'] }],
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['recipients.1.parameters']);
    expect(bulkCalls()).toHaveLength(0);
  });

  it('fails a batch that meets an HTTP error with the typed error data', async () => {
    server.use(
      http.post(`${TENANT}/api/v2/sendTemplateMessages`, () =>
        HttpResponse.text('Too Many Requests', { status: 429 }),
      ),
    );
    const result = await directWati(server).sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      recipients: [{ to: '14155551234' }],
    });
    expect(result.results).toStrictEqual([
      {
        to: '14155551234',
        ok: false,
        error: expect.objectContaining({ code: 'rate_limited', retryable: true, status: 429 }),
      },
    ]);
  });

  it('never marks a batch that may have been sent as retryable (5xx, timeout), unlike a 503', async () => {
    let status = 500;
    let hanging: () => void = () => {};
    const hangs = new Promise<void>((resolve) => (hanging = resolve));
    server.use(
      http.post(`${TENANT}/api/v2/sendTemplateMessages`, ({ request }) => {
        if (status !== 0) return new Response('Server Error', { status });
        hanging();
        return faults.hang(request);
      }),
    );
    const send = (options: { timeoutMs?: number } = {}) =>
      directWati(server, options).sendBulk({
        template: { name: 'update_for_you', language: 'en' },
        recipients: [{ to: '14155551234' }],
      });
    const [afterServerError] = (await send()).results;
    status = 0;
    // WATI got the batch and never answers: the attempt times out when the test moves the fake
    // clock past timeoutMs, never because the machine is slow (the other sends keep the 30 s default).
    useFakeWaits();
    const timingOut = send({ timeoutMs: 5_000 });
    await hangs;
    await vi.advanceTimersByTimeAsync(5_000);
    const [afterTimeout] = (await timingOut).results;
    vi.useRealTimers();
    status = 200;
    const [afterUnreadableSuccess] = (await send()).results;
    status = 503;
    const [afterUnavailable] = (await send()).results;
    expect(afterServerError?.error).toMatchObject({
      code: 'provider_unavailable',
      retryable: false,
      status: 500,
    });
    expect(afterTimeout?.error).toMatchObject({ code: 'timeout', retryable: false });
    // A 200 WATI answered with a body that is not JSON: it may well have sent the batch.
    expect(afterUnreadableSuccess?.error).toMatchObject({ retryable: false, status: 200 });
    for (const entry of [afterServerError, afterTimeout, afterUnreadableSuccess]) {
      expect(entry?.error?.message).toContain('this batch may have been sent anyway');
      // The batch-level hint replaces core's per-message one rather than repeating it.
      expect(entry?.error?.message.match(/may have been sent anyway/g)).toHaveLength(1);
    }
    expect(afterUnavailable?.error).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      status: 503,
    });
    expect(afterUnavailable?.error?.message).not.toContain('may have been sent');
  });
});
