import { ACCESS_TOKEN_ENV_VARIABLE } from '../config/access-token.js';
import type { AppConfig } from '../config/app-config.js';
import { isLoopbackAddress } from './loopback-host-guard.js';

/**
 * What `serve` should warn about before anyone relies on it: without an access token the inbox and
 * `/api/*` have no authentication, so listening beyond loopback opens them to the network (live
 * mode refuses to, see `assertAccessTokenForHost`; the sandbox only warns); and live webhooks without
 * their secret accept forged deliveries (fake inbound messages and statuses) from anyone who can
 * reach the endpoint. Secret values are never part of a warning, only their option names.
 *
 * @example
 * ```ts
 * for (const warning of exposureWarnings(config, '0.0.0.0')) logger.warn(warning);
 * ```
 */
export function exposureWarnings(config: AppConfig, host: string): string[] {
  const warnings: string[] = [];
  if (!isLoopbackAddress(host) && config.accessToken === undefined) {
    warnings.push(
      `listening on ${host} without ${ACCESS_TOKEN_ENV_VARIABLE}: the inbox and /api/* have no authentication, so anyone who can reach this address can read conversations and send messages. ` +
        `Set ${ACCESS_TOKEN_ENV_VARIABLE} to require a login, or listen on 127.0.0.1 and expose only /webhooks/* (a tunnel or proxy).`,
    );
  }
  if (config.mode !== 'live') return warnings;
  const options = config.resolved.options as {
    appSecret?: unknown;
    verifyToken?: unknown;
    webhookSecret?: unknown;
  };
  const set = (option: string, variable: string, value = `"env:${variable}"`) =>
    config.source.kind === 'file'
      ? // A config file reads only what it names: the variable alone would change nothing.
        `Add "${option}": ${value} to the "${config.providerId}" section of ${config.source.path} and set ${variable}`
      : `Set ${variable}`;
  if (config.providerId === 'whatsapp-cloud') {
    if (options.appSecret === undefined) {
      warnings.push(
        'no appSecret: deliveries to /webhooks/whatsapp-cloud are not authenticated, so anyone who can reach it can inject messages and statuses. ' +
          `${set('appSecret', 'WHATSAPP_APP_SECRET')} to your Meta app secret (App Dashboard → App settings → Basic).`,
      );
    }
    if (options.verifyToken === undefined) {
      warnings.push(
        "no verifyToken: Meta's webhook subscription handshake will be refused. " +
          `${set('verifyToken', 'WHATSAPP_VERIFY_TOKEN')} to the token you enter in the App Dashboard.`,
      );
    }
  } else if (options.webhookSecret === undefined) {
    const value = '{ "value": "env:WATI_WEBHOOK_SECRET", "pathSegment": true }';
    warnings.push(
      'no webhookSecret: deliveries to /webhooks/wati are not authenticated, so anyone who can reach it can inject messages and statuses. ' +
        `${set('webhookSecret', 'WATI_WEBHOOK_SECRET', value)} and register /webhooks/wati/<secret> in WATI.`,
    );
  }
  return warnings;
}
