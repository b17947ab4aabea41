import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { templateLanguageSchema, templateNameSchema } from './template-message.js';

export const TEMPLATE_CATEGORIES = ['marketing', 'utility', 'authentication'] as const;
export const TEMPLATE_STATUSES = [
  'approved',
  'pending',
  'rejected',
  'paused',
  'disabled',
  'in_appeal',
  'pending_deletion',
  'deleted',
  'limit_exceeded',
  'archived',
  'draft',
  'unknown',
] as const;

/** The category a template is approved under. */
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
/** Review status of a template; `unknown` when the provider reports a status Switchboard does not know. */
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** A button of a template as defined (not the runtime parameter). */
export const templateButtonSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    type: z.enum(['quick_reply', 'url', 'phone_number', 'copy_code', 'otp', 'flow', 'other']),
    text: z.string(),
    url: z.optional(z.string()),
    phoneNumber: z.optional(z.string()),
  }),
);

/** A component of a template, in neutral form. */
export const templateComponentSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('header'),
      format: z.enum(['text', 'image', 'video', 'document', 'location']),
      text: z.optional(z.string()),
    }),
    z.strictObject({ type: z.literal('body'), text: z.string() }),
    z.strictObject({ type: z.literal('footer'), text: z.string() }),
    z.strictObject({ type: z.literal('buttons'), buttons: z.array(templateButtonSchema) }),
  ]),
);

/** A template as a provider lists it. */
export const templateSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Provider id of the template, where it has one. */
    id: z.optional(z.string()),
    name: z.string(),
    language: z.string(),
    category: z.union([z.enum(TEMPLATE_CATEGORIES), z.literal('unknown')]),
    status: z.enum(TEMPLATE_STATUSES),
    /** `positional` templates use `{{1}}`, `{{2}}`…; `named` ones `{{first_name}}`. */
    parameterFormat: z.enum(['positional', 'named']),
    /** Names of the body parameters in order: `['1', '2']` or `['first_name', 'order_id']`. */
    parameterNames: z.array(z.string()),
    components: z.array(templateComponentSchema),
    /** The provider's own record, for fields the neutral model does not carry. */
    raw: z.unknown(),
  }),
);

/** A template as a provider lists it. */
export type Template = z.infer<typeof templateSchema>;
/** A component of a {@link Template}. */
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * The placeholders of a template text in order of first appearance, e.g. `['1', '2']` for
 * `Hi {{1}}, order {{2}}`.
 */
export function templatePlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

const examples = /* @__PURE__ */ lazySchema(() =>
  z.union([
    z.array(z.string().check(z.minLength(1))),
    z.record(z.string(), z.string().check(z.minLength(1))),
  ]),
);

/** A template button to create. */
export const templateButtonDefinitionSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('quick_reply'),
      text: z.string().check(z.minLength(1), z.maxLength(25)),
    }),
    z.strictObject({
      type: z.literal('url'),
      text: z.string().check(z.minLength(1), z.maxLength(25)),
      /** May end with `{{1}}` for a per-message suffix; then `example` is required. */
      url: z.string().check(z.minLength(1), z.maxLength(2000)),
      example: z.optional(z.string().check(z.minLength(1))),
    }),
    z.strictObject({
      type: z.literal('phone_number'),
      text: z.string().check(z.minLength(1), z.maxLength(25)),
      phoneNumber: z.string().check(z.minLength(1)),
    }),
    z.strictObject({
      type: z.literal('copy_code'),
      example: z.string().check(z.minLength(1), z.maxLength(15)),
    }),
  ]),
);

/**
 * A template to submit for review. Every placeholder needs an example value: Meta rejects
 * templates without them.
 */
export const templateDefinitionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      name: templateNameSchema,
      language: templateLanguageSchema,
      category: z.enum(TEMPLATE_CATEGORIES),
      header: z.optional(
        z.discriminatedUnion('format', [
          z.strictObject({
            format: z.literal('text'),
            text: z.string().check(z.minLength(1), z.maxLength(60)),
            example: z.optional(z.string().check(z.minLength(1))),
          }),
          z.strictObject({
            format: z.enum(['image', 'video', 'document']),
            /** A sample file handle from the provider's resumable upload, required by Meta for media headers. */
            exampleHandle: z.string().check(z.minLength(1)),
          }),
          z.strictObject({ format: z.literal('location') }),
        ]),
      ),
      body: z.strictObject({
        text: z.string().check(z.minLength(1), z.maxLength(1024)),
        examples: z.optional(examples),
      }),
      footer: z.optional(z.strictObject({ text: z.string().check(z.minLength(1), z.maxLength(60)) })),
      buttons: z.optional(z.array(templateButtonDefinitionSchema).check(z.maxLength(10))),
      /** Let the provider recategorize instead of rejecting (Meta `allow_category_change`). */
      allowCategoryChange: z.optional(z.boolean()),
    })
    .check(
      z.superRefine((definition, ctx) => {
        const names = templatePlaceholders(definition.body.text);
        const positional = names.every((name) => /^\d+$/.test(name));
        const named = names.every((name) => /^[a-z][a-z0-9_]*$/.test(name));
        if (names.length > 0 && !positional && !named) {
          ctx.addIssue({
            code: 'custom',
            path: ['body', 'text'],
            message:
              'placeholders must be all positional ({{1}}, {{2}}) or all named in lowercase letters, digits and _ ({{first_name}})',
          });
          return;
        }
        if (positional && names.some((name, index) => name !== String(index + 1))) {
          ctx.addIssue({
            code: 'custom',
            path: ['body', 'text'],
            message: 'positional placeholders must be {{1}}, {{2}}, … in order without gaps',
          });
        }
        const given = definition.body.examples;
        const missing = names.filter((name, index) =>
          given === undefined
            ? true
            : Array.isArray(given)
              ? given[index] === undefined
              : given[name] === undefined,
        );
        if (missing.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['body', 'examples'],
            message: `an example value is required for each placeholder; missing: ${missing.map((n) => `{{${n}}}`).join(', ')}`,
          });
        }
        const header = definition.header;
        if (
          header?.format === 'text' &&
          templatePlaceholders(header.text).length > 0 &&
          header.example === undefined
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['header', 'example'],
            message: 'the header placeholder needs an example',
          });
        }
        definition.buttons?.forEach((button, index) => {
          if (
            button.type === 'url' &&
            templatePlaceholders(button.url).length > 0 &&
            button.example === undefined
          ) {
            ctx.addIssue({
              code: 'custom',
              path: ['buttons', index, 'example'],
              message: 'a URL with a {{1}} suffix needs an example URL',
            });
          }
        });
      }),
    ),
);

/** A template to submit for review; see {@link templateDefinitionSchema}. */
export type TemplateDefinition = z.input<typeof templateDefinitionSchema>;

/** What a provider answers when a template was submitted. */
export interface TemplateCreateResult {
  id: string;
  name: string;
  status: TemplateStatus;
  category?: TemplateCategory | 'unknown';
}
