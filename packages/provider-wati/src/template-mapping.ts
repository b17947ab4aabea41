import {
  TEMPLATE_STATUSES,
  type Template,
  type TemplateComponent,
  type TemplateStatus,
} from '@switchboard/core';
import { toText } from './wati-values.js';

type TemplateButton = Extract<TemplateComponent, { type: 'buttons' }>['buttons'][number];

const KNOWN_STATUSES: ReadonlySet<string> = new Set(TEMPLATE_STATUSES);

// Numeric statuses some WATI tenants return in getMessageTemplates instead of names (1 pending,
// 2 approved, 3 rejected, 4 deleted), as seen in captured responses.
const STATUS_BY_CODE: Readonly<Record<number, TemplateStatus>> = {
  1: 'pending',
  2: 'approved',
  3: 'rejected',
  4: 'deleted',
};

/** WATI's template status (`APPROVED`, `PENDING`, …, or a numeric code) as a neutral status. */
export function mapTemplateStatus(status: unknown): TemplateStatus {
  const text = toText(status);
  if (text === undefined) return 'unknown';
  if (/^\d+$/.test(text)) return STATUS_BY_CODE[Number(text)] ?? 'unknown';
  const normalized = text.toLowerCase().replace(/[\s-]+/g, '_');
  if (KNOWN_STATUSES.has(normalized)) return normalized as TemplateStatus;
  if (normalized === 'pending_internal' || normalized === 'submitted' || normalized === 'in_review')
    return 'pending';
  return 'unknown';
}

// Meta's pre-2023 categories, which old WATI templates still carry.
const LEGACY_UTILITY = new Set([
  'transactional',
  'account_update',
  'payment_update',
  'personal_finance_update',
  'shipping_update',
  'reservation_update',
  'issue_resolution',
  'appointment_update',
  'transportation_update',
  'ticket_update',
  'alert_update',
  'auto_reply',
]);

/** WATI's template category as a neutral category. */
export function mapTemplateCategory(category: unknown): Template['category'] {
  const text = toText(category)?.toLowerCase();
  if (text === 'marketing' || text === 'utility' || text === 'authentication') return text;
  if (text === 'otp') return 'authentication';
  if (text !== undefined && LEGACY_UTILITY.has(text)) return 'utility';
  return 'unknown';
}

const HEADER_FORMATS = new Set(['text', 'image', 'video', 'document', 'location']);

function headerComponent(header: unknown): TemplateComponent | undefined {
  if (typeof header !== 'object' || header === null) return undefined;
  const record = header as Record<string, unknown>;
  const format = toText(record.type)?.toLowerCase();
  if (format === undefined || !HEADER_FORMATS.has(format)) return undefined;
  const text = toText(record.text);
  return {
    type: 'header',
    format: format as 'text' | 'image' | 'video' | 'document' | 'location',
    ...(format === 'text' && text !== undefined ? { text } : {}),
  };
}

function buttonType(type: string | undefined): TemplateButton['type'] {
  switch (type?.toLowerCase()) {
    case 'quick_reply':
    case 'quickreply':
      return 'quick_reply';
    case 'url':
    case 'visit_website':
      return 'url';
    case 'phone_number':
    case 'call_phone':
      return 'phone_number';
    case 'copy_code':
      return 'copy_code';
    case 'otp':
      return 'otp';
    case 'flow':
      return 'flow';
    default:
      return 'other';
  }
}

function toButton(raw: unknown): TemplateButton | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const parameter =
    typeof record.parameter === 'object' && record.parameter !== null
      ? (record.parameter as Record<string, unknown>)
      : {};
  const text = toText(parameter.text) ?? toText(record.text) ?? '';
  const url = toText(parameter.url) ?? toText(record.url);
  const phoneNumber = toText(parameter.phoneNumber) ?? toText(record.phoneNumber);
  return {
    type: buttonType(toText(record.type)),
    text,
    ...(url === undefined ? {} : { url }),
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
  };
}

/** The neutral components of a WATI template (header, body, footer, buttons; absent parts left out). */
export function mapTemplateComponents(parts: {
  header: unknown;
  body: string | undefined;
  footer: unknown;
  buttons: unknown;
}): TemplateComponent[] {
  const components: TemplateComponent[] = [];
  const header = headerComponent(parts.header);
  if (header) components.push(header);
  if (parts.body !== undefined) components.push({ type: 'body', text: parts.body });
  const footer = toText(parts.footer);
  if (footer !== undefined) components.push({ type: 'footer', text: footer });
  const buttons = Array.isArray(parts.buttons)
    ? parts.buttons.flatMap((button) => toButton(button) ?? [])
    : [];
  if (buttons.length > 0) components.push({ type: 'buttons', buttons });
  return components;
}
