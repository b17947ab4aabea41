import { isDeepStrictEqual } from 'node:util';
import { capabilityTitle } from './check-title.js';
import { assertContractError, describeValue, fail, rejectionOf } from './conformance-error.js';
import { type ConformanceEnvironment, environmentOf } from './environment.js';
import { baseMessage } from './messages.js';
import { assertSendResult, describeSend } from './send-capabilities.js';
import type {
  ConformanceCheck,
  ConformanceDelivery,
  ConformanceInboundEvent,
  ConformanceProvider,
  ConformanceRawWebhookRequest,
  ConformanceSendResult,
  ConformanceStatus,
  ProviderConformanceOptions,
} from './types.js';

/** The origin of the `Request`s the kit builds from deliveries with a relative `url`. */
export const WEBHOOK_ORIGIN = 'https://switchboard-conformance.invalid';
const DEFAULT_PATH = '/webhooks';

function copyBody(body: string | Uint8Array): string | Uint8Array {
  return typeof body === 'string' ? body : body.slice();
}

/** A delivery as the Fetch `Request` a web framework hands the app. */
export function deliveryRequest(delivery: ConformanceDelivery): Request {
  return new Request(new URL(delivery.url ?? DEFAULT_PATH, WEBHOOK_ORIGIN), {
    method: 'POST',
    headers: delivery.headers,
    body: copyBody(delivery.body),
  });
}

/** A delivery as raw parts (body, headers, url), the other form `webhooks.parse` takes. */
export function deliveryRaw(delivery: ConformanceDelivery): ConformanceRawWebhookRequest {
  return {
    body: copyBody(delivery.body),
    headers: { ...delivery.headers },
    url: delivery.url ?? DEFAULT_PATH,
  };
}

/** Parses a delivery, failing with the error when the provider rejects it. */
export async function parseDelivery(
  env: ConformanceEnvironment,
  provider: ConformanceProvider,
  request: Request | ConformanceRawWebhookRequest,
  what: string,
): Promise<readonly ConformanceInboundEvent[]> {
  let events: unknown;
  try {
    events = await provider.webhooks.parse(request);
  } catch (error) {
    fail(`webhooks.parse(${what}) rejected: ${describeValue(error, env.secrets)}`);
  }
  if (!Array.isArray(events))
    fail(`webhooks.parse(${what}) must resolve with an array, got ${describeValue(events, env.secrets)}`);
  return events as readonly ConformanceInboundEvent[];
}

/** Sends the base fixture `count` times on the API and returns the results. */
export async function sendBase(
  env: ConformanceEnvironment,
  provider: ConformanceProvider,
  count: number,
): Promise<ConformanceSendResult[]> {
  const { capabilities } = await env.claimed();
  const base = baseMessage(env.options.fixtures, capabilities);
  if (base === undefined)
    fail('no claimed message type has a fixture in fixtures.messages: give send.text at least');
  const results: ConformanceSendResult[] = [];
  for (let index = 0; index < count; index++) {
    const what = describeSend(base.message);
    let result: unknown;
    try {
      result = await provider.send(base.message);
    } catch (error) {
      fail(`${what} (to get a message to report statuses on) rejected: ${describeValue(error, env.secrets)}`);
    }
    assertSendResult(result, provider, what, env.secrets);
    results.push(result);
  }
  return results;
}

/** Checks one status event: its kind, provider, correlation with `sent`, status, time and ids. */
function statusProblems(
  event: ConformanceInboundEvent,
  provider: ConformanceProvider,
  sent: ConformanceSendResult,
  status: ConformanceStatus | undefined,
): string[] {
  const problems: string[] = [];
  if (event?.kind !== 'status') return [`the event must be of kind 'status', got ${String(event?.kind)}`];
  if (event.provider !== provider.id) problems.push(`\`provider\` must be '${provider.id}'`);
  if (event.messageId !== sent.id)
    problems.push(`\`messageId\` must be the SendResult.id '${sent.id}', got '${String(event.messageId)}'`);
  if (status !== undefined && event.status !== status)
    problems.push(`\`status\` must be '${status}', got '${String(event.status)}'`);
  if (!(event.timestamp instanceof Date) || Number.isNaN(event.timestamp.getTime()))
    problems.push('`timestamp` must be a valid Date');
  const ids: unknown = event.providerIds;
  if (typeof ids !== 'object' || ids === null || Object.values(ids).some((id) => typeof id !== 'string'))
    problems.push('`providerIds` must map names to every id the provider knows');
  return problems;
}

