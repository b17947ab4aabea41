// Throughput of the core transport against raw undici.request and global fetch, same loopback
// server, same keep-alive agent settings, concurrency 1 and 64. Each contender runs in
// interleaved rounds so machine noise hits all of them alike; the median round is reported.
import { HttpTransport } from '@switchboard/core';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { median, throughput } from './measure.ts';
import { startJsonServer } from './start-server.ts';

const sendResponse = z.looseObject({
  messaging_product: z.literal('whatsapp').nullish(),
  contacts: z.array(z.looseObject({ input: z.string().nullish(), wa_id: z.string().nullish() })).nullish(),
  messages: z.array(z.looseObject({ id: z.string(), message_status: z.string().nullish() })).min(1),
});

const payload = {
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: '16505551234',
  type: 'text',
  text: { preview_url: false, body: 'Hello from the benchmark' },
};

export interface TransportBenchResult {
  concurrency: number;
  requestsPerSecond: Record<'undici' | 'transport' | 'fetch', number>;
}

export async function benchTransport(options: {
  durationMs: number;
  rounds: number;
}): Promise<TransportBenchResult[]> {
  const { origin, child } = await startJsonServer();
  const headers = { authorization: 'Bearer bench-token-123456', 'content-type': 'application/json' };
  const results: TransportBenchResult[] = [];

  try {
    for (const concurrency of [1, 64]) {
      const agent = new Agent({ connections: concurrency, keepAliveTimeout: 60_000 });
      const transport = new HttpTransport({
        provider: 'bench',
        baseUrl: origin,
        headers: { authorization: headers.authorization },
        secrets: ['bench-token-123456'],
        dispatcher: agent,
        retry: false,
      });
      const contenders = {
        undici: async () => {
          const response = await request(`${origin}/v21.0/106540352242922/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify(payload),
            dispatcher: agent,
          });
          return response.body.json();
        },
        transport: () =>
          transport.requestJson(
            {
              method: 'POST',
              path: '/v21.0/106540352242922/messages',
              body: { type: 'json', value: payload },
            },
            sendResponse,
          ),
        fetch: async () => {
          const response = await fetch(`${origin}/v21.0/106540352242922/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify(payload),
          });
          return response.json();
        },
      };
      const samples: Record<keyof typeof contenders, number[]> = { undici: [], transport: [], fetch: [] };
      for (const task of Object.values(contenders)) await throughput(task, concurrency, 300); // warm-up
      for (let round = 0; round < options.rounds; round++) {
        for (const [name, task] of Object.entries(contenders)) {
          samples[name as keyof typeof contenders].push(
            await throughput(task, concurrency, options.durationMs),
          );
        }
      }
      results.push({
        concurrency,
        requestsPerSecond: {
          undici: median(samples.undici),
          transport: median(samples.transport),
          fetch: median(samples.fetch),
        },
      });
      await agent.close();
    }
  } finally {
    child.disconnect();
  }
  return results;
}
