// What a provider adds on top of the transport: a neutral `send` (input validation, phone
// normalization, mapping to the wire format, response validation) against raw undici posting the
// same wire request, same server, same agent settings.
import { randomUUID } from 'node:crypto';
import { createWati } from '@switchboard/provider-wati';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import { Agent, request } from 'undici';
import { median, throughput } from './measure.ts';
import { startJsonServer } from './start-server.ts';

const TEXT = 'Hello from the benchmark';

export interface ProviderBenchResult {
  provider: 'whatsapp-cloud' | 'wati';
  concurrency: number;
  requestsPerSecond: { undici: number; provider: number };
}

export async function benchProviders(options: {
  durationMs: number;
  rounds: number;
}): Promise<ProviderBenchResult[]> {
  const { origin, child } = await startJsonServer();
  const results: ProviderBenchResult[] = [];
  try {
    for (const concurrency of [1, 64]) {
      const agent = new Agent({ connections: concurrency, keepAliveTimeout: 60_000 });
      const common = { dispatcher: agent, retry: false as const, rateLimit: false as const };
      const cloud = createWhatsAppCloud({
        transport: 'direct',
        baseUrl: origin,
        accessToken: 'bench-token-123456',
        phoneNumberId: '106540352242922',
        ...common,
      });
      const wati = createWati({
        transport: 'direct',
        baseUrl: `${origin}/123456`,
        token: 'bench-token-123456',
        ...common,
      });
      const contenders = {
        'whatsapp-cloud': {
          undici: async () => {
            const response = await request(`${origin}/v21.0/106540352242922/messages`, {
              method: 'POST',
              headers: { authorization: 'Bearer bench-token-123456', 'content-type': 'application/json' },
              body: JSON.stringify({
                messaging_product: 'whatsapp',
                recipient_type: 'individual',
                to: '16505551234',
                type: 'text',
                text: { preview_url: false, body: TEXT },
              }),
              dispatcher: agent,
            });
            return response.body.json();
          },
          provider: () => cloud.send({ type: 'text', to: '+1 (650) 555-1234', text: TEXT }),
        },
        wati: {
          undici: async () => {
            const query = new URLSearchParams({ messageText: TEXT, localMessageId: randomUUID() });
            const response = await request(
              `${origin}/123456/api/v1/sendSessionMessage/16505551234?${query}`,
              {
                method: 'POST',
                headers: {
                  authorization: 'Bearer bench-token-123456',
                  'content-type': 'application/x-www-form-urlencoded',
                },
                body: new URLSearchParams({ messageText: TEXT }).toString(),
                dispatcher: agent,
              },
            );
            return response.body.json();
          },
          provider: () => wati.send({ type: 'text', to: '+1 (650) 555-1234', text: TEXT }),
        },
      } as const;
      for (const [provider, tasks] of Object.entries(contenders)) {
        const samples = { undici: [] as number[], provider: [] as number[] };
        await throughput(tasks.undici, concurrency, 300);
        await throughput(tasks.provider, concurrency, 300);
        for (let round = 0; round < options.rounds; round++) {
          samples.undici.push(await throughput(tasks.undici, concurrency, options.durationMs));
          samples.provider.push(await throughput(tasks.provider, concurrency, options.durationMs));
        }
        results.push({
          provider: provider as ProviderBenchResult['provider'],
          concurrency,
          requestsPerSecond: { undici: median(samples.undici), provider: median(samples.provider) },
        });
      }
      await Promise.all([cloud.close(), wati.close()]);
      await agent.close();
    }
  } finally {
    child.disconnect();
  }
  return results;
}
