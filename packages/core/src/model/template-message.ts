import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { mediaSourceSchema } from './media.js';

/** Meta's rule for template names, which WATI inherits: lowercase letters, digits and underscores. */
export const TEMPLATE_NAME_PATTERN: RegExp = /^[a-z0-9_]{1,512}$/;
/** A WhatsApp template language code such as `en`, `en_US`, `pt_BR`, `zh_HK` or `fil`. */
export const TEMPLATE_LANGUAGE_PATTERN: RegExp = /^[a-z]{2,3}(?:_[A-Z]{2,4})?$/;

export const templateNameSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.regex(TEMPLATE_NAME_PATTERN, 'must be 1–512 lowercase letters, digits or underscores')),
);
export const templateLanguageSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.regex(TEMPLATE_LANGUAGE_PATTERN, 'must be a language code such as en, en_US or pt_BR')),
);

const parameterValue = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.minLength(1, 'template parameter values must not be empty')),
);

/**
 * The parameter of a template's header: text, a media file, or a location.
 */
export const templateHeaderParameterSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('text'),
      text: parameterValue,
      /** The placeholder name, for templates with named parameters (`{{company}}` in the header). */
      name: z.optional(z.string().check(z.minLength(1))),
    }),
    z.strictObject({ type: z.literal('image'), media: mediaSourceSchema }),
    z.strictObject({ type: z.literal('video'), media: mediaSourceSchema }),
    z.strictObject({
      type: z.literal('document'),
      media: mediaSourceSchema,
      filename: z.optional(z.string().check(z.minLength(1), z.maxLength(240))),
    }),
    z.strictObject({
      type: z.literal('location'),
      latitude: z.number().check(z.gte(-90), z.lte(90)),
      longitude: z.number().check(z.gte(-180), z.lte(180)),
      name: z.optional(z.string().check(z.minLength(1))),
      address: z.optional(z.string().check(z.minLength(1))),
    }),
  ]),
);

const buttonIndex = /* @__PURE__ */ lazySchema(() => z.number().check(z.int(), z.gte(0), z.lte(9)));

/** The runtime value of a template button: a quick-reply payload, a URL suffix or a coupon code. */
export const templateButtonParameterSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('quick_reply'),
      /** Position of the button in the template, from 0. */
      index: buttonIndex,
      /** Returned as the reply's `id` when the user taps the button. */
      payload: z.string().check(z.minLength(1), z.maxLength(1000)),
    }),
    z.strictObject({
      type: z.literal('url'),
      index: buttonIndex,
      /** Appended to the template's dynamic URL. */
      text: z.string().check(z.minLength(1), z.maxLength(2000)),
    }),
    z.strictObject({
      type: z.literal('copy_code'),
      index: buttonIndex,
      /** The coupon code the button copies (Meta allows up to 15 characters). */
      code: z.string().check(z.minLength(1), z.maxLength(15)),
    }),
  ]),
);

/**
 * Which template to send and its parameter values.
 *
 * `parameters` is positional (`['Ada', '42']` fills `{{1}}`, `{{2}}`) or named
 * (`{ first_name: 'Ada' }` fills `{{first_name}}`); adapters translate between the two where the
 * provider needs the other form.
 */
export const templateMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: templateNameSchema,
    language: templateLanguageSchema,
    parameters: z.optional(
      z.union([z.array(parameterValue), z.record(z.string().check(z.minLength(1)), parameterValue)]),
    ),
    header: z.optional(templateHeaderParameterSchema),
    buttons: z.optional(
      z.array(templateButtonParameterSchema).check(
        z.maxLength(10),
        z.superRefine((buttons, ctx) => {
          const seen = new Set<number>();
          buttons.forEach((button, position) => {
            if (seen.has(button.index)) {
              ctx.addIssue({
                code: 'custom',
                path: [position, 'index'],
                message: 'button indexes must be unique',
              });
            }
            seen.add(button.index);
          });
        }),
      ),
    ),
  }),
);

/** A template send specification as the caller writes it. */
export type TemplateMessage = z.input<typeof templateMessageSchema>;
/** A header parameter. */
export type TemplateHeaderParameter = z.infer<typeof templateHeaderParameterSchema>;
/** A button parameter. */
export type TemplateButtonParameter = z.infer<typeof templateButtonParameterSchema>;