const statusCorrelation: ConformanceCheck = {
  group: 'webhooks',
  name: 'a status delivery yields one status event whose messageId is the SendResult.id',
  async run(handle) {
    const env = environmentOf(handle);
    await env.withApi(async (provider) => {
      const [sent] = await sendBase(env, provider, 1);
      if (sent === undefined) return;
      for (const status of ['sent', 'delivered', 'read'] as const) {
        const delivery = await env.options.webhooks.status(sent, status);
        const events = await parseDelivery(
          env,
          provider,
          deliveryRequest(delivery),
          `webhooks.status(sent, '${status}')`,
        );
        if (events.length !== 1)
          fail(
            `a delivery of one '${status}' status must yield exactly one event, got ${events.length}: ${describeValue(events, env.secrets)}`,
          );
        const [event] = events;
        const problems = statusProblems(event as ConformanceInboundEvent, provider, sent, status);
        if (problems.length > 0)
          fail(
            `the '${status}' status event is wrong:\n- ${problems.join('\n- ')}\nGot: ${describeValue(event, env.secrets)}`,
          );
      }
    });
  },
};

const redelivery: ConformanceCheck = {
  group: 'webhooks',
  name: 'a redelivered webhook yields the same events, as a Request or as raw parts',
  async run(handle) {
    const env = environmentOf(handle);
    await env.withApi(async (provider) => {
      const [sent] = await sendBase(env, provider, 1);
      if (sent === undefined) return;
      const delivery = await env.options.webhooks.status(sent, 'delivered');
      const first = await parseDelivery(env, provider, deliveryRequest(delivery), 'a delivery');
      const attempts: [string, Request | ConformanceRawWebhookRequest][] = [
        ['the same delivery again', deliveryRequest(delivery)],
        ['the same delivery as raw parts { body, headers, url }', deliveryRaw(delivery)],
      ];
      for (const [what, request] of attempts) {
        const again = await parseDelivery(env, provider, request, what);
        if (!isDeepStrictEqual(again, first)) {
          fail(
            `${what} must yield the same events (same ids, statuses and times), so an app can de-duplicate redeliveries.\n` +
              `First: ${describeValue(first, env.secrets)}\nThen:  ${describeValue(again, env.secrets)}`,
          );
        }
      }
    });
  },
};

const batched: ConformanceCheck = {
  group: 'webhooks',
  name: 'a batched delivery yields one event per status in it',
  async run(handle) {
    const env = environmentOf(handle);
    const batch = env.options.webhooks.batch;
    if (batch === undefined) return;
    await env.withApi(async (provider) => {
      const sent = await sendBase(env, provider, 3);
      const delivery = await batch(sent);
      const events = await parseDelivery(env, provider, deliveryRequest(delivery), 'webhooks.batch(sent)');
      if (events.length !== sent.length)
        fail(
          `a delivery batching ${sent.length} statuses must yield ${sent.length} events, got ${events.length}: ${describeValue(events, env.secrets)}`,
        );
      const remaining = [...sent];
      for (const event of events) {
        const index = remaining.findIndex((candidate) => candidate.id === event?.messageId);
        const match = remaining[index];
        if (match === undefined)
          fail(
            `the batched event ${describeValue(event, env.secrets)} matches no SendResult.id (or repeats one): ${sent.map(({ id }) => id).join(', ')}`,
          );
        const problems = statusProblems(event, provider, match, undefined);
        if (problems.length > 0)
          fail(
            `a batched status event is wrong:\n- ${problems.join('\n- ')}\nGot: ${describeValue(event, env.secrets)}`,
          );
        remaining.splice(index, 1);
      }
    });
  },
};

