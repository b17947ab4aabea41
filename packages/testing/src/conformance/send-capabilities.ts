import { capabilityTitle } from './check-title.js';
import { assertContractError, describeValue, fail, rejectionOf } from './conformance-error.js';
import {
  CONFORMANCE_CAPABILITIES,
  CONFORMANCE_MEDIA_SOURCES,
  CONFORMANCE_MEDIA_TYPES,
  type ConformanceMediaSource,
  type ConformanceSendCapability,
} from './contract-names.js';
import { type ConformanceEnvironment, environmentOf, type ServerProbe } from './environment.js';
import {
  baseMessage,
  builtinMessage,
  CONFORMANCE_RECIPIENT,
  CONFORMANCE_USER_ID,
  capabilityType,
  fixtureFor,
  isMediaType,
  isUserIdRecipient,
  mediaSource,
  mediaSourceOf,
  resolveFixture,
  staticMessage,
} from './messages.js';
import type {
  ConformanceBulkRequest,
  ConformanceCheck,
  ConformanceMessage,
  ConformanceProvider,
  ConformanceSendResult,
} from './types.js';

/** Every send capability checked with one message, in contract order. */
export const SEND_CAPABILITIES: readonly ConformanceSendCapability[] = CONFORMANCE_CAPABILITIES.filter(
  (capability): capability is ConformanceSendCapability =>
    capability.startsWith('send.') && capability !== 'send.bulk',
);

/**
 * A short description of a send call for messages, e.g. `send({ type: 'image', media: { url } })`; `extra`
 * adds a field, e.g. `to: 'x'`.
 */
export function describeSend(message: ConformanceMessage, extra?: string): string {
  const source = mediaSourceOf(message);
  const parts = [
    `type: '${message.type}'`,
    source === undefined ? undefined : `media: { ${source} }`,
    message.replyTo === undefined ? undefined : 'replyTo',
    extra,
  ].filter((part) => part !== undefined);
  return `send({ ${parts.join(', ')} })`;
}

/** Checks what `send` resolved with: a `SendResult` of this provider for an accepted message. */
export function assertSendResult(
  result: unknown,
  provider: ConformanceProvider,
  what: string,
  secrets: Readonly<Record<string, string>>,
): asserts result is ConformanceSendResult {
  const record = result as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (typeof record !== 'object' || record === null) {
    fail(`${what} must resolve with a SendResult, got ${describeValue(result, secrets)}`);
  }
  if (typeof record.id !== 'string' || record.id === '') problems.push('`id` must be a non-empty string');
  if (record.provider !== provider.id) problems.push(`\`provider\` must be '${provider.id}'`);
  if (record.status !== 'accepted') problems.push("`status` must be 'accepted'");
  if (typeof record.to !== 'string' || !(/^\d+$/.test(record.to) || isUserIdRecipient(record.to)))
    problems.push('`to` must be the recipient as sent: digits only, or the business-scoped user id');
  if (
    record.providerIds !== undefined &&
    (typeof record.providerIds !== 'object' ||
      record.providerIds === null ||
      Object.values(record.providerIds).some((value) => typeof value !== 'string'))
  ) {
    problems.push('`providerIds` must map names to string ids');
  }
  if (problems.length > 0) {
    fail(
      `${what} resolved with an invalid SendResult:\n- ${problems.join('\n- ')}\nGot: ${describeValue(result, secrets)}`,
    );
  }
}

/**
 * Runs `call` on a provider talking to the tripwire server and checks that it rejected with
 * `unsupported_feature` (naming one of `capability`) without making any request.
 */
export async function expectUnsupported(
  env: ConformanceEnvironment,
  what: string,
  capability: readonly string[],
  call: (provider: ConformanceProvider) => Promise<unknown>,
): Promise<void> {
  await env.withTripwire(async (provider, server) => {
    const mark = server.mark();
    const error = await rejectionOf(call(provider), `${what} (${capability[0]} is not claimed)`, env.secrets);
    assertNoRequest(server, mark, `${what} (${capability[0]} is not claimed)`);
    assertContractError(
      error,
      {
        what,
        code: 'unsupported_feature',
        retryable: false,
        provider: provider.id,
        kind: 'UnsupportedFeatureError',
        capability,
      },
      env.secrets,
    );
  });
}

