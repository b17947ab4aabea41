import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** Options every command takes. */
export interface GlobalOptions {
  /** `--config <file>`: the config file, instead of `SWITCHBOARD_CONFIG` or `./switchboard.config.json`. */
  config: string | undefined;
  /** `--json`: one JSON document on stdout instead of human-readable text. */
  json: boolean;
  help: boolean;
}

/** The `parseArgs` spec of {@link GlobalOptions}, merged into each command's. */
export const GLOBAL_OPTION_SPEC = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/**
 * Parses a command's arguments with node's `parseArgs` (strict: unknown options and stray
 * positionals are usage errors naming the command).
 */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(
  command: string,
  args: readonly string[],
  options: T,
  defaults: Partial<GlobalOptions> = {},
) {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...GLOBAL_OPTION_SPEC, ...options } as typeof GLOBAL_OPTION_SPEC & T,
      allowPositionals: false,
      strict: true,
    });
    const shared = values as { config?: string; json?: boolean; help?: boolean };
    const global: GlobalOptions = {
      config: shared.config ?? defaults.config,
      json: shared.json ?? defaults.json ?? false,
      help: shared.help ?? defaults.help ?? false,
    };
    return { values, positionals, global };
  } catch (error) {
    throw new UsageError(cleanParseError(error), command);
  }
}

/** node's messages mention internals such as "To specify a positional argument…"; keep the first sentence. */
function cleanParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('. To specify')[0]?.replace(/\s+$/, '') ?? message;
}
