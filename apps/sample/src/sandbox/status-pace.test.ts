import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../providers.js';
import { startServer } from '../server/start-server.js';
import { connectEventStream, type ReceivedEvent } from '../test-support/event-stream-client.js';
import { postJson } from '../test-support/sandbox-app.js';
import { DEMO_CONTACTS } from './demo-contacts.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];

describe.each(PROVIDER_IDS)('the %s sandbox’s status pace', (providerId) => {
  it('counts each delay from the step before, as StatusDelays says', async () => {
    // A long gap before `delivered` and none before `read`: `read` must follow `delivered` at once.
    const app = await startServer({
      config: {
        mode: 'sandbox',
        providerId,
        transport: 'direct',
        source: { kind: 'default' },
        reason: 'test',
      },
      port: 0,
      seed: false,
      statusDelaysMs: { sent: 0, delivered: 600, read: 0 },
    });
    const stream = await connectEventStream(`${app.url}/api/events`);
    try {
      const sent = await postJson(`${app.url}/api/messages`, { type: 'text', to: ada.phone, text: 'Pace' });
      expect(sent.status).toBe(200);
      const arrivals = new Map<string, number>();
      const statusOf = (event: ReceivedEvent) => {
        const data = event.data as { kind?: string; messageId?: string; status?: string };
        if (data.kind !== 'status' || data.messageId !== sent.body.id || data.status === undefined) return;
        if (!arrivals.has(data.status)) arrivals.set(data.status, Date.now());
        return data.status;
      };
      await stream.waitFor((event) => statusOf(event) === 'delivered');
      await stream.waitFor((event) => statusOf(event) === 'read');
      const delivered = arrivals.get('delivered') as number;
      const read = arrivals.get('read') as number;
      expect(read - delivered).toBeLessThan(400);
    } finally {
      stream.close();
      await app.close();
    }
  });
});
