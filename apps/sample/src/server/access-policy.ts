import { ValidationError } from '@switchboard/core';
import { ACCESS_TOKEN_ENV_VARIABLE, ACCESS_TOKEN_FILE_FIELD } from '../config/access-token.js';
import type { AppConfig } from '../config/app-config.js';
import { isLoopbackAddress } from './loopback-host-guard.js';

/**
 * Refuses to serve live conversations to the network unauthenticated: in live mode, listening
 * beyond loopback needs an access token. The sandbox may (with a warning, see `exposureWarnings`):
 * it holds demo data only and sends nothing to WhatsApp, and listening on `0.0.0.0` is how it runs
 * in a container or is shown on a LAN. On loopback nothing is required, as before.
 *
 * @throws {ValidationError} naming `SWITCHBOARD_ACCESS_TOKEN` and the fixes, never a value.
 */
export function assertAccessTokenForHost(config: AppConfig, host: string): void {
  if (config.mode !== 'live' || config.accessToken !== undefined || isLoopbackAddress(host)) return;
  throw new ValidationError(
    `Refusing to listen on ${host} in live mode without an access token: anyone who could reach it could read your conversations and send messages. ` +
      `Set ${ACCESS_TOKEN_ENV_VARIABLE} (or "${ACCESS_TOKEN_FILE_FIELD}" in the config file) to a long random secret, e.g. \`openssl rand -hex 32\`, ` +
      'or listen on 127.0.0.1 (the default) and expose only /webhooks/* through a tunnel or proxy',
    {
      issues: [
        {
          path: ACCESS_TOKEN_ENV_VARIABLE,
          message: `required in live mode when listening beyond loopback (host ${host})`,
        },
      ],
    },
  );
}
