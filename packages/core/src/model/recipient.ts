import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { parsePhone } from './phone.js';

/**
 * A business-scoped user id (BSUID): two uppercase letters (the ISO country code), a period, then
 * up to 128 letters and digits, e.g. `US.13491208655302741918`; a parent BSUID adds `ENT.`, e.g.
 * `US.ENT.11815799212886844830`. Meta's format, from its "Business-scoped user IDs" documentation
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/).
 */
export const BUSINESS_SCOPED_USER_ID_PATTERN = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** Whether `value` is a business-scoped user id (or parent BSUID) rather than a phone number. */
export function isBusinessScopedUserId(value: string): boolean {
  return BUSINESS_SCOPED_USER_ID_PATTERN.test(value);
}

/**
 * The recipient of an outbound message: a phone number in any form {@link parsePhone} accepts
 * (normalized to digits), or a business-scoped user id (kept as written, without surrounding
 * spaces). Sending to a BSUID needs the `send.to.userId` capability: WhatsApp Cloud sends it as
 * `recipient`; a provider without it throws `UnsupportedFeatureError` before any request.
 */
export const recipientSchema = /* @__PURE__ */ lazySchema(() =>
  z.pipe(
    z.string(),
    z.transform((value, ctx) => {
      const trimmed = value.trim();
      if (isBusinessScopedUserId(trimmed)) return trimmed;
      const result = parsePhone(value);
      if (result.ok) return result.phone;
      const looksLikeUserId = /^[A-Za-z]{2}\./.test(trimmed);
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: looksLikeUserId
          ? 'not a business-scoped user id: expected a country code, a period and up to 128 letters or digits (e.g. US.13491208655302741918)'
          : result.message,
      });
      return z.NEVER;
    }),
  ),
);
