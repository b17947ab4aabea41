import { describeObjectIssue } from '@switchboard/core/errors';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';

/** The header {@link WatiWebhookSecret.header} defaults to. */
export const DEFAULT_WEBHOOK_SECRET_HEADER = 'x-switchboard-webhook-secret';

/** The optional shared secret that authenticates WATI webhook deliveries (WATI signs nothing). */
export interface WatiWebhookSecret {
  /** The secret. Keep it long and random: it is the only proof a delivery came from WATI. */
  value: string;
  /** Header that may carry the secret (set by a proxy in front of your app). Default `x-switchboard-webhook-secret`. */
  header?: string;
  /**
   * Also accept the secret as the last segment of the request path, e.g. a webhook URL
   * `https://example.com/webhooks/wati/<secret>` entered in WATI's dashboard. WATI cannot send
   * custom headers, so this is the usual setup.
   */
  pathSegment?: boolean;
}

/**
 * {@link WatiWebhookSecret} as given in options. Written with `zod/mini` so the webhook entry
 * (`@switchboard/provider-wati/webhooks`) validates it without loading all of zod.
 */
export const webhookSecretSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject(
    {
      value: z.string('must be a string').check(z.minLength(1, 'must not be empty')),
      header: z.optional(
        z
          .string('must be a string')
          .check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name')),
      ),
      pathSegment: z.optional(z.boolean('must be true or false')),
    },
    { error: describeObjectIssue('an object { value, header?, pathSegment? }') },
  ),
);

/** The secret with its defaults: the header lower-cased, `pathSegment` false unless set. */
export function resolveWebhookSecret(secret: WatiWebhookSecret): Required<WatiWebhookSecret> {
  return {
    value: secret.value,
    header: (secret.header ?? DEFAULT_WEBHOOK_SECRET_HEADER).toLowerCase(),
    pathSegment: secret.pathSegment ?? false,
  };
}
