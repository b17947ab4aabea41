import { randomBytes } from 'node:crypto';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import {
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
} from '@switchboard/testing';
import type { TransportId } from '../providers.js';
import { DEMO_CONTACTS } from './demo-contacts.js';
import { assertDelivered, type Sandbox, type StatusDelays } from './sandbox.js';

/** The app's WhatsApp Cloud webhook path. */
export const WHATSAPP_CLOUD_WEBHOOK_PATH = '/webhooks/whatsapp-cloud';

/**
 * Starts the WhatsApp Cloud emulator and a provider on it. The access token, app secret and verify
 * token are random per run: the emulator checks the token, signs webhooks with the app secret, and
 * the provider verifies those signatures exactly as it would Meta's.
 */
export async function startWhatsAppCloudSandbox(
  transport: TransportId,
  delays: StatusDelays,
): Promise<Sandbox> {
  const accessToken = randomSecret();
  const appSecret = randomSecret();
  const emulator = createWhatsAppCloudEmulator({ accessTokens: [accessToken], appSecret });
  const server = await emulator.listen();
  const provider = createWhatsAppCloud({
    transport,
    ...(transport === 'direct' ? { accessToken } : { apiKey: accessToken }),
    phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
    businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
    appSecret,
    verifyToken: randomSecret(),
    // The emulator serves Graph at its root and Maton's gateway under /whatsapp-business.
    baseUrl: transport === 'direct' ? server.url : `${server.url}/whatsapp-business`,
  });
  return {
    providerId: 'whatsapp-cloud',
    transport,
    provider,
    emulatorUrl: server.url,
    contacts: DEMO_CONTACTS,
    connectWebhooks(appUrl) {
      emulator.setWebhook({
        url: `${appUrl}${WHATSAPP_CLOUD_WEBHOOK_PATH}`,
        // The emulator schedules offsets from the send; the sandbox's delays are gaps between steps.
        statusDelaysMs: {
          sent: delays.sent,
          delivered: delays.sent + delays.delivered,
          read: delays.sent + delays.delivered + delays.read,
        },
      });
    },
    async simulateInbound({ from, name, text }) {
      const { id, delivery } = await emulator.simulateInboundMessage({
        from,
        text,
        ...(name === undefined ? {} : { name }),
      });
      assertDelivered(delivery, WHATSAPP_CLOUD_WEBHOOK_PATH);
      return { id };
    },
    flushWebhooks: () => emulator.flushWebhooks(),
    async close() {
      await emulator.close();
      await provider.close();
    },
  };
}

function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}
