import { capabilityChecks } from './capabilities.js';
import { assertConformanceOptions } from './environment.js';
import { errorChecks } from './errors.js';
import { secretChecks } from './secrets.js';
import { sendCapabilityChecks } from './send-capabilities.js';
import type {
  ConformanceCheck,
  ConformanceGroup,
  ConformanceProvider,
  ConformanceSecrets,
  ProviderConformanceOptions,
} from './types.js';
import { validationChecks } from './validation.js';
import { webhookChecks } from './webhooks.js';

/** The check groups in the order they run, with the title each is reported under. */
export const CONFORMANCE_GROUPS: readonly { readonly group: ConformanceGroup; readonly title: string }[] = [
  {
    group: 'capabilities',
    title: 'capabilities: declared exactly, facets attached exactly, operations work',
  },
  {
    group: 'send',
    title: 'send: claimed capabilities work end to end, the others are refused before any request',
  },
  { group: 'validation', title: 'validation precedes the network' },
  { group: 'errors', title: 'errors carry neutral codes and retryable' },
  { group: 'webhooks', title: 'webhooks: statuses correlate, batches split, redeliveries repeat' },
  { group: 'secrets', title: 'secrets never leak' },
];

/**
 * Every check `runProviderConformance` runs for `options`, in order, without a test framework: run them
 * with {@link startConformanceEnvironment} (each `run` rejects with a `ConformanceError` on a violation).
 *
 * @example
 * ```ts
 * await using env = await startConformanceEnvironment(options);
 * for (const check of providerConformanceChecks(options)) await check.run(env);
 * ```
 * @throws TypeError when a required option is missing or malformed.
 */
export function providerConformanceChecks<P extends ConformanceProvider, S extends ConformanceSecrets>(
  options: ProviderConformanceOptions<P, S>,
): ConformanceCheck[] {
  assertConformanceOptions(options as ProviderConformanceOptions<ConformanceProvider>);
  const claimed = options.capabilities === undefined ? undefined : new Set(options.capabilities);
  return [
    ...capabilityChecks(claimed),
    ...sendCapabilityChecks(claimed),
    ...validationChecks(),
    ...errorChecks(),
    ...webhookChecks(options as ProviderConformanceOptions<ConformanceProvider>, claimed),
    ...secretChecks(),
  ];
}
