import {
  createMatonConnections,
  type MatonConnections,
  type MatonConnectionsOptions,
} from '@switchboard/maton';
import { WHATSAPP_CLOUD_GATEWAY_API } from './whatsapp-cloud-options.js';

/**
 * The Maton app name of WhatsApp Business connections.
 *
 * @deprecated Use {@link WHATSAPP_CLOUD_GATEWAY_API}, the name every gateway relays the Cloud API under.
 */
export const MATON_WHATSAPP_APP = WHATSAPP_CLOUD_GATEWAY_API;

/**
 * Manages the Maton connections of WhatsApp Business: list, create (then open `authorizationUrl`
 * to authorize), get and delete.
 *
 * @deprecated Use `createMatonGateway({ apiKey }).connections('whatsapp-business')` from
 *   `@switchboard/maton` (or `createMatonConnections({ apiKey, app: 'whatsapp-business' })`); this
 *   wrapper only calls the latter.
 */
export function whatsappCloudMatonConnections(
  apiKey: string,
  options: Omit<MatonConnectionsOptions, 'apiKey' | 'app'> = {},
): MatonConnections {
  return createMatonConnections({ ...options, apiKey, app: WHATSAPP_CLOUD_GATEWAY_API });
}
