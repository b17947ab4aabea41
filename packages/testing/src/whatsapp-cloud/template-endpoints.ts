import type { CloudStoredTemplate } from './cloud-emulator-types.js';
import { GraphError, graphErrors } from './graph-error.js';
import { paginate } from './graph-paging.js';
import {
  type CloudEmulatorContext,
  type GraphRequest,
  graphJson,
  pickFields,
  readJsonObject,
  requestedFields,
} from './graph-request.js';
import { checkTemplateDefinition } from './template-definition-check.js';

const NODE_TYPE = 'WhatsAppMessageTemplate';
const KNOWN_FIELDS = [
  'id',
  'name',
  'status',
  'category',
  'language',
  'components',
  'parameter_format',
  'quality_score',
  'rejected_reason',
];
/** What Meta returns without `fields`, in its order (the contract example's). */
const DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];

/** A stored template as Graph shows it. */
function templateView(template: CloudStoredTemplate): Record<string, unknown> {
  return {
    name: template.name,
    parameter_format: template.parameterFormat,
    components: template.components,
    language: template.language,
    status: template.status,
    category: template.category,
    id: template.id,
    quality_score: { score: 'UNKNOWN' },
    rejected_reason: template.status === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE',
  };
}

/** Graph always includes `id`, whatever `fields` asked for. */
function fieldsWithId(req: GraphRequest): string[] {
  const fields = requestedFields(req.url, KNOWN_FIELDS, DEFAULT_FIELDS, NODE_TYPE);
  return fields.includes('id') ? fields : [...fields, 'id'];
}

/**
 * `GET /{waba-id}/message_templates`: filters `status` (comma list), `category`, `language` and `name`
 * (a case-insensitive substring, as Meta's search behaves), then pages with `limit`/`after`/`before`.
 */
export function listTemplates(ctx: CloudEmulatorContext, req: GraphRequest): Response {
  const query = req.url.searchParams;
  const fields = fieldsWithId(req);
  const statuses = query.get('status')?.toUpperCase().split(',');
  const name = query.get('name')?.toLowerCase();
  const category = query.get('category')?.toUpperCase();
  const language = query.get('language');
  const matching = ctx.store.templates.filter(
    (template) =>
      (statuses === undefined || statuses.includes(template.status)) &&
      (name === undefined || template.name.includes(name)) &&
      (category === undefined || template.category === category) &&
      (language === null || template.language === language),
  );
  const page = paginate(matching, req.url, (template) => template.id);
  return graphJson({
    ...page,
    data: page.data.map((template) => pickFields(templateView(template), fields)),
  });
}

/** `POST /{waba-id}/message_templates`: validates and stores the template with the emulator's review status. */
export async function createTemplate(ctx: CloudEmulatorContext, req: GraphRequest): Promise<Response> {
  const definition = checkTemplateDefinition(await readJsonObject(req.request));
  const duplicate = ctx.store.templates.some(
    (template) => template.name === definition.name && template.language === definition.language,
  );
  if (duplicate) {
    throw new GraphError({
      status: 400,
      code: 100,
      subcode: 2388024,
      message: '(#100) Invalid parameter',
      details: `Content in this language already exists: ${definition.name} (${definition.language})`,
    });
  }
  const stored = ctx.store.addTemplate({ ...definition, status: ctx.templateReviewStatus });
  return graphJson({ id: stored.id, status: stored.status, category: stored.category });
}

/**
 * `DELETE /{waba-id}/message_templates?name=…[&hsm_id=…]`: deletes every language of `name`, or only the
 * version whose id is `hsm_id`.
 */
export function deleteTemplates(ctx: CloudEmulatorContext, req: GraphRequest): Response {
  const name = req.url.searchParams.get('name');
  const hsmId = req.url.searchParams.get('hsm_id');
  if (name === null || name === '') throw graphErrors.missingParameter('The parameter name is required');
  const removed = ctx.store.removeTemplates(
    (template) => template.name === name && (hsmId === null || template.id === hsmId),
  );
  if (removed === 0) {
    throw graphErrors.invalidParameter(
      `Message template "${name}"${hsmId === null ? '' : ` with id ${hsmId}`} was not found`,
    );
  }
  return graphJson({ success: true });
}

/** `GET /{template-id}`. */
export function getTemplate(
  _ctx: CloudEmulatorContext,
  req: GraphRequest,
  template: CloudStoredTemplate,
): Response {
  return graphJson(pickFields(templateView(template), fieldsWithId(req)));
}