/** Fails when `server` received a request since `mark`. */
export function assertNoRequest(
  server: ServerProbe,
  mark: ReturnType<ServerProbe['mark']>,
  what: string,
): void {
  const count = server.arrivedSince(mark);
  if (count > 0) {
    fail(
      `${what} must be refused before any network request, but the server received ${count}: ${server.describeSince(mark)}`,
    );
  }
}

/** The recipient of the kit's own messages: the base fixture's, so it is one the provider accepts. */
function recipientOf(env: ConformanceEnvironment, claimed: ReadonlySet<string>): string {
  return baseMessage(env.options.fixtures, claimed)?.message.to ?? CONFORMANCE_RECIPIENT;
}

/** The message an unclaimed send capability is tried with, and the capabilities its error may name. */
export function unsupportedAttempt(
  env: ConformanceEnvironment,
  capability: ConformanceSendCapability,
  claimed: ReadonlySet<string>,
): { message: ConformanceMessage; names: string[] } {
  const to = recipientOf(env, claimed);
  const type = capabilityType(capability);
  if (type !== undefined) {
    // A media message uses a source the provider claims, so the type is the only thing it lacks.
    const source = CONFORMANCE_MEDIA_SOURCES.find((kind) => claimed.has(`send.media.${kind}`)) ?? 'url';
    const names =
      isMediaType(type) && !claimed.has(`send.media.${source}`)
        ? [capability, `send.media.${source}`]
        : [capability];
    return { message: builtinMessage(type, to, source), names };
  }
  if (capability === 'send.replyTo') {
    const base = baseMessage(env.options.fixtures, claimed);
    const message = base?.message ?? builtinMessage('text', to);
    const names = base === undefined ? [capability, 'send.text'] : [capability];
    return { message: { ...message, replyTo: 'switchboard-conformance-reply-to' }, names };
  }
  if (capability === 'send.to.userId') {
    // The base message (a type the provider claims) addressed to a BSUID: the recipient is all it lacks.
    const base = baseMessage(env.options.fixtures, claimed);
    const message = base?.message ?? builtinMessage('text', to);
    const names = base === undefined ? [capability, 'send.text'] : [capability];
    return { message: { ...message, to: CONFORMANCE_USER_ID }, names };
  }
  const source = capability.slice('send.media.'.length) as ConformanceMediaSource;
  const mediaType = CONFORMANCE_MEDIA_TYPES.find((candidate) => claimed.has(`send.${candidate}`));
  if (mediaType === undefined) {
    return { message: builtinMessage('image', to, source), names: [capability, 'send.image'] };
  }
  const fixture = staticMessage(env.options.fixtures.messages[`send.${mediaType}`]);
  const message =
    fixture === undefined
      ? builtinMessage(mediaType, to, source)
      : { ...fixture, media: mediaSource(mediaType, source) };
  return { message, names: [capability] };
}

/** Checks that a fixture shows what its capability says. */
function assertFixtureShows(capability: ConformanceSendCapability, message: ConformanceMessage): void {
  const type = capabilityType(capability);
  if (type !== undefined && message.type !== type)
    fail(`fixtures.messages['${capability}'] must be a message of type '${type}', got '${message.type}'`);
  if (capability === 'send.replyTo' && typeof message.replyTo !== 'string')
    fail("fixtures.messages['send.replyTo'] must have a replyTo (a message id the API accepts)");
  if (capability === 'send.to.userId' && !isUserIdRecipient(message.to))
    fail(
      "fixtures.messages['send.to.userId'] must be addressed to a business-scoped user id (e.g. US.1349…)",
    );
  if (
    capability.startsWith('send.media.') &&
    mediaSourceOf(message) !== capability.slice('send.media.'.length)
  )
    fail(
      `fixtures.messages['${capability}'] must be a media message with media.${capability.slice('send.media.'.length)}`,
    );
}

const REFUSED = 'refused with unsupported_feature before any request';

