import type { EventEmitter } from 'node:events';
import type { ParseArgsOptionsConfig } from 'node:util';
import { ACCESS_TOKEN_ENV_VARIABLE } from '../../config/access-token.js';
import { createLogger } from '../../logger.js';
import { PROVIDER_LABELS } from '../../providers.js';
import { assertAccessTokenForHost } from '../../server/access-policy.js';
import { exposureWarnings } from '../../server/exposure-warnings.js';
import { isLoopbackAddress } from '../../server/loopback-host-guard.js';
import { type RunningServer, startServer } from '../../server/start-server.js';
import type { CliIo } from '../cli-io.js';
import { ConfigError } from '../config-error.js';
import { EXIT_OK } from '../exit-codes.js';
import { type GlobalOptions, parseCommandArgs } from '../global-options.js';
import { COMMAND_HELP } from '../help.js';
import { UsageError } from '../usage-error.js';
import { loadCliConfig } from '../with-runtime.js';

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** How long shutdown may take before the command gives up waiting and exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5000;

/**
 * `switchboard serve`: the HTTP app (inbox, API, webhooks) until SIGINT or SIGTERM, then a graceful
 * shutdown: stop accepting, end the event streams, stop the sandbox and the provider, exit 0.
 * In live mode, a host beyond loopback without an access token is a configuration error (exit 2).
 */
export async function runServe(
  args: readonly string[],
  defaults: GlobalOptions,
  io: CliIo,
  signals: EventEmitter = process,
): Promise<number> {
  const { values, global } = parseCommandArgs('serve', args, OPTIONS, defaults);
  if (global.help) {
    io.stdout.write(COMMAND_HELP.serve);
    return EXIT_OK;
  }
  const port = parsePort(values.port ?? io.env.PORT);
  const host = (values.host ?? io.env.HOST)?.trim() || '127.0.0.1';
  const config = await loadCliConfig(io, global);
  try {
    assertAccessTokenForHost(config, host);
  } catch (error) {
    throw new ConfigError(error);
  }
  const logger = createLogger(io.stderr);
  const server = await listenOrExplain(() => startServer({ config, port, host, logger }), port, host);
  for (const warning of exposureWarnings(config, host)) logger.warn(warning);
  const webhookUrl = `${server.url}/webhooks/${config.providerId}`;
  const sandbox = server.runtime.sandbox;
  const tokenRequired = config.accessToken !== undefined;

  if (global.json) {
    io.stdout.write(
      `${JSON.stringify({ url: server.url, provider: config.providerId, transport: config.transport, sandbox: sandbox !== undefined, webhookUrl, accessTokenRequired: tokenRequired })}\n`,
    );
  } else {
    io.stdout.write(
      [
        'Switchboard sample',
        `  provider   ${PROVIDER_LABELS[config.providerId]} (${config.providerId})`,
        `  transport  ${config.transport}`,
        sandbox === undefined
          ? `  mode       live (${config.source.kind === 'file' ? config.source.path : 'environment variables'})`
          : `  mode       sandbox: emulator at ${sandbox.emulatorUrl} (${config.mode === 'sandbox' ? config.reason : ''})`,
        `  webhook    ${webhookUrl}${sandbox === undefined ? ' (expose it publicly and register it with the provider)' : ''}`,
        tokenRequired
          ? `  access     ${ACCESS_TOKEN_ENV_VARIABLE} required: log in at ${server.url}/login, or send Authorization: Bearer <token>`
          : `  access     open to ${isLoopbackAddress(host) ? 'this machine' : 'the network'} (no ${ACCESS_TOKEN_ENV_VARIABLE})`,
        '',
        `Open ${server.url}`,
        '',
      ].join('\n'),
    );
  }

  const signal = await new Promise<string>((resolve) => {
    const stop = (name: string) => () => {
      signals.off('SIGINT', onInterrupt);
      signals.off('SIGTERM', onTerminate);
      resolve(name);
    };
    const onInterrupt = stop('SIGINT');
    const onTerminate = stop('SIGTERM');
    signals.once('SIGINT', onInterrupt);
    signals.once('SIGTERM', onTerminate);
  });
  io.stderr.write(`${signal}: shutting down…\n`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      io.stderr.write(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000}s; exiting anyway\n`);
      resolve();
    }, SHUTDOWN_TIMEOUT_MS);
  });
  await Promise.race([server.close(), timedOut]);
  clearTimeout(timer);
  io.stderr.write('stopped\n');
  return EXIT_OK;
}

/** Starts the server; a port in use becomes an error that says what to do. */
async function listenOrExplain(
  start: () => Promise<RunningServer>,
  port: number,
  host: string,
): Promise<RunningServer> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `port ${port} on ${host} is already in use: stop what listens there, or pass --port <n> (PORT=0 picks a free port)`,
    );
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) {
    throw new UsageError(
      `port must be an integer from 0 to 65535 (0 picks a free one), got "${value}"`,
      'serve',
    );
  }
  return port;
}
