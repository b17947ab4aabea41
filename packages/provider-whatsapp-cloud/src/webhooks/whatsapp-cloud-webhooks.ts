import { describeObjectIssue, parseOrThrow } from '@switchboard/core/errors';
import type { ProviderWebhooks, WebhookSource } from '@switchboard/core/webhooks';
import * as z from 'zod/mini';
import { onFirstUse } from '../on-first-use.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from '../provider-id.js';
import { handleVerification } from './handle-verification.js';
import { parseWebhook } from './parse-webhook.js';

/**
 * The `webhooks` of a WhatsApp Cloud provider: Meta's handshake answered with `verifyToken`, and
 * deliveries parsed, their signature checked with `appSecret` when there is one.
 */
export function whatsappCloudWebhooks(
  appSecret: string | undefined,
  verifyToken: string | undefined,
): ProviderWebhooks {
  return {
    handleVerification: (requestOrUrl) => handleVerification(requestOrUrl, verifyToken),
    parse: (request) => parseWebhook(request, appSecret),
  };
}

/** Options of {@link createWhatsAppCloudWebhooks}. */
export interface WhatsAppCloudWebhooksOptions {
  /**
   * The Meta app secret (usually `WHATSAPP_APP_SECRET`): every delivery's `X-Hub-Signature-256` is
   * checked with it before anything is parsed. Required unless `allowUnverified` is true.
   */
  appSecret?: string;
  /** The token Meta's subscription handshake must present; without it every handshake gets 403. */
  verifyToken?: string;
  /**
   * Parse deliveries without an `appSecret`, so without checking that they come from Meta. For a
   * local test only: anyone who finds the URL can then post events.
   */
  allowUnverified?: boolean;
}

const optionsSchema = onFirstUse(() => {
  const secretSchema = z.optional(
    z.string('must be a string').check(z.minLength(1, 'must not be empty (omit it instead)')),
  );
  return z
    .strictObject(
      {
        appSecret: secretSchema,
        verifyToken: secretSchema,
        allowUnverified: z.optional(z.boolean('must be true or false')),
      },
      { error: describeObjectIssue('an object { appSecret?, verifyToken?, allowUnverified? }') },
    )
    .check(
      z.refine((options) => options.appSecret !== undefined || options.allowUnverified === true, {
        path: ['appSecret'],
        error:
          'is required: pass the Meta app secret (WHATSAPP_APP_SECRET) so deliveries are verified, or allowUnverified: true for a local test',
      }),
    );
});

/**
 * The webhook side of WhatsApp Cloud alone, for a function that only receives webhooks: give it to
 * core's `createWebhookHandler`. Import it from
 * `@switchboard/provider-whatsapp-cloud/webhooks`, an entry that loads neither all of
 * zod nor the sending side, so a cold start pays only for what receiving needs. A provider from
 * `createWhatsAppCloud` has the same `webhooks`.
 *
 * Unlike the provider, it refuses to run without `appSecret` unless told so (`allowUnverified`):
 * a function that receives webhooks is the one place an unverified delivery does harm.
 *
 * @throws {ValidationError} for invalid options, naming the option.
 * @example
 * ```ts
 * import { createWebhookHandler } from '@switchboard/core/webhooks';
 * import { createWhatsAppCloudWebhooks } from '@switchboard/provider-whatsapp-cloud/webhooks';
 *
 * const whatsapp = createWhatsAppCloudWebhooks({
 *   appSecret: process.env.WHATSAPP_APP_SECRET,
 *   verifyToken: process.env.WHATSAPP_VERIFY_TOKEN,
 * });
 * // A Fetch handler: GET answers Meta's handshake, POST verifies and parses each delivery.
 * export const handler = createWebhookHandler(whatsapp, async (event) => {
 *   if (event.kind === 'message') console.log(event.from, event.message);
 * });
 * ```
 */
export function createWhatsAppCloudWebhooks(options: WhatsAppCloudWebhooksOptions): WebhookSource {
  const parsed = parseOrThrow(optionsSchema(), options, {
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
    what: 'WhatsApp Cloud webhook options',
  });
  return {
    id: WHATSAPP_CLOUD_PROVIDER_ID,
    webhooks: whatsappCloudWebhooks(parsed.appSecret, parsed.verifyToken),
  };
}
