import {
  listOptionsSchema,
  type Page,
  parseOrThrow,
  type Template,
  type TemplateCreateResult,
  type TemplateDefinition,
  type TemplateListOptions,
  type TemplatesFacet,
  templateDefinitionSchema,
  templateNameSchema,
  urlPath,
  ValidationError,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { fromGraphTemplate, toTemplateCategory, toTemplateStatus } from './convert-template.js';
import { toGraphTemplateDefinition } from './convert-template-definition.js';
import { templateCreateResponseSchema, templateListResponseSchema } from './graph-schemas.js';
import type { WhatsAppCloudClient } from './whatsapp-cloud-client.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

type FilterableStatus = NonNullable<TemplateListOptions['status']>;

/**
 * Meta's `status` filter value of every core status but `unknown`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management).
 * A `Record` over core's type, so a status added to core fails to compile until it is mapped here.
 */
const STATUS_FILTERS: Readonly<Record<FilterableStatus, string>> = {
  approved: 'APPROVED',
  pending: 'PENDING',
  rejected: 'REJECTED',
  paused: 'PAUSED',
  disabled: 'DISABLED',
  in_appeal: 'IN_APPEAL',
  pending_deletion: 'PENDING_DELETION',
  deleted: 'DELETED',
  limit_exceeded: 'LIMIT_EXCEEDED',
  archived: 'ARCHIVED',
  // Meta documents no DRAFT template status (drafts are a Flows notion); Graph answers an error for it.
  draft: 'DRAFT',
};

const templateListOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.extend(listOptionsSchema, {
    status: z.optional(z.enum(Object.keys(STATUS_FILTERS) as [FilterableStatus, ...FilterableStatus[]])),
  }),
);

const parseOptions = { provider: WHATSAPP_CLOUD_PROVIDER_ID };

/** Templates live on the WhatsApp Business Account, so every call needs its id. */
function requireBusinessAccount(client: WhatsAppCloudClient, operation: string): string {
  const id = client.options.businessAccountId;
  if (id !== undefined) return id;
  const message = `is required for ${operation}: pass businessAccountId or set WHATSAPP_BUSINESS_ACCOUNT_ID (templates belong to the WhatsApp Business Account)`;
  throw new ValidationError(`Missing businessAccountId: ${message}`, {
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
    issues: [{ path: 'businessAccountId', message }],
  });
}

/** The `templates` facet of a WhatsApp Cloud provider: `list`, `create` and `delete`, on the WhatsApp Business Account. */
export function createTemplatesFacet(client: WhatsAppCloudClient): TemplatesFacet {
  return {
    /**
     * One page of `GET /{waba-id}/message_templates`. `pageSize` is Graph's `limit`, `status` is
     * Meta's uppercase filter value (`in_appeal` → `IN_APPEAL`), and `nextCursor` is `paging.cursors.after` when Graph links a next page.
     */
    async list(options: TemplateListOptions = {}): Promise<Page<Template>> {
      const { pageSize, cursor, status } = parseOrThrow(templateListOptionsSchema, options, {
        ...parseOptions,
        what: 'template list options',
      });
      const waba = requireBusinessAccount(client, 'templates.list');
      const { data } = await client.call(
        {
          method: 'GET',
          path: urlPath`/${waba}/message_templates`,
          query: { limit: pageSize, after: cursor, status: status && STATUS_FILTERS[status] },
          operation: 'templates.list',
        },
        templateListResponseSchema,
      );
      const page: Page<Template> = { items: data.data.map(fromGraphTemplate) };
      const after = data.paging?.cursors?.after;
      if (data.paging?.next && after) page.nextCursor = after;
      return page;
    },

    /** Submits a template for review: `POST /{waba-id}/message_templates`. */
    async create(template: TemplateDefinition): Promise<TemplateCreateResult> {
      const definition = parseOrThrow(templateDefinitionSchema, template, {
        ...parseOptions,
        what: 'template',
      });
      const body = toGraphTemplateDefinition(definition);
      const waba = requireBusinessAccount(client, 'templates.create');
      const { data } = await client.call(
        {
          method: 'POST',
          path: urlPath`/${waba}/message_templates`,
          body: { type: 'json', value: body },
          operation: 'templates.create',
        },
        templateCreateResponseSchema,
      );
      return {
        id: data.id,
        name: definition.name,
        // Meta answers PENDING for most submissions; APPROVED or REJECTED also happen at once.
        status: data.status ? toTemplateStatus(data.status) : 'pending',
        category: data.category ? toTemplateCategory(data.category) : definition.category,
      };
    },

    /** Deletes the template `name` in every language: `DELETE /{waba-id}/message_templates?name=`. */
    async delete(name: string): Promise<void> {
      const templateName = parseOrThrow(templateNameSchema, name, { ...parseOptions, what: 'template name' });
      const waba = requireBusinessAccount(client, 'templates.delete');
      await client.callForSuccess({
        method: 'DELETE',
        path: urlPath`/${waba}/message_templates`,
        query: { name: templateName },
        operation: 'templates.delete',
      });
    },
  };
}
