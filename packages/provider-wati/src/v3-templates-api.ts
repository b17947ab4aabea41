import type { Template } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { nextPageCursor, type PagePosition } from './page-cursor.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { toTemplate } from './templates-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_V3_PATH_PREFIX } from './wati-options.js';

/** V3 pages hold at most 100 items ("Number of items per page (max 100)", WATI's V3 OpenAPI). */
export const V3_MAX_PAGE_SIZE = 100;

const record = /* @__PURE__ */ lazySchema(() => z.record(z.string(), z.unknown()));

const v3TemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    name: z.optional(z.unknown()),
    custom_params: z.nullish(z.array(z.looseObject({ name: z.optional(z.unknown()) }))),
    body_original: z.optional(z.unknown()),
    language_option: z.optional(z.unknown()),
    buttons: z.nullish(
      z.array(z.looseObject({ type: z.optional(z.unknown()), parameter: z.nullish(record) })),
    ),
  }),
);

const v3TemplatesPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    templates: z.nullish(z.array(z.unknown())),
    page_number: z.optional(z.unknown()),
    page_size: z.optional(z.unknown()),
    total: z.optional(z.unknown()),
  }),
);

/**
 * Maps one V3 template (`GET /api/ext/v3/messageTemplates`: `name`, `language_option`, `custom_params`
 * `[{ name, value }]`, `body`, `body_original`, `header`, `footer`, `buttons[].parameter.phone_number`)
 * to the neutral {@link Template}, through the same mapping as the legacy list. Its parameter names
 * are the `custom_params` names. `raw` is the V3 template.
 */
export function toV3Template(raw: unknown): Template | undefined {
  const parsed = v3TemplateSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const template = parsed.data;
  const legacyShaped = {
    ...template,
    elementName: template.name,
    language: template.language_option,
    bodyOriginal: template.body_original,
    customParams: (template.custom_params ?? []).map((param) => ({ paramName: param.name })),
    buttons: (template.buttons ?? []).map((button) => ({
      type: button.type,
      parameter: { ...button.parameter, phoneNumber: button.parameter?.phone_number },
    })),
  };
  const mapped = toTemplate(legacyShaped);
  return mapped === undefined ? undefined : { ...mapped, raw };
}

/**
 * One page of `GET /api/ext/v3/messageTemplates?page_number&page_size` (page size at most 100); the
 * next cursor comes from `total`.
 */
export async function fetchV3TemplatePage(
  client: WatiClient,
  position: PagePosition,
): Promise<{ templates: Template[]; nextCursor: string | undefined }> {
  const pageSize = Math.min(position.pageSize, V3_MAX_PAGE_SIZE);
  const response = await client.call(
    {
      method: 'GET',
      path: `${WATI_V3_PATH_PREFIX}/messageTemplates`,
      query: { page_number: position.pageNumber, page_size: pageSize },
      operation: 'templates.list',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templates,
      api: 'v3',
    },
    v3TemplatesPageSchema,
  );
  const rawTemplates = response.data.templates ?? [];
  const link = { total: response.data.total, pageSize };
  return {
    templates: rawTemplates.flatMap((raw) => toV3Template(raw) ?? []),
    nextCursor: nextPageCursor(link, { ...position, pageSize }, rawTemplates.length),
  };
}
