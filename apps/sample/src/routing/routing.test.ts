import {
  type BulkRequest,
  type BulkStreamResult,
  type MessagingProvider,
  streamBulk,
  WHATSAPP_MESSAGE_LIMITS,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { routeProviders } from './routing.js';

/** A provider that streams every bulk recipient as sent and records that its stream was used. */
function streamingProvider(id: 'wati' | 'whatsapp-cloud', streamed: string[]): MessagingProvider {
  return {
    id,
    capabilities: new Set(['send.text', 'send.template', 'send.bulk']),
    limits: { ...WHATSAPP_MESSAGE_LIMITS, bulkBatchSize: 1, media: {} },
    send: () => Promise.reject(new Error('not used')),
    sendBulk: () => Promise.reject(new Error('the routed provider must stream')),
    async *sendBulkStream(request: BulkRequest): AsyncGenerator<BulkStreamResult> {
      streamed.push(id);
      for (const [index, { to }] of request.recipients.entries())
        yield { index, to, ok: true, id: `${id}-${to}` };
    },
    webhooks: { parse: () => Promise.resolve([]) },
    close: () => Promise.resolve(),
  } as unknown as MessagingProvider;
}

describe('routeProviders', () => {
  it("keeps the router's bulk stream, so the CLI's bulk over several providers runs in bounded memory", async () => {
    const streamed: string[] = [];
    const { provider } = routeProviders(
      ['wati', 'whatsapp-cloud'],
      [streamingProvider('wati', streamed), streamingProvider('whatsapp-cloud', streamed)],
    );
    expect(typeof provider.sendBulkStream).toBe('function');
    const results: BulkStreamResult[] = [];
    for await (const result of streamBulk(provider, {
      template: { name: 'promo', language: 'en' },
      recipients: [{ to: '14155550100' }, { to: '14155550101' }],
    })) {
      results.push(result);
    }
    expect(results.map((result) => result.id)).toStrictEqual(['wati-14155550100', 'wati-14155550101']);
    expect(streamed).toStrictEqual(['wati']);
  });
});
