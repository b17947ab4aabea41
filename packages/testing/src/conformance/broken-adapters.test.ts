import { describe, expect, it } from 'vitest';
import {
  acceptsForgedDeliveries,
  brokenOptions,
  claimsAbsentOperation,
  declaresUnknownCapability,
  dropsBatchedEvents,
  dropsReplyTo,
  flattensErrors,
  leaksSecretInErrors,
  leaksSecretInHooks,
  leaksSecretInRaw,
  networkBeforeValidation,
  randomEventIds,
  refusesReplyTo,
  uncorrelatedStatuses,
  withStubs,
} from './__fixtures__/broken-adapters.js';
import { exampleConformanceOptions } from './__fixtures__/example-conformance-options.js';
import { providerConformanceChecks } from './conformance-checks.js';
import { ConformanceError } from './conformance-error.js';
import { startConformanceEnvironment } from './environment.js';
import type { ConformanceProvider, ProviderConformanceOptions } from './types.js';

// The kit's negative self-test: each deliberately broken adapter fails the checks about its defect. The
// checks run directly (no nested vitest suite), each in a fresh environment.

async function runCheck(
  options: ProviderConformanceOptions<ConformanceProvider>,
  name: string,
): Promise<void> {
  const check = providerConformanceChecks(options).find((candidate) => candidate.name === name);
  if (check === undefined) throw new Error(`no check named "${name}"`);
  await using env = await startConformanceEnvironment(options);
  await check.run(env);
}

async function failureOf(
  options: ProviderConformanceOptions<ConformanceProvider>,
  name: string,
): Promise<string> {
  const error = await runCheck(options, name).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, `"${name}" should fail`).toBeInstanceOf(ConformanceError);
  return (error as ConformanceError).message;
}

const ATTACHED = 'attaches exactly the claimed operations: no stub methods, no empty facets';
const DECLARED = 'declares only known capabilities, exactly the ones claimed';
const INVALID_RECIPIENT = 'send refuses an invalid recipient with validation_failed before any request';
const STATUS = 'a status delivery yields one status event whose messageId is the SendResult.id';
const REDELIVERY = 'a redelivered webhook yields the same events, as a Request or as raw parts';
const BATCH = 'a batched delivery yields one event per status in it';

