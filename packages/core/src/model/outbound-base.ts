import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { recipientSchema } from './recipient.js';

/** Documented limits of the neutral model. Providers may be stricter; see `MessagingProvider.limits`. */
export const MESSAGE_LIMITS = {
  textMaxLength: 4096,
  captionMaxLength: 1024,
  interactiveBodyMaxLength: 1024,
  interactiveHeaderMaxLength: 60,
  interactiveFooterMaxLength: 60,
  buttonsMin: 1,
  buttonsMax: 3,
  buttonTitleMaxLength: 20,
  buttonIdMaxLength: 256,
  listButtonTextMaxLength: 20,
  listSectionsMax: 10,
  listRowsMax: 10,
  listSectionTitleMaxLength: 24,
  listRowIdMaxLength: 200,
  listRowTitleMaxLength: 24,
  listRowDescriptionMaxLength: 72,
  /** Label of a call-to-action URL button (Meta `display_text`). */
  ctaButtonTextMaxLength: 20,
  /** Label of the button that opens a Flow (Meta `flow_cta`: 30 characters in its OpenAPI file). */
  flowButtonTextMaxLength: 30,
  /** Sections of a multi-product message. */
  productSectionsMax: 10,
  /** Products of a multi-product message, in all sections together. */
  productItemsMax: 30,
  productSectionTitleMaxLength: 24,
} as const;

const L = MESSAGE_LIMITS;

/** What every outbound message has: `to` and an optional `replyTo`. */
export const outboundBase = {
  /**
   * The recipient: a phone number in any common human form (normalized to digits), or a
   * business-scoped user id such as `US.13491208655302741918` where the provider supports it
   * (capability `send.to.userId`).
   */
  to: recipientSchema,
  /** Provider message id this message replies to (shown quoted). */
  replyTo: /* @__PURE__ */ lazySchema(() => z.optional(z.string().check(z.minLength(1)))),
};

/** Body, header and footer of an interactive message, with WhatsApp's lengths. */
export const interactiveText = {
  body: /* @__PURE__ */ lazySchema(() =>
    z.string().check(z.minLength(1), z.maxLength(L.interactiveBodyMaxLength)),
  ),
  header: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.string().check(z.minLength(1), z.maxLength(L.interactiveHeaderMaxLength))),
  ),
  footer: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.string().check(z.minLength(1), z.maxLength(L.interactiveFooterMaxLength))),
  ),
};

/** Adds an issue at `path[index].field` for each item whose key was seen before. */
export function reportDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (string | number)[],
  field: string,
  ctx: z.core.$RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', path: [...path, index, field], message: `${field}s must be unique` });
    seen.add(value);
  });
}

/** A list or product list with more than one section needs a title on each (WhatsApp's rule). */
export function requireSectionTitles(
  sections: readonly { title?: string | undefined }[],
  ctx: z.core.$RefinementCtx,
): void {
  if (sections.length < 2) return;
  sections.forEach((section, index) => {
    if (section.title === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections', index, 'title'],
        message: 'every section needs a title when there is more than one section',
      });
    }
  });
}
