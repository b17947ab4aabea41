import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
  type Template,
  type TemplateCategory,
  type TemplateComponent,
  type TemplateStatus,
  templatePlaceholders,
} from '@switchboard/core';
import { compact } from './compact.js';
import type { GraphTemplate } from './graph-schemas.js';

type NeutralButton = Extract<TemplateComponent, { type: 'buttons' }>['buttons'][number];

const HEADER_FORMATS = ['text', 'image', 'video', 'document', 'location'] as const;
const BUTTON_TYPES: Readonly<Record<string, NeutralButton['type']>> = {
  QUICK_REPLY: 'quick_reply',
  URL: 'url',
  PHONE_NUMBER: 'phone_number',
  COPY_CODE: 'copy_code',
  OTP: 'otp',
  FLOW: 'flow',
};

/** Meta's uppercase category as core's enum; anything new is `unknown`. */
export function toTemplateCategory(value: string | null | undefined): TemplateCategory | 'unknown' {
  const lower = value?.toLowerCase();
  return (TEMPLATE_CATEGORIES as readonly string[]).includes(lower ?? '')
    ? (lower as TemplateCategory)
    : 'unknown';
}

/** Meta's uppercase status (`APPROVED`, `IN_APPEAL`…) as core's enum; anything new is `unknown`. */
export function toTemplateStatus(value: string | null | undefined): TemplateStatus {
  const lower = value?.toLowerCase();
  return (TEMPLATE_STATUSES as readonly string[]).includes(lower ?? '')
    ? (lower as TemplateStatus)
    : 'unknown';
}

/**
 * Graph components as neutral ones. Components the neutral model has no place for (carousels,
 * limited-time offers, product headers) are left out; they stay in `raw`.
 */
function toComponents(components: GraphTemplate['components']): TemplateComponent[] {
  const result: TemplateComponent[] = [];
  for (const component of components ?? []) {
    switch (component.type.toUpperCase()) {
      case 'HEADER': {
        const format = (component.format ?? 'TEXT').toLowerCase() as (typeof HEADER_FORMATS)[number];
        if (HEADER_FORMATS.includes(format))
          result.push(
            compact({ type: 'header', format, text: component.text ?? undefined }) as TemplateComponent,
          );
        break;
      }
      case 'BODY':
        result.push({ type: 'body', text: component.text ?? '' });
        break;
      case 'FOOTER':
        result.push({ type: 'footer', text: component.text ?? '' });
        break;
      case 'BUTTONS':
        result.push({
          type: 'buttons',
          buttons: (component.buttons ?? []).map(
            (button) =>
              compact({
                type: BUTTON_TYPES[button.type.toUpperCase()] ?? 'other',
                text: button.text ?? '',
                url: button.url ?? undefined,
                phoneNumber: button.phone_number ?? undefined,
              }) as NeutralButton,
          ),
        });
        break;
    }
  }
  return result;
}

/** The text of the first component of `type` (`HEADER`, `BODY`…), or `''`. */
function componentText(template: GraphTemplate, type: string): string {
  return template.components?.find((component) => component.type.toUpperCase() === type)?.text ?? '';
}

/**
 * A template as `GET /{waba-id}/message_templates` lists it, in neutral form. `parameterNames` are
 * the body placeholders in order; the format comes from `parameter_format`, or from the header and
 * body placeholders when Meta leaves it out (a named header variable makes the template named).
 */
export function fromGraphTemplate(template: GraphTemplate): Template {
  const parameterNames = templatePlaceholders(componentText(template, 'BODY'));
  const placeholders = [...templatePlaceholders(componentText(template, 'HEADER')), ...parameterNames];
  const format = template.parameter_format?.toUpperCase();
  const named = format === undefined ? placeholders.some((name) => !/^\d+$/.test(name)) : format === 'NAMED';
  return {
    ...(template.id ? { id: template.id } : {}),
    name: template.name,
    language: template.language,
    category: toTemplateCategory(template.category),
    status: toTemplateStatus(template.status),
    parameterFormat: named ? 'named' : 'positional',
    parameterNames,
    components: toComponents(template.components),
    raw: template,
  };
}
