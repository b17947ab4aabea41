import type { CloudEmulatorStore } from './cloud-emulator-store.js';
import { graphErrors } from './graph-error.js';
import { checkInteractiveType } from './interactive-type-rules.js';
import { mediaKindOf } from './media-rules.js';

type Json = Record<string, unknown>;

/** Media message types and what they accept, as Meta documents. */
const MEDIA_MESSAGE_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** Meta's limit across all sections of a list message (the schema only caps each section at 10). */
const MAX_LIST_ROWS = 10;

/** `to` as Meta normalizes it: digits only, country code first (7–15 digits, no leading 0). */
export function normalizeRecipient(to: string): string {
  const digits = to.replace(/[\s().-]/g, '').replace(/^\+/, '');
  if (!/^[1-9]\d{6,14}$/.test(digits)) {
    throw graphErrors.invalidParameter(
      `Param to must be a phone number in international format, got "${to}"`,
    );
  }
  return digits;
}

/**
 * The rules of a send request that Meta's schema cannot express: list and button limits across items,
 * media references that must exist. Runs after the body passed its schema.
 */
export function checkMessageRules(store: CloudEmulatorStore, phoneNumberId: string, body: Json): void {
  const type = body.type as string;
  if (MEDIA_MESSAGE_TYPES.has(type))
    checkMediaReference(store, phoneNumberId, type, body[type] as Json, type);
  if (type === 'interactive') checkInteractive(store, phoneNumberId, body.interactive as Json);
}

/**
 * A media object sent by `id` must name media uploaded to this phone number, of a MIME type the message
 * type accepts. Unknown ids get Meta's own wording for the case.
 */
export function checkMediaReference(
  store: CloudEmulatorStore,
  phoneNumberId: string,
  kind: string,
  media: Json,
  path: string,
): void {
  if (typeof media.id !== 'string') return;
  const stored = store.media.get(media.id);
  if (stored === undefined || stored.phoneNumberId !== phoneNumberId) {
    throw graphErrors.invalidParameter(
      `Param ${path}.id is not a valid whatsapp business account media attachment ID`,
    );
  }
  if (mediaKindOf(stored.mimeType) !== kind) {
    throw graphErrors.mediaUploadError(
      `Media ${media.id} is ${stored.mimeType}, which cannot be sent as ${kind === 'image' ? 'an' : 'a'} ${kind}`,
    );
  }
}

function checkInteractive(store: CloudEmulatorStore, phoneNumberId: string, interactive: Json): void {
  const type = interactive.type as string;
  const header = interactive.header as Json | undefined;
  if ((type === 'button' || type === 'list') && interactive.body === undefined) {
    throw graphErrors.missingParameter('The parameter interactive.body is required');
  }
  if (header !== undefined) {
    const headerType = header.type as string;
    if (type === 'list' && headerType !== 'text') {
      throw graphErrors.invalidParameterValue(
        `Header type ${headerType} is not supported for list messages, use text`,
      );
    }
    if (headerType === 'text' && typeof header.text !== 'string') {
      throw graphErrors.missingParameter('The parameter interactive.header.text is required');
    }
    const media = header[headerType];
    if (headerType !== 'text') {
      if (typeof media !== 'object' || media === null) {
        throw graphErrors.missingParameter(`The parameter interactive.header.${headerType} is required`);
      }
      checkMediaReference(
        store,
        phoneNumberId,
        headerType,
        media as Json,
        `interactive.header.${headerType}`,
      );
    }
  }
  const action = interactive.action as Json;
  if (type === 'button') checkReplyButtons(action.buttons as Json[] | undefined);
  if (type === 'list') checkListSections(action.sections as Json[] | undefined);
  checkInteractiveType(interactive);
}

function checkReplyButtons(buttons: Json[] | undefined): void {
  if (buttons === undefined)
    throw graphErrors.missingParameter('The parameter interactive.action.buttons is required');
  const replies = buttons.map((button) => button.reply as Json);
  requireUnique(
    replies.map((reply) => reply.id as string),
    'Buttons must have unique ids',
  );
  requireUnique(
    replies.map((reply) => reply.title as string),
    'Buttons must have unique titles',
  );
  replies.forEach((reply, index) => {
    if ((reply.title as string).trim() === '') {
      throw graphErrors.invalidParameterValue(
        `Button title length invalid at interactive.action.buttons[${index}].reply.title. Min length: 1, Max length: 20`,
      );
    }
  });
}

function checkListSections(sections: Json[] | undefined): void {
  if (sections === undefined)
    throw graphErrors.missingParameter('The parameter interactive.action.sections is required');
  let rows = 0;
  const ids: string[] = [];
  sections.forEach((section, index) => {
    if (sections.length > 1 && typeof section.title !== 'string') {
      throw graphErrors.missingParameter(
        `The parameter interactive.action.sections[${index}].title is required when there is more than one section`,
      );
    }
    const sectionRows = (section.rows as Json[] | undefined) ?? [];
    if (sectionRows.length === 0) {
      throw graphErrors.invalidParameterValue(
        `Section interactive.action.sections[${index}] must have at least one row`,
      );
    }
    rows += sectionRows.length;
    for (const row of sectionRows) ids.push(row.id as string);
  });
  if (rows > MAX_LIST_ROWS) {
    throw graphErrors.invalidParameterValue(
      `Total row count exceed max allowed count: ${MAX_LIST_ROWS} (interactive.action.sections has ${rows} rows)`,
    );
  }
  requireUnique(ids, 'Row ids must be unique across interactive.action.sections');
}

function requireUnique(values: readonly string[], message: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw graphErrors.invalidParameterValue(`${message}: "${value}" appears twice`);
    seen.add(value);
  }
}
