import {
  createMatonConnections,
  MATON_CONTROL_BASE_URL,
  type MatonConnections,
  type MatonConnectionsOptions,
  normalizeBearerToken,
} from '@switchboard/core';

/** The Maton app name of WhatsApp Business connections. */
export const MATON_WHATSAPP_APP = 'whatsapp-business';

/**
 * Manages the Maton connections of WhatsApp Business (`https://ctrl.maton.ai/connections?app=whatsapp-business`):
 * list, create (then open `authorizationUrl` to authorize), get and delete. Use a connection's id
 * as `connectionId` when the Maton account has several.
 *
 * @example
 * ```ts
 * const connections = whatsappCloudMatonConnections(process.env.MATON_API_KEY!);
 * const [active] = await connections.list({ status: 'ACTIVE' });
 * if (!active) console.log('Authorize at', (await connections.create()).authorizationUrl);
 * ```
 */
export function whatsappCloudMatonConnections(
  apiKey: string,
  options: Omit<MatonConnectionsOptions, 'apiKey' | 'app'> = {},
): MatonConnections {
  return createMatonConnections({
    baseUrl: MATON_CONTROL_BASE_URL,
    ...options,
    apiKey: typeof apiKey === 'string' ? normalizeBearerToken(apiKey) : apiKey,
    app: MATON_WHATSAPP_APP,
  });
}
