import { type ProviderOptions, readProviderOptions } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

/** The longest `biz_opaque_callback_data` Meta accepts, in characters. */
export const BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH = 512;

/**
 * `providerOptions['whatsapp-cloud']` of `send` and `sendBulk`: what only the Cloud API understands.
 * Unknown fields are rejected, so a typo is not silently ignored.
 */
export const whatsappCloudProviderOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /**
     * Meta's `biz_opaque_callback_data`: an arbitrary string (1–512 characters) that Meta does not
     * process and echoes in every status webhook of the message, where it stays in the event's `raw`.
     */
    bizOpaqueCallbackData: z.optional(
      z
        .string()
        .check(
          z.minLength(1, 'must not be empty (omit it instead)'),
          z.maxLength(
            BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH,
            `must be at most ${BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH} characters (Meta's limit)`,
          ),
        ),
    ),
  }),
);

/**
 * What `send` and `sendBulk` read from `providerOptions['whatsapp-cloud']`.
 *
 * @example
 * ```ts
 * await whatsapp.send(message, { providerOptions: { 'whatsapp-cloud': { bizOpaqueCallbackData: 'order-42' } } });
 * ```
 */
export type WhatsAppCloudProviderOptions = z.input<typeof whatsappCloudProviderOptionsSchema>;

/**
 * This provider's namespace of `providerOptions`, validated, or `{}` when absent.
 *
 * @throws {ValidationError} naming the field, e.g. `providerOptions.whatsapp-cloud.bizOpaqueCallbackData`.
 */
export function readWhatsAppCloudProviderOptions(
  providerOptions: ProviderOptions | undefined,
): z.output<typeof whatsappCloudProviderOptionsSchema> {
  return (
    readProviderOptions(WHATSAPP_CLOUD_PROVIDER_ID, whatsappCloudProviderOptionsSchema, providerOptions) ?? {}
  );
}
