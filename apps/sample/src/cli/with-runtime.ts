import { type AppConfig, describeAppConfig } from '../config/app-config.js';
import { loadAppConfig } from '../config/load-app-config.js';
import { PROVIDER_LABELS } from '../providers.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import type { CliIo } from './cli-io.js';
import { ConfigError } from './config-error.js';
import type { GlobalOptions } from './global-options.js';

/** Loads the configuration, or throws a {@link ConfigError}. */
export async function loadCliConfig(io: CliIo, global: GlobalOptions): Promise<AppConfig> {
  try {
    return await loadAppConfig({
      env: io.env,
      cwd: io.cwd,
      ...(global.config === undefined ? {} : { configPath: global.config }),
    });
  } catch (error) {
    throw new ConfigError(error);
  }
}

/**
 * Runs `task` with the configured provider and closes it afterwards. Stderr says which provider,
 * transport and mode; in sandbox mode the emulator runs in-process for the duration of the command.
 */
export async function withRuntime<T>(
  io: CliIo,
  global: GlobalOptions,
  task: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  return withConfiguredRuntime(io, await loadCliConfig(io, global), task);
}

/** {@link withRuntime} with a configuration already loaded. */
export async function withConfiguredRuntime<T>(
  io: CliIo,
  config: AppConfig,
  task: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await createRuntime(config);
  if (runtime.sandbox === undefined) {
    io.stderr.write(`${describeAppConfig(config)}\n`);
  } else {
    io.stderr.write(
      `sandbox: ${PROVIDER_LABELS[runtime.providerId]} emulator (transport ${runtime.transport}) running in-process at ` +
        `${runtime.sandbox.emulatorUrl} for this command; nothing is sent to WhatsApp\n`,
    );
  }
  try {
    return await task(runtime);
  } finally {
    await runtime.close();
  }
}

/** `WhatsApp Cloud API (direct, sandbox)`. */
export function runtimeLabel(runtime: Pick<AppConfig, 'providerId' | 'transport' | 'mode'>): string {
  return `${PROVIDER_LABELS[runtime.providerId]} (${runtime.transport}${runtime.mode === 'sandbox' ? ', sandbox' : ''})`;
}
