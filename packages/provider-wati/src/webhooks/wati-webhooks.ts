import { describeObjectIssue, parseOrThrow } from '@switchboard/core/errors';
import type { ProviderWebhooks, WebhookSource } from '@switchboard/core/webhooks';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_PROVIDER_ID } from '../provider-id.js';
import { handleVerification } from './handle-verification.js';
import { parseWebhook } from './parse-webhook.js';
import { resolveWebhookSecret, type WatiWebhookSecret, webhookSecretSchema } from './webhook-secret.js';

/**
 * The `webhooks` of a WATI provider: a GET of the webhook URL answered 200, and deliveries parsed,
 * their shared secret checked when there is one.
 */
export function watiWebhooks(webhookSecret: Required<WatiWebhookSecret> | undefined): ProviderWebhooks {
  return {
    handleVerification,
    parse: (request) => parseWebhook(request, { webhookSecret }),
  };
}

/** Options of {@link createWatiWebhooks}. */
export interface WatiWebhooksOptions {
  /**
   * The shared secret every delivery must carry (WATI signs nothing): usually the last segment of
   * the webhook URL entered in WATI's dashboard, `{ value, pathSegment: true }`. Required unless
   * `allowUnverified` is true.
   */
  webhookSecret?: WatiWebhookSecret;
  /**
   * Parse deliveries without a `webhookSecret`, so without any proof that they come from WATI. For
   * a local test only: anyone who finds the URL can then post events.
   */
  allowUnverified?: boolean;
}

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject(
      {
        webhookSecret: z.optional(webhookSecretSchema),
        allowUnverified: z.optional(z.boolean('must be true or false')),
      },
      { error: describeObjectIssue('an object { webhookSecret?, allowUnverified? }') },
    )
    .check(
      z.refine((options) => options.webhookSecret !== undefined || options.allowUnverified === true, {
        path: ['webhookSecret'],
        error:
          'is required: pass { value, pathSegment: true } with the secret at the end of the webhook URL you gave WATI (WATI_WEBHOOK_SECRET), or allowUnverified: true for a local test',
      }),
    ),
);

/**
 * The webhook side of WATI alone, for a function that only receives webhooks: give it to core's
 * `createWebhookHandler`. Import it from `@switchboard/provider-wati/webhooks`, an
 * entry that loads neither all of zod nor the sending side, so a cold start pays only for what
 * receiving needs. A provider from `createWati` has the same `webhooks`.
 *
 * Unlike the provider, it refuses to run without `webhookSecret` unless told so (`allowUnverified`):
 * a function that receives webhooks is the one place an unverified delivery does harm.
 *
 * @throws {ValidationError} for invalid options, naming the option.
 * @example
 * ```ts
 * import { createWebhookHandler } from '@switchboard/core/webhooks';
 * import { createWatiWebhooks } from '@switchboard/provider-wati/webhooks';
 *
 * // WATI's dashboard has the webhook URL https://example.com/webhooks/wati/<secret>.
 * const wati = createWatiWebhooks({
 *   webhookSecret: { value: process.env.WATI_WEBHOOK_SECRET ?? '', pathSegment: true },
 * });
 * export const handler = createWebhookHandler(wati, async (event) => {
 *   if (event.kind === 'message') console.log(event.from, event.message);
 * });
 * ```
 */
export function createWatiWebhooks(options: WatiWebhooksOptions): WebhookSource {
  const parsed = parseOrThrow(optionsSchema, options, {
    provider: WATI_PROVIDER_ID,
    what: 'WATI webhook options',
  });
  return {
    id: WATI_PROVIDER_ID,
    webhooks: watiWebhooks(
      parsed.webhookSecret === undefined ? undefined : resolveWebhookSecret(parsed.webhookSecret),
    ),
  };
}