describe('the conformance checks catch a broken adapter', () => {
  it('passes every check on the example adapter, run directly', async () => {
    const options = exampleConformanceOptions();
    await using env = await startConformanceEnvironment(options);
    for (const check of providerConformanceChecks(options)) await check.run(env);
  });

  it('stub methods for unclaimed operations', async () => {
    const options = brokenOptions(withStubs);
    expect(await failureOf(options, ATTACHED)).toMatch(
      /messages\.markRead is attached but not claimed[\s\S]*templates\.create is attached but not claimed/,
    );
    expect(await failureOf(options, 'messages.markRead (not claimed): absent, no stub')).toMatch(
      /no stub method/,
    );
    expect(await failureOf(options, 'templates.create (not claimed): absent, no stub')).toMatch(
      /no stub method/,
    );
  });

  it('a claimed operation that is not attached', async () => {
    const options = brokenOptions(claimsAbsentOperation);
    expect(await failureOf(options, DECLARED)).toMatch(/declared but not claimed: contacts\.list/);
    const unclaimed = brokenOptions(claimsAbsentOperation, { capabilities: undefined });
    expect(await failureOf(unclaimed, ATTACHED)).toMatch(/contacts\.list is claimed but not attached/);
  });

  it('a capability the contract does not have', async () => {
    expect(await failureOf(brokenOptions(declaresUnknownCapability), DECLARED)).toMatch(
      /names the contract does not have: send\.fax/,
    );
  });

  it('a request before validation or before refusing an unsupported message', async () => {
    const options = brokenOptions(networkBeforeValidation);
    expect(await failureOf(options, INVALID_RECIPIENT)).toMatch(
      /must be refused before any network request, but the server received 1: POST \/v1\/messages/,
    );
    expect(
      await failureOf(
        options,
        'send.location (not claimed): refused with unsupported_feature before any request',
      ),
    ).toMatch(/before any network request, but the server received 1/);
  });

  it('an unclaimed replyTo that is sent anyway (and passes when refused)', async () => {
    const name =
      'send.replyTo: works end to end if claimed, else refused with unsupported_feature before any request';
    const withoutClaims = { capabilities: undefined };
    await expect(runCheck(brokenOptions(refusesReplyTo, withoutClaims), name)).resolves.toBeUndefined();
    expect(await failureOf(brokenOptions(dropsReplyTo, withoutClaims), name)).toMatch(
      /send\(\{ type: 'text', replyTo \}\) \(send\.replyTo is not claimed\) must be refused before any network request/,
    );
  });

  it('a secret in SendResult.raw', async () => {
    const message = await failureOf(
      brokenOptions(leaksSecretInRaw),
      'no secret appears in a SendResult, BulkResult or operation result (raw included)',
    );
    expect(message).toMatch(/secrets\.apiKey in send \(send\.text\)/);
    // The report masks the secret itself.
    expect(message).not.toContain(exampleConformanceOptions().secrets.apiKey);
  });

  it('a secret in a hidden field of an error', async () => {
    expect(
      await failureOf(
        brokenOptions(leaksSecretInErrors),
        'no secret appears in a thrown error (message, fields, cause or toJSON)',
      ),
    ).toMatch(/secrets\.apiKey in send \(send\.image, not claimed\)[\s\S]*and \d+ more/);
  });

  it('a secret in a hook event', async () => {
    expect(await failureOf(brokenOptions(leaksSecretInHooks()), 'no secret appears in a hook event')).toMatch(
      /secrets\.apiKey in onRequest \(api server\)/,
    );
  });

  it('no hook events although expected', async () => {
    const silent = brokenOptions((provider) => ({ ...provider }), {
      createProvider: ({ baseUrl, secrets }) =>
        createSilentProvider(baseUrl, secrets.apiKey ?? '', secrets.webhookSecret ?? ''),
    });
    expect(await failureOf(silent, 'no secret appears in a hook event')).toMatch(/called none of the hooks/);
  });

  it('errors without neutral codes, retryable or retryAfterMs', async () => {
    const options = brokenOptions(flattensErrors);
    expect(await failureOf(options, 'send: HTTP 503 → provider_unavailable, retryable: true')).toMatch(
      /`code` must be 'provider_unavailable', got 'unknown'[\s\S]*`retryable` must be true, got false/,
    );
    expect(
      await failureOf(options, 'send: HTTP 429 → rate_limited, retryable: true and retryAfterMs'),
    ).toMatch(/`code` must be 'rate_limited'/);
  });

  it('statuses that do not correlate with SendResult.id', async () => {
    expect(await failureOf(brokenOptions(uncorrelatedStatuses), STATUS)).toMatch(
      /`messageId` must be the SendResult.id 'msg_\d+', got 'wamid\.msg_\d+'/,
    );
  });

  it('a batched delivery that yields fewer events', async () => {
    expect(await failureOf(brokenOptions(dropsBatchedEvents), BATCH)).toMatch(
      /batching 3 statuses must yield 3 events, got 1/,
    );
  });

  it('a redelivery that yields different events', async () => {
    expect(await failureOf(brokenOptions(randomEventIds), REDELIVERY)).toMatch(/must yield the same events/);
  });

  it('a forged delivery that is accepted', async () => {
    expect(
      await failureOf(
        brokenOptions(acceptsForgedDeliveries),
        'webhooks.signature (claimed): forged deliveries are refused with webhook_verification_failed',
      ),
    ).toMatch(/webhooks\.parse\(a forged delivery\) must reject, but it resolved/);
  });
});

/** The example provider without hooks. */
async function createSilentProvider(baseUrl: string, apiKey: string, webhookSecret: string) {
  const { createExampleProvider } = await import('./__fixtures__/example-adapter.js');
  return createExampleProvider({ baseUrl, apiKey, webhookSecret });
}
