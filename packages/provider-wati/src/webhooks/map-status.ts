import type { ErrorCode, InboundStatusEvent, MessageStatus } from '@switchboard/core';
import { WATI_PROVIDER_ID } from '../provider-id.js';
import { definedIds, phoneDigits, toDate, toText } from '../wati-values.js';
import type { WatiEvent } from './map-message.js';
import { WATI_STATUS_EVENT_TYPES } from './wati-event-types.js';
import { watiUserIds } from './wati-identity.js';

/** WATI's status event types (v1 and `_v2`); see `wati-event-types.ts`. */
const STATUS_BY_EVENT_TYPE: Readonly<Record<string, MessageStatus>> = WATI_STATUS_EVENT_TYPES;

/** Meta error codes WATI relays in `failedCode`, as neutral codes. */
const CATEGORY_BY_META_CODE: Readonly<Record<string, ErrorCode>> = {
  '131047': 'session_window_closed',
  '131026': 'invalid_recipient',
  '132000': 'template_not_found',
  '132001': 'template_not_found',
};

/** The neutral category of a Meta error code from `failedCode` (string or number). */
export function failureCategory(failedCode: unknown): ErrorCode {
  const code = toText(failedCode);
  // Own keys only: a code such as "constructor" must not find Object.prototype's members.
  return (
    (code !== undefined && Object.hasOwn(CATEGORY_BY_META_CODE, code)
      ? CATEGORY_BY_META_CODE[code]
      : undefined) ?? 'unknown'
  );
}

function isTemplateEvent(eventType: string, event: WatiEvent): boolean {
  return eventType.startsWith('templateMessage') || toText(event.type)?.toLowerCase() === 'template';
}

/**
 * A status event, or `undefined` when `eventType` (without a `_bsuid` suffix) is not one. The
 * recipient's `bsuid`, `parentBsuid` and `username` become `recipientUserId`,
 * `recipientParentUserId` and `recipientUsername`. `messageId` is the `SendResult.id` of
 * the send: for template sends the `localMessageId` (v2) else WATI's `id`; for session sends WATI's
 * `id`. Delivered/read/failed events carry no phone number, so `to` is often absent. The time is
 * `timestamp` (unix seconds), else `created` (ISO), else the time of receipt.
 */
export function mapStatusEvent(
  event: WatiEvent,
  eventType: string,
  receivedAt: Date,
): InboundStatusEvent | undefined {
  const status = Object.hasOwn(STATUS_BY_EVENT_TYPE, eventType) ? STATUS_BY_EVENT_TYPE[eventType] : undefined;
  if (status === undefined) return undefined;
  const providerIds = definedIds({
    id: event.id,
    whatsappMessageId: event.whatsappMessageId,
    localMessageId: event.localMessageId,
  });
  const messageId = isTemplateEvent(eventType, event)
    ? (providerIds.localMessageId ?? providerIds.id)
    : (providerIds.id ?? providerIds.localMessageId);
  const correlatedId = messageId ?? providerIds.whatsappMessageId;
  if (correlatedId === undefined) return undefined;
  const to = phoneDigits(event.waId);
  const { userId, parentUserId, username } = watiUserIds(event);
  const phoneNumberId = phoneDigits(event.channelPhoneNumber);
  const failedCode = event.failedCode;
  // A JSON number past the largest double (1e999) reads as Infinity, which no error code is.
  const code =
    typeof failedCode === 'number' && Number.isFinite(failedCode)
      ? failedCode
      : (toText(failedCode) ?? 'unknown');
  return {
    kind: 'status',
    provider: WATI_PROVIDER_ID,
    ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
    raw: event,
    messageId: correlatedId,
    providerIds,
    ...(to === undefined ? {} : { to }),
    ...(userId === undefined ? {} : { recipientUserId: userId }),
    ...(parentUserId === undefined ? {} : { recipientParentUserId: parentUserId }),
    ...(username === undefined ? {} : { recipientUsername: username }),
    status,
    timestamp: toDate(event.timestamp) ?? toDate(event.created) ?? receivedAt,
    ...(status === 'failed'
      ? {
          error: {
            code,
            title: toText(event.failedDetail) ?? toText(event.statusString) ?? 'Failed',
            category: failureCategory(failedCode),
          },
        }
      : {}),
  };
}
