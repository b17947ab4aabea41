import {
  byteLength,
  type FieldIssue,
  type MediaData,
  ValidationError,
  type ValidOutboundMessage,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import type { SessionFileMessage } from './send-session-file.js';
import { WATI_LIMITS } from './wati-capabilities.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

type Issue = FieldIssue;

function invalid(issues: readonly Issue[]): ValidationError {
  return new ValidationError(
    `Invalid message: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    { provider: WATI_PROVIDER_ID, issues: [...issues] },
  );
}

/** Bytes WhatsApp would refuse: too large for the type, or a MIME type it does not take. */
function mediaDataIssues(message: SessionFileMessage, media: MediaData): Issue[] {
  const limit = WATI_LIMITS.media[message.type];
  if (limit === undefined) return [];
  const issues: Issue[] = [];
  const size = byteLength(media.data);
  if (size > limit.maxBytes) {
    issues.push({
      path: 'media.data',
      message: `a ${message.type} may be at most ${limit.maxBytes} bytes (got ${size})`,
    });
  }
  if (!limit.mimeTypes.includes(media.mimeType.toLowerCase())) {
    issues.push({
      path: 'media.mimeType',
      message: `WhatsApp accepts a ${message.type} as ${limit.mimeTypes.join(', ')}`,
    });
  }
  return issues;
}

/**
 * WATI's interactive endpoints take no button or row ids; a reply comes back with the title as its
 * id. Two rows with the same title would be indistinguishable, so they are refused up front.
 */
function duplicateRowTitles(message: ValidOutboundMessageOf<'list'>): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  message.sections.forEach((section, sectionIndex) => {
    section.rows.forEach((row, rowIndex) => {
      if (seen.has(row.title)) {
        issues.push({
          path: `sections.${sectionIndex}.rows.${rowIndex}.title`,
          message: 'row titles must be unique with WATI: replies identify the row by its title',
        });
      }
      seen.add(row.title);
    });
  });
  return issues;
}

/**
 * Template features WATI's send cannot carry. WATI takes every template variable by name in
 * `parameters`, so header and button values have no place of their own.
 */
function uncarriedTemplateParts(message: ValidOutboundMessageOf<'template'>): Issue[] {
  const issues: Issue[] = [];
  if (message.template.header !== undefined) {
    issues.push({
      path: 'template.header',
      message:
        "WATI's template send has no header parameter: pass a header variable as a named parameter, and media headers are fixed in the template",
    });
  }
  if (message.template.buttons !== undefined) {
    issues.push({
      path: 'template.buttons',
      message:
        "WATI's template send has no button parameters: pass a URL-button variable as a named parameter; quick-reply payloads are fixed in the template",
    });
  }
  if (message.replyTo !== undefined) {
    issues.push({ path: 'replyTo', message: 'WATI template sends cannot quote a message' });
  }
  return issues;
}

/**
 * The checks WATI needs beyond core's schema and the capabilities, run after them and before any
 * request: `replyTo` only on text (WATI quotes only in session text messages), bytes within
 * WhatsApp's size and MIME limits, unique list row titles, and no template header or button
 * parameters.
 *
 * @throws {ValidationError} naming each offending field.
 */
export function checkWatiMessage(message: ValidOutboundMessage): void {
  if (message.replyTo !== undefined && message.type !== 'text' && message.type !== 'template') {
    throw invalid([{ path: 'replyTo', message: 'WATI quotes a message only in session text messages' }]);
  }
  let issues: Issue[] = [];
  switch (message.type) {
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
      if ('data' in message.media) issues = mediaDataIssues(message, message.media);
      break;
    case 'list':
      issues = duplicateRowTitles(message);
      break;
    case 'template':
      issues = uncarriedTemplateParts(message);
      break;
    default:
      break;
  }
  if (issues.length > 0) throw invalid(issues);
}
