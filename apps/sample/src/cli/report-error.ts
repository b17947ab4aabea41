import { SwitchboardError, ValidationError } from '@switchboard/core';
import { formatConfigError } from '../config/format-config-error.js';
import type { CliOutput } from './cli-io.js';
import { ConfigError } from './config-error.js';
import { UsageError } from './usage-error.js';

/**
 * Prints a command's failure: a readable message (and each offending field) on stderr, and with
 * `--json` also the error as one JSON document on stdout. Switchboard errors are described by their
 * secret-free fields; other errors by their message only, never a stack.
 */
export function reportError(
  error: unknown,
  output: { stdout: CliOutput; stderr: CliOutput; json: boolean },
): void {
  output.stderr.write(`${humanError(error)}\n`);
  if (output.json) output.stdout.write(`${JSON.stringify({ error: errorJson(error) }, null, 2)}\n`);
}

function humanError(error: unknown): string {
  if (ConfigError.isConfigError(error)) return formatConfigError(error.reason);
  if (UsageError.isUsageError(error)) {
    const hint = error.command === undefined ? 'switchboard --help' : `switchboard ${error.command} --help`;
    return `error: ${error.message}\nRun '${hint}' for usage.`;
  }
  if (ValidationError.isInstance(error)) {
    // The message already names the first few fields; list them all only when it had to cut.
    const issues = error.issues.length > 5 ? error.issues : [];
    return [
      `error: ${error.message}`,
      ...issues.map((issue) => `  - ${issue.path || '(input)'}: ${issue.message}`),
    ].join('\n');
  }
  if (SwitchboardError.isInstance(error)) {
    const details = [
      error.status === undefined ? undefined : `HTTP ${error.status}`,
      error.providerCode === undefined ? undefined : `provider code ${error.providerCode}`,
      error.requestId === undefined ? undefined : `request ${error.requestId}`,
    ].filter((detail) => detail !== undefined);
    return `error (${error.code}): ${error.message}${details.length > 0 ? ` [${details.join(', ')}]` : ''}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

function errorJson(error: unknown): Record<string, unknown> {
  if (ConfigError.isConfigError(error)) return errorJson(error.reason);
  if (SwitchboardError.isInstance(error)) return error.toJSON();
  if (UsageError.isUsageError(error)) return { code: 'usage', message: error.message };
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}
