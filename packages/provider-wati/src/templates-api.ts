import {
  listOptionsSchema,
  type Page,
  parseOrThrow,
  type Template,
  type TemplateListOptions,
  templatePlaceholders,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { nextPageCursor, type PagePosition, resolvePage, watiLinkSchema } from './page-cursor.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { mapTemplateCategory, mapTemplateComponents, mapTemplateStatus } from './template-mapping.js';
import { fetchV3TemplatePage } from './v3-templates-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { toText } from './wati-values.js';

const watiTemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.optional(z.unknown()),
    elementName: z.optional(z.unknown()),
    category: z.optional(z.unknown()),
    status: z.optional(z.unknown()),
    language: z.optional(z.unknown()),
    customParams: z.nullish(z.array(z.looseObject({ paramName: z.optional(z.unknown()) }))),
    body: z.optional(z.unknown()),
    bodyOriginal: z.optional(z.unknown()),
    header: z.optional(z.unknown()),
    footer: z.optional(z.unknown()),
    buttons: z.optional(z.unknown()),
  }),
);

/** A template as `getMessageTemplates` lists it (fields typed loosely). */
export type WatiTemplate = z.output<typeof watiTemplateSchema>;

const templatesPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    result: z.optional(z.unknown()),
    messageTemplates: z.nullish(z.array(z.unknown())),
    link: watiLinkSchema,
  }),
);

/** Largest page the template cache asks for; the list is small, so few calls are needed. */
const CACHE_PAGE_SIZE = 100;
/** A guard against a server that keeps announcing more pages. */
const MAX_CACHE_PAGES = 50;

const listSchema = /* @__PURE__ */ lazySchema(() =>
  z.extend(listOptionsSchema, {
    status: z.optional(z.enum(['approved', 'pending', 'rejected'])),
  }),
);

function languageOf(language: unknown): string {
  if (typeof language === 'object' && language !== null) {
    const record = language as Record<string, unknown>;
    // `value` is the language code (`en`, `en_US`); `key`/`text` are display labels.
    return toText(record.value) ?? toText(record.key) ?? toText(record.text) ?? 'unknown';
  }
  return toText(language) ?? 'unknown';
}

/** The names WATI expects in `parameters`: the template's `customParams`, else its body placeholders. */
function parameterNamesOf(template: WatiTemplate, body: string | undefined): string[] {
  const names: string[] = [];
  for (const param of template.customParams ?? []) {
    const name = toText(param.paramName);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names.length > 0 ? names : templatePlaceholders(body ?? '');
}

/** Maps one `getMessageTemplates` entry to the neutral {@link Template}; `undefined` without a name. */
export function toTemplate(raw: unknown): Template | undefined {
  const parsed = watiTemplateSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const template = parsed.data;
  const name = toText(template.elementName);
  if (name === undefined) return undefined;
  const body = toText(template.body) ?? toText(template.bodyOriginal);
  const parameterNames = parameterNamesOf(template, body);
  const id = toText(template.id);
  return {
    ...(id === undefined ? {} : { id }),
    name,
    language: languageOf(template.language),
    category: mapTemplateCategory(template.category),
    status: mapTemplateStatus(template.status),
    parameterFormat:
      parameterNames.length > 0 && parameterNames.every((item) => /^\d+$/.test(item))
        ? 'positional'
        : 'named',
    parameterNames,
    components: mapTemplateComponents({
      header: template.header,
      body,
      footer: template.footer,
      buttons: template.buttons,
    }),
    raw,
  };
}

async function fetchPage(
  client: WatiClient,
  position: PagePosition,
): Promise<{ templates: Template[]; nextCursor: string | undefined }> {
  if (client.options.api === 'v3') return fetchV3TemplatePage(client, position);
  const response = await client.call(
    {
      method: 'GET',
      path: '/api/v1/getMessageTemplates',
      query: { pageSize: position.pageSize, pageNumber: position.pageNumber },
      operation: 'templates.list',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templates,
    },
    templatesPageSchema,
  );
  const rawTemplates = response.data.messageTemplates ?? [];
  return {
    templates: rawTemplates.flatMap((raw) => toTemplate(raw) ?? []),
    nextCursor: nextPageCursor(response.data.link, position, rawTemplates.length),
  };
}

/**
 * `templates.list`: one page of `GET /api/v1/getMessageTemplates` (`api: 'v3'`:
 * `GET /api/ext/v3/messageTemplates`, at most 100 a page). WATI has no status filter, so
 * `status` filters the page after it arrives (a page may then hold fewer than `pageSize` items);
 * the cursor remembers it, so `list({ cursor })` stays filtered.
 */
export async function listTemplates(
  client: WatiClient,
  options: TemplateListOptions = {},
): Promise<Page<Template>> {
  const parsed = parseOrThrow(listSchema, options, {
    what: 'template list options',
    provider: WATI_PROVIDER_ID,
  });
  const position = resolvePage(parsed, { status: parsed.status });
  const { status } = position.filters;
  const page = await fetchPage(client, position);
  const items =
    status === undefined ? page.templates : page.templates.filter((item) => item.status === status);
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
}

/** Every template of the account, page after page (for the parameter-name cache). */
export async function fetchAllTemplates(client: WatiClient): Promise<Template[]> {
  const all: Template[] = [];
  let position: PagePosition = { pageNumber: 1, pageSize: CACHE_PAGE_SIZE, filters: {} };
  for (let fetched = 0; fetched < MAX_CACHE_PAGES; fetched++) {
    const page = await fetchPage(client, position);
    all.push(...page.templates);
    if (page.nextCursor === undefined) break;
    position = resolvePage({ cursor: page.nextCursor });
  }
  return all;
}
