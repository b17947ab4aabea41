import { UnsupportedFeatureError, ValidationError } from '@switchboard/core';
import { ConfigError } from './config-error.js';
import { UsageError } from './usage-error.js';

/** The command did what was asked. */
export const EXIT_OK = 0;
/** It ran and failed: the provider refused, the network failed, some bulk recipients failed. */
export const EXIT_FAILURE = 1;
/** It could not run as given: bad usage, bad config, invalid input, or a feature the provider lacks. */
export const EXIT_USAGE = 2;

/** The exit code for an error a command threw. */
export function exitCodeOf(error: unknown): number {
  if (UsageError.isUsageError(error) || ConfigError.isConfigError(error)) return EXIT_USAGE;
  if (ValidationError.isInstance(error) || UnsupportedFeatureError.isInstance(error)) return EXIT_USAGE;
  return EXIT_FAILURE;
}
