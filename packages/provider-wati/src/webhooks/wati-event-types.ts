/**
 * WATI's webhook event types (docs.wati.io/reference/introduction-1 and each event's page), and what
 * each becomes. Since 2026 WATI also documents "BSUID-first" variants, named with a `_bsuid` suffix
 * (`message_bsuid`, `newContactMessageReceived_bsuid`, `sessionMessageSent_v2_bsuid`,
 * `templateMessageSent_v2_bsuid`, …): the same payload with `bsuid` (always present), `parentBsuid`
 * and `username`, and `waId` optional. A `_bsuid` variant is read as its base type.
 */

/** The suffix of WATI's BSUID-first event types. */
export const BSUID_EVENT_SUFFIX = '_bsuid';

/** Event types read as an inbound message (a customer's, `owner: false`). */
export const WATI_MESSAGE_EVENT_TYPES = ['message'] as const;

/**
 * Event types read as a delivery status. The neutral statuses have no `replied`: a reply implies the
 * message was read, so `sentMessageREPLIED` maps to `read`.
 */
export const WATI_STATUS_EVENT_TYPES = {
  sessionMessageSent: 'sent',
  sessionMessageSent_v2: 'sent',
  templateMessageSent: 'sent',
  templateMessageSent_v2: 'sent',
  sentMessageDELIVERED: 'delivered',
  sentMessageDELIVERED_v2: 'delivered',
  sentMessageREAD: 'read',
  sentMessageREAD_v2: 'read',
  sentMessageREPLIED: 'read',
  sentMessageREPLIED_v2: 'read',
  templateMessageFailed: 'failed',
  sessionMessageFailed: 'failed',
} as const;

/**
 * The BSUID-first event types WATI documents by name (docs.wati.io/reference: message-received-bsuid,
 * new-contact-message-bsuid, session-message-sent-v2-bsuid, template-message-sent-v2-bsuid), and the
 * `sessionMessageSent_bsuid` named in WATI's webhook list. Any other `<type>_bsuid` is read the same way.
 */
export const WATI_BSUID_EVENT_TYPES = [
  'message_bsuid',
  'newContactMessageReceived_bsuid',
  'sessionMessageSent_bsuid',
  'sessionMessageSent_v2_bsuid',
  'templateMessageSent_v2_bsuid',
] as const;

/** `eventType` without the BSUID-first suffix, and whether it had one. */
export function baseEventType(eventType: string): { type: string; bsuidFirst: boolean } {
  return eventType.endsWith(BSUID_EVENT_SUFFIX) && eventType.length > BSUID_EVENT_SUFFIX.length
    ? { type: eventType.slice(0, -BSUID_EVENT_SUFFIX.length), bsuidFirst: true }
    : { type: eventType, bsuidFirst: false };
}
