import { streamBulk } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT } from './__fixtures__/wati-server.js';

interface BulkBody {
  receivers: { whatsappNumber: string }[];
}

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v2/sendTemplateMessages`, async ({ request }) => {
      const body = (await request.json()) as BulkBody;
      return HttpResponse.json({
        result: true,
        receivers: body.receivers.map(({ whatsappNumber }) => ({
          localMessageId: `lm-${whatsappNumber}`,
          waId: whatsappNumber,
          isValidWhatsAppNumber: true,
          errors: [],
        })),
      });
    }),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

const template = { name: 'order_update', language: 'en' };
const recipients = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ to: String(14150000000 + index + 1) }));
const bulkCalls = () => server.requests.filter((request) => request.path.endsWith('/sendTemplateMessages'));

describe('sendBulkStream', () => {
  it('yields each batch as WATI answers it, with indexes, and raw only when asked', async () => {
    const provider = directWati(server);
    const seen: Array<{ index: number; id?: string; calls: number; raw: unknown }> = [];
    for await (const result of provider.sendBulkStream({ template, recipients: recipients(1001) })) {
      seen.push({
        index: result.index,
        calls: bulkCalls().length,
        raw: result.raw,
        ...(result.id ? { id: result.id } : {}),
      });
    }
    expect(seen.map((entry) => entry.index)).toStrictEqual(Array.from({ length: 1001 }, (_, i) => i));
    expect(seen[0]).toStrictEqual({ index: 0, id: 'lm-14150000001', calls: 1, raw: undefined });
    // The first batch's results came before the second batch was sent.
    expect(seen[999]?.calls).toBe(1);
    expect(seen[1000]).toStrictEqual({ index: 1000, id: 'lm-14150001001', calls: 2, raw: undefined });

    const [first] = await toArray(
      provider.sendBulkStream({ template, recipients: recipients(2) }, { raw: true }),
    );
    expect(first?.raw).toMatchObject({
      result: true,
      receivers: [{ waId: '14150000001' }, { waId: '14150000002' }],
    });
  });

  it('sends no further batch once the loop is left', async () => {
    const provider = directWati(server);
    for await (const result of streamBulk(provider, { template, recipients: recipients(2500) })) {
      expect(result.ok).toBe(true);
      break;
    }
    expect(bulkCalls()).toHaveLength(1);
  });

  it('reports every recipient as not sent when aborted before the first batch', async () => {
    const controller = new AbortController();
    controller.abort();
    const results = await toArray(
      directWati(server).sendBulkStream(
        { template, recipients: recipients(3) },
        { signal: controller.signal },
      ),
    );
    expect(results.map((r) => [r.index, r.ok, r.error?.message])).toStrictEqual([
      [0, false, 'not sent: the bulk send was aborted'],
      [1, false, 'not sent: the bulk send was aborted'],
      [2, false, 'not sent: the bulk send was aborted'],
    ]);
    expect(bulkCalls()).toHaveLength(0);
  });
});

async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
