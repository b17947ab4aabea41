import { SwitchboardError, ValidationError } from '@switchboard/core';

/**
 * A configuration error as the lines printed at start: the message (which names the field and the
 * fix) and one line per offending field. Core's validation never echoes values, so this holds no
 * secret; anything that is not a Switchboard error is reduced to its message, without a stack.
 */
export function formatConfigError(error: unknown): string {
  if (ValidationError.isInstance(error)) {
    const issues = error.issues.map((issue) => `  - ${issue.path || '(config)'}: ${issue.message}`);
    return [`Configuration error: ${error.message}`, ...issues].join('\n');
  }
  if (SwitchboardError.isInstance(error)) return `Configuration error: ${error.message}`;
  return `Configuration error: ${error instanceof Error ? error.message : String(error)}`;
}
