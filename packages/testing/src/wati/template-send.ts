import { invalidNumberReason, isInvalidNumber, recordOutbound } from './outbound-message.js';
import type { WatiEmulatorContext } from './wati-context.js';
import { watiLocalMessageId } from './wati-ids.js';
import type { WatiContactRecord, WatiMessageRecord, WatiNameValue } from './wati-records.js';
import { renderTemplateText, type WatiTemplateRecord } from './wati-template.js';

/** One recipient of a template send. */
export interface TemplateReceiver {
  waId: string;
  parameters: readonly WatiNameValue[];
  /** A client-chosen id (v2 bulk receivers may carry one); generated otherwise. */
  localMessageId?: string | undefined;
  /** Contact name for a new contact (CSV `Name` column). */
  contactName?: string | undefined;
  /** Extra contact attributes to store (CSV columns that are not template parameters). */
  attributes?: readonly WatiNameValue[];
}

/** What happened to one recipient. */
export interface TemplateReceiverOutcome {
  waId: string;
  localMessageId: string;
  isValidWhatsAppNumber: boolean;
  errors: string[];
  /** Set when the message was accepted. */
  message: WatiMessageRecord | undefined;
  contact: WatiContactRecord | undefined;
}

/** The template to send, or the soft-failure reason (unknown or not approved). */
export function findSendableTemplate(
  context: WatiEmulatorContext,
  name: string,
): { ok: true; template: WatiTemplateRecord } | { ok: false; reason: string } {
  const template = context.state.templates.get(name);
  if (template === undefined) return { ok: false, reason: `Template not found: ${name}` };
  if (template.status !== 'APPROVED') {
    return { ok: false, reason: `Template ${name} is not approved (status ${template.status}).` };
  }
  return { ok: true, template };
}

/**
 * Names the parameters that do not match the template's `customParams`: each one the template needs must
 * be given, and no other. `undefined` when they match.
 */
export function parameterMismatch(
  template: WatiTemplateRecord,
  given: readonly WatiNameValue[],
): string | undefined {
  const expected = template.customParams.map((param) => param.paramName);
  const names = given.map((param) => param.name);
  const missing = expected.filter((name) => !names.includes(name));
  const unexpected = [...new Set(names.filter((name) => !expected.includes(name)))];
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  const parts = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    unexpected.length > 0 ? `unexpected ${unexpected.join(', ')}` : '',
  ].filter((part) => part !== '');
  return `Invalid parameters for template ${template.elementName}: ${parts.join('; ')}`;
}

/** Validates one recipient and, when valid, records the template message (adding the contact if new). */
export function sendTemplateTo(
  context: WatiEmulatorContext,
  template: WatiTemplateRecord,
  broadcastName: string,
  receiver: TemplateReceiver,
): TemplateReceiverOutcome {
  const localMessageId = receiver.localMessageId ?? watiLocalMessageId();
  const base = { waId: receiver.waId, localMessageId, message: undefined, contact: undefined };
  if (isInvalidNumber(context, receiver.waId)) {
    return { ...base, isValidWhatsAppNumber: false, errors: [invalidNumberReason(receiver.waId)] };
  }
  const mismatch = parameterMismatch(template, receiver.parameters);
  if (mismatch !== undefined) return { ...base, isValidWhatsAppNumber: true, errors: [mismatch] };

  const { contact } = context.state.ensureContact({
    waId: receiver.waId,
    name: receiver.contactName,
    customParams: receiver.attributes ?? [],
    valid: true,
    now: context.config.now(),
  });
  const values = new Map(receiver.parameters.map((param) => [param.name, param.value]));
  const message = recordOutbound(context, contact, {
    kind: 'template',
    type: 'template',
    text: renderTemplateText(template.body, values),
    localMessageId,
    template: {
      id: template.id,
      name: template.elementName,
      broadcastName,
      parameters: receiver.parameters.map((param) => ({ ...param })),
    },
  });
  return { ...base, isValidWhatsAppNumber: true, errors: [], message, contact };
}

/** A v2 `receivers[]` entry. */
export function toReceiverJson(outcome: TemplateReceiverOutcome): Record<string, unknown> {
  return {
    localMessageId: outcome.localMessageId,
    waId: outcome.waId,
    isValidWhatsAppNumber: outcome.isValidWhatsAppNumber,
    errors: outcome.errors,
  };
}
