import { type BulkStreamResult, streamBulk, ValidationError } from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { directCloud, startGraphServer, wire } from './__fixtures__/graph-server.js';

const template = { name: 'order_update', language: 'en_US' };

async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('sendBulkStream', () => {
  it("yields every recipient's result with its index, raw only when asked", async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', async ({ request }) => {
        const body = (await request.json()) as { to: string };
        if (body.to === '447700900123') {
          return HttpResponse.json(
            { error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026 } },
            { status: 400 },
          );
        }
        return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${body.to}` }] });
      }),
    );
    const cloud = directCloud(server);
    const request = {
      template,
      campaign: 'spring',
      recipients: [
        { to: '+1 650 555 1234', parameters: ['Ada'] },
        { to: '+44 7700 900123' },
        { to: '16505550000' },
      ],
    };
    const results = (await toArray(cloud.sendBulkStream(request))).sort((a, b) => a.index - b.index);
    expect(results).toStrictEqual([
      { index: 0, to: '16505551234', ok: true, id: 'wamid.16505551234' },
      {
        index: 1,
        to: '447700900123',
        ok: false,
        error: expect.objectContaining({ code: 'invalid_recipient', providerCode: 131026, status: 400 }),
      },
      { index: 2, to: '16505550000', ok: true, id: 'wamid.16505550000' },
    ]);
    expect(server.requests.map((sent) => wire(sent).body)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ biz_opaque_callback_data: 'spring' })),
    );

    const withRaw = await toArray(
      cloud.sendBulkStream({ template, recipients: [{ to: '16505550000' }] }, { raw: true }),
    );
    expect(withRaw[0]?.raw).toStrictEqual({
      messaging_product: 'whatsapp',
      messages: [{ id: 'wamid.16505550000' }],
    });
    // Core's helper picks the provider's own stream.
    const viaCore: BulkStreamResult[] = await toArray(
      streamBulk(cloud, { template, recipients: [{ to: '16505550000' }] }),
    );
    expect(viaCore).toStrictEqual([{ index: 0, to: '16505550000', ok: true, id: 'wamid.16505550000' }]);
  });

  it('sends a business-scoped user id as recipient (not to), and reports it as written', async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', async ({ request }) => {
        const body = (await request.json()) as { to?: string; recipient?: string };
        return HttpResponse.json({
          messaging_product: 'whatsapp',
          messages: [{ id: `wamid.${body.to ?? body.recipient}` }],
        });
      }),
    );
    const bsuid = 'US.13491208655302741918';
    const results = await directCloud(server).sendBulk({
      template,
      recipients: [{ to: ` ${bsuid} ` }, { to: '+1 650 555 1234' }],
    });
    expect(results.results).toStrictEqual([
      { to: bsuid, ok: true, id: `wamid.${bsuid}` },
      { to: '16505551234', ok: true, id: 'wamid.16505551234' },
    ]);
    const bodies = server.requests.map((sent) => wire(sent).body as Record<string, unknown>);
    const byRecipient = bodies.find((body) => body.recipient === bsuid);
    expect(byRecipient).toMatchObject({ recipient_type: 'individual', type: 'template' });
    expect(byRecipient).not.toHaveProperty('to');
    expect(bodies.find((body) => body.to === '16505551234')).not.toHaveProperty('recipient');
  });

  it('validates the whole request before any send', async () => {
    await using server = await startGraphServer();
    const stream = directCloud(server).sendBulkStream({
      template,
      recipients: [{ to: '16505550000' }, { to: 'not a phone' }],
    });
    await expect(toArray(stream)).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('sends `concurrency` at a time and stops sending when the loop is left', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', async ({ request }) => {
        const body = (await request.json()) as { to: string };
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${body.to}` }] });
      }),
    );
    const recipients = Array.from({ length: 40 }, (_, i) => ({
      to: `165055500${String(i).padStart(2, '0')}`,
    }));
    let seen = 0;
    for await (const result of directCloud(server).sendBulkStream(
      { template, recipients },
      { concurrency: 2 },
    )) {
      expect(result.ok).toBe(true);
      if (++seen === 5) break;
    }
    expect(maxInFlight).toBeLessThanOrEqual(2);
    // Five read; at most the backlog (2 × concurrency) and the sends in flight went out besides,
    // and no send starts after the loop ended (checked once one more send has gone through the
    // same server).
    const cloud = directCloud(server);
    await cloud.send({ type: 'text', to: '16505551234', text: 'after' });
    expect(server.requests.length).toBeLessThanOrEqual(5 + 2 * 2 + 2 + 1);
  });
});