const signature = (claimed: ReadonlySet<string> | undefined): ConformanceCheck => ({
  group: 'webhooks',
  name: capabilityTitle(
    'webhooks.signature',
    claimed,
    'forged deliveries are refused with webhook_verification_failed',
    'nothing to check',
  ),
  async run(handle) {
    const env = environmentOf(handle);
    const { capabilities } = await env.claimed();
    if (!capabilities.has('webhooks.signature')) return;
    const forged = env.options.webhooks.forged;
    if (forged === undefined)
      fail(
        'webhooks.signature is claimed: give webhooks.forged(sent), a delivery with a wrong signature or secret',
      );
    await env.withApi(async (provider) => {
      const [sent] = await sendBase(env, provider, 1);
      if (sent === undefined) return;
      const delivery = await forged(sent);
      const what = 'webhooks.parse(a forged delivery)';
      for (const request of [deliveryRequest(delivery), deliveryRaw(delivery)]) {
        const error = await rejectionOf(provider.webhooks.parse(request), what, env.secrets);
        assertContractError(
          error,
          {
            what,
            code: 'webhook_verification_failed',
            retryable: false,
            provider: provider.id,
            kind: 'WebhookVerificationError',
          },
          env.secrets,
        );
      }
    });
  },
});

async function answer(
  env: ConformanceEnvironment,
  provider: ConformanceProvider,
  requestOrUrl: Request | URL | string,
): Promise<{ status: number; body: string }> {
  let response: Response;
  try {
    response = provider.webhooks.handleVerification(requestOrUrl);
  } catch (error) {
    return fail(`webhooks.handleVerification threw: ${describeValue(error, env.secrets)}`);
  }
  // Duck-typed: a provider may build its Response with undici's class rather than the global one.
  if (typeof response?.status !== 'number' || typeof response.text !== 'function')
    fail(`webhooks.handleVerification must return a Response, got ${describeValue(response, env.secrets)}`);
  return { status: response.status, body: await response.text() };
}

/** A Meta-style handshake the kit tries where `webhooks.verification` is not claimed. */
const UNCLAIMED_HANDSHAKE = `${WEBHOOK_ORIGIN}/webhooks?hub.mode=subscribe&hub.verify_token=switchboard-conformance-wrong-token&hub.challenge=switchboard-conformance-challenge`;

const verification = (claimed: ReadonlySet<string> | undefined): ConformanceCheck => ({
  group: 'webhooks',
  name: capabilityTitle(
    'webhooks.verification',
    claimed,
    'the handshake is answered',
    'a handshake with a wrong token is not accepted',
  ),
  async run(handle) {
    const env = environmentOf(handle);
    const { capabilities } = await env.claimed();
    await env.withTripwire(async (provider) => {
      if (!capabilities.has('webhooks.verification')) {
        let response: Response;
        try {
          response = provider.webhooks.handleVerification(UNCLAIMED_HANDSHAKE);
        } catch {
          return; // Refusing by throwing is fine.
        }
        const body = await response.text();
        if (response.status >= 200 && response.status < 300 && body === 'switchboard-conformance-challenge')
          fail(
            'webhooks.verification is not claimed, yet handleVerification accepted a handshake with a wrong token',
          );
        return;
      }
      const handshake = env.options.webhooks.verification;
      if (handshake === undefined)
        fail('webhooks.verification is claimed: give webhooks.verification { accept, challenge?, reject? }');
      const accepted = await answer(env, provider, handshake.accept);
      if (accepted.status !== 200)
        fail(`handleVerification(webhooks.verification.accept) must answer 200, got ${accepted.status}`);
      if (handshake.challenge !== undefined && accepted.body !== handshake.challenge)
        fail(
          `handleVerification(webhooks.verification.accept) must answer with the challenge as the body, got ${describeValue(accepted.body, env.secrets)}`,
        );
      if (handshake.reject !== undefined) {
        const rejected = await answer(env, provider, handshake.reject);
        if (rejected.status !== 403)
          fail(`handleVerification(webhooks.verification.reject) must answer 403, got ${rejected.status}`);
      }
    });
  },
});

/**
 * The webhook checks: a status delivery yields one event correlated with `SendResult.id`, a redelivery
 * yields the same events, a batched delivery (when `webhooks.batch` is given) one event per status,
 * forged deliveries are refused (`webhooks.signature`), and the handshake is answered
 * (`webhooks.verification`).
 */
export function webhookChecks(
  options: Pick<ProviderConformanceOptions, 'webhooks'>,
  claimed?: ReadonlySet<string>,
): ConformanceCheck[] {
  return [
    statusCorrelation,
    redelivery,
    ...(options.webhooks.batch === undefined ? [] : [batched]),
    signature(claimed),
    verification(claimed),
  ];
}