function sendCheck(
  capability: ConformanceSendCapability,
  claimed: ReadonlySet<string> | undefined,
): ConformanceCheck {
  return {
    group: 'send',
    name: capabilityTitle(capability, claimed, 'works end to end', REFUSED),
    async run(handle) {
      const env = environmentOf(handle);
      const { capabilities } = await env.claimed();
      if (!capabilities.has(capability)) {
        const { message, names } = unsupportedAttempt(env, capability, capabilities);
        await expectUnsupported(env, describeSend(message), names, (provider) => provider.send(message));
        return;
      }
      const fixture = fixtureFor(env.options.fixtures, capability, capabilities);
      if (fixture === undefined) {
        fail(
          `${capability} is claimed: give a message the API accepts in fixtures.messages['${capability}']` +
            (capability.startsWith('send.media.')
              ? ' (or a claimed media type whose fixture uses that source)'
              : ''),
        );
      }
      await env.withApi(async (provider, api) => {
        const message = await resolveFixture(fixture, provider, capability, env.secrets);
        assertFixtureShows(capability, message);
        const what = describeSend(message);
        const mark = api.mark();
        let result: unknown;
        try {
          result = await provider.send(message);
        } catch (error) {
          fail(`${capability} is claimed, but ${what} rejected: ${describeValue(error, env.secrets)}`);
        }
        if (api.arrivedSince(mark) === 0) fail(`${what} resolved without any request reaching the API`);
        assertSendResult(result, provider, what, env.secrets);
      });
    },
  };
}

/** The bulk request the kit tries where `send.bulk` is not claimed. */
function builtinBulk(to: string): ConformanceBulkRequest {
  return { template: { name: 'switchboard_conformance', language: 'en' }, recipients: [{ to }] };
}

const bulkCheck = (claimed: ReadonlySet<string> | undefined): ConformanceCheck => ({
  group: 'send',
  name: capabilityTitle('send.bulk', claimed, 'works end to end', REFUSED),
  async run(handle) {
    const env = environmentOf(handle);
    const { capabilities } = await env.claimed();
    if (!capabilities.has('send.bulk')) {
      const request = builtinBulk(recipientOf(env, capabilities));
      const names = capabilities.has('send.template') ? ['send.bulk'] : ['send.bulk', 'send.template'];
      await expectUnsupported(env, 'sendBulk(…)', names, (provider) => provider.sendBulk(request));
      return;
    }
    const request = env.options.fixtures.bulk;
    if (request === undefined)
      fail('send.bulk is claimed: give a bulk request the API accepts in fixtures.bulk');
    await env.withApi(async (provider, api) => {
      const mark = api.mark();
      let result: unknown;
      try {
        result = await provider.sendBulk(request);
      } catch (error) {
        fail(
          `send.bulk is claimed, but sendBulk(fixtures.bulk) rejected: ${describeValue(error, env.secrets)}`,
        );
      }
      if (api.arrivedSince(mark) === 0) fail('sendBulk resolved without any request reaching the API');
      const results = (result as { results?: unknown } | undefined)?.results;
      if (!Array.isArray(results) || results.length !== request.recipients.length) {
        fail(
          `sendBulk must resolve with { results } holding one entry per recipient (${request.recipients.length}), got ${describeValue(result, env.secrets)}`,
        );
      }
      const failed = results.filter(
        (entry: { ok?: unknown; id?: unknown; to?: unknown }) =>
          entry?.ok !== true ||
          typeof entry.id !== 'string' ||
          entry.id === '' ||
          typeof entry.to !== 'string',
      );
      if (failed.length > 0) {
        fail(
          `every recipient of fixtures.bulk must succeed with { to, ok: true, id }, but these did not: ${describeValue(failed, env.secrets)}`,
        );
      }
    });
  },
});

/**
 * The send checks, one per send capability: a claimed one sends its fixture end to end and resolves with
 * a valid `SendResult`; an unclaimed one rejects with `unsupported_feature` naming it, before any request.
 */
export function sendCapabilityChecks(claimed?: ReadonlySet<string>): ConformanceCheck[] {
  return [...SEND_CAPABILITIES.map((capability) => sendCheck(capability, claimed)), bulkCheck(claimed)];
}
