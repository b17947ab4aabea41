import { createWati, DEFAULT_WEBHOOK_SECRET_HEADER } from '@switchboard/provider-wati';
import { createWatiEmulator } from '@switchboard/testing';
import type { WatiApi } from '../config/app-config.js';
import type { TransportId } from '../providers.js';
import { DEMO_CONTACTS } from './demo-contacts.js';
import { emulatorSandbox, randomSecret } from './emulator-sandbox.js';
import type { Sandbox, StatusDelays } from './sandbox.js';
import { isWatiSendPath, sendFailureSwitch } from './send-failure.js';
import { SANDBOX_WATI_TEMPLATES } from './shared-templates.js';

/** The app's WATI webhook path. */
export const WATI_WEBHOOK_PATH = '/webhooks/wati';

/**
 * Starts the WATI emulator, seeded with the demo contacts (WATI only lets session messages reach
 * known contacts), and a provider on it. The token and the webhook shared secret are random per run;
 * the emulator sends the secret in the header the provider checks.
 */
export async function startWatiSandbox(
  transport: TransportId,
  delays: StatusDelays,
  api: WatiApi = 'legacy',
): Promise<Sandbox> {
  const token = randomSecret();
  const webhookSecret = randomSecret();
  const emulator = createWatiEmulator({
    tokens: [token],
    templates: [...SANDBOX_WATI_TEMPLATES],
    contacts: DEMO_CONTACTS.map((contact) => ({
      whatsappNumber: contact.phone,
      name: contact.name,
      customParams: contact.attributes,
    })),
  });
  const server = await emulator.listen();
  const provider = createWati({
    transport,
    // V3 paths carry no tenant: the adapter sends them to the emulator's root, which serves V3.
    api,
    ...(transport === 'direct' ? { token } : { apiKey: token }),
    // The emulator serves a tenant under /{tenantId} and, like Maton's gateway, at its root.
    baseUrl: transport === 'direct' ? server.tenantUrl : server.url,
    webhookSecret: { value: webhookSecret, header: DEFAULT_WEBHOOK_SECRET_HEADER },
    // The sandbox is fully configured here: the machine's own variables (MATON_CONNECTION_ID, …) must not leak in.
    env: {},
  });
  return emulatorSandbox({
    providerId: 'wati',
    transport,
    provider,
    emulator,
    emulatorUrl: server.url,
    failSends: sendFailureSwitch(server, isWatiSendPath),
    webhookPath: WATI_WEBHOOK_PATH,
    connectWebhooks(appUrl) {
      emulator.setWebhook({
        url: `${appUrl}${WATI_WEBHOOK_PATH}`,
        secret: { header: DEFAULT_WEBHOOK_SECRET_HEADER, value: webhookSecret },
        statusDelaysMs: delays,
      });
    },
  });
}
