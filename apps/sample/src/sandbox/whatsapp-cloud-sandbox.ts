import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import {
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
} from '@switchboard/testing';
import type { TransportId } from '../providers.js';
import { emulatorSandbox, randomSecret } from './emulator-sandbox.js';
import type { Sandbox, StatusDelays } from './sandbox.js';
import { isCloudSendPath, sendFailureSwitch } from './send-failure.js';
import { SANDBOX_CLOUD_TEMPLATES } from './shared-templates.js';

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
  const emulator = createWhatsAppCloudEmulator({
    accessTokens: [accessToken],
    appSecret,
    templates: [...SANDBOX_CLOUD_TEMPLATES],
  });
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
    // The sandbox is fully configured here: the machine's own variables (MATON_CONNECTION_ID, …) must not leak in.
    env: {},
  });
  return emulatorSandbox({
    providerId: 'whatsapp-cloud',
    transport,
    provider,
    emulator,
    emulatorUrl: server.url,
    failSends: sendFailureSwitch(server, isCloudSendPath),
    webhookPath: WHATSAPP_CLOUD_WEBHOOK_PATH,
    connectWebhooks(appUrl) {
      emulator.setWebhook({ url: `${appUrl}${WHATSAPP_CLOUD_WEBHOOK_PATH}`, statusDelaysMs: delays });
    },
  });
}
