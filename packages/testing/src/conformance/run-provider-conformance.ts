import { afterAll, beforeAll, describe, it } from 'vitest';
import { CONFORMANCE_GROUPS, providerConformanceChecks } from './conformance-checks.js';
import { type ConformanceEnvironment, openConformanceEnvironment } from './environment.js';
import type { ConformanceProvider, ConformanceSecrets, ProviderConformanceOptions } from './types.js';

/**
 * Registers a vitest suite proving that a provider honours the `MessagingProvider` contract. Call it at the
 * top level of a test file, in any adapter's package (ours or a third party's):
 *
 * - every capability it claims works end to end against your emulator or msw handlers, every send
 *   capability it does not claim rejects with `unsupported_feature` before any request, and every
 *   operation it does not claim is absent (no stubs);
 * - invalid input rejects with `validation_failed` before any request;
 * - HTTP 401 / 429 / 503 become `auth_failed` / `rate_limited` (with `retryAfterMs`) / `provider_unavailable`
 *   with the right `retryable`;
 * - status webhooks correlate with `SendResult.id`, batched deliveries yield one event each, redeliveries
 *   the same events, forged deliveries are refused;
 * - no secret appears in any error, hook event, result or parsed event.
 *
 * The checks run in order, one vitest test each; the suite starts the emulator (or a loopback server with
 * your handlers) before them and stops it after. See "Writing a provider" in the package README.
 *
 * @example
 * ```ts
 * runProviderConformance({
 *   name: 'example',
 *   handlers: exampleApiHandlers(EXAMPLE_SECRETS.apiKey),
 *   secrets: EXAMPLE_SECRETS,
 *   createProvider: ({ baseUrl, secrets, hooks }) => createExampleProvider({ baseUrl, ...secrets, hooks }),
 *   fixtures: { messages: { 'send.text': { type: 'text', to: '+14155550100', text: 'Hi' } } },
 *   webhooks: { status: (sent, status) => exampleDelivery([exampleStatusEvent(sent, status)]) },
 * });
 * ```
 * @throws TypeError (when called) when a required option is missing or malformed.
 */
export function runProviderConformance<P extends ConformanceProvider, S extends ConformanceSecrets>(
  options: ProviderConformanceOptions<P, S>,
): void {
  const checks = providerConformanceChecks(options);
  describe(`${options.name}: MessagingProvider conformance`, () => {
    let env: ConformanceEnvironment<P> | undefined;
    beforeAll(async () => {
      env = await openConformanceEnvironment(options);
    });
    afterAll(async () => {
      await env?.close();
    });
    for (const { group, title } of CONFORMANCE_GROUPS) {
      describe(title, () => {
        for (const check of checks.filter((candidate) => candidate.group === group)) {
          it(check.name, async () => {
            if (env === undefined) throw new Error('the conformance environment did not start');
            await check.run(env);
          });
        }
      });
    }
  });
}
