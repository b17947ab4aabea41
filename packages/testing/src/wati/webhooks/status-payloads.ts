import {
  dotNetIsoString,
  unixSecondsString,
  watiLocalMessageId,
  watiObjectId,
  watiWamid,
} from '../wati-ids.js';

/**
 * The message a status webhook reports on. Omitted ids are generated, `timestamp` defaults to now,
 * `channelPhoneNumber` to `14155550100` and the operator to `operator@example.com` / `Wati User`.
 */
export interface WatiStatusPayloadInput {
  /** WATI's message id (24 hex). */
  id?: string;
  /** Meta's `wamid.…`. */
  whatsappMessageId?: string;
  /**
   * The id the v2 template send returned, or the one the client gave a session send; `null` for a session
   * send without one. Generated when omitted.
   */
  localMessageId?: string | null;
  conversationId?: string;
  ticketId?: string;
  /** The sent text (the rendered body for templates). */
  text?: string | null;
  /** WATI message type: `text`, `image`, `interactive`, `template`, … Default `text`. */
  type?: string;
  timestamp?: Date;
  assigneeId?: string | null;
  operatorEmail?: string;
  channelPhoneNumber?: string;
}

/** A session message sent to `waId`: the input of `sessionMessageSent(_v2)`. */
export interface WatiSessionSentPayloadInput extends WatiStatusPayloadInput {
  waId: string;
  operatorName?: string;
  /** Media URL for files; `null` for text. */
  data?: unknown;
  replyContextId?: string;
}

/** A template message sent to `waId`: the input of `templateMessageSent(_v2)`. */
export interface WatiTemplateSentPayloadInput extends Omit<WatiStatusPayloadInput, 'type' | 'timestamp'> {
  waId: string;
  templateName: string;
  templateId?: string;
  /** When it was sent: this event has an ISO `created` and no `timestamp`. */
  created?: Date;
  /** `API` for API sends, `WEB` for the dashboard. */
  sourceType?: 'API' | 'WEB';
}

/** A failure reported by Meta: `failedCode` is the Meta error code as a string (`131026`). */
export interface WatiFailedPayloadInput extends WatiStatusPayloadInput {
  failedCode?: string;
  failedDetail?: string;
}

const DEFAULT_CHANNEL = '14155550100';
const DEFAULT_OPERATOR_EMAIL = 'operator@example.com';

function ids(input: WatiStatusPayloadInput, waId = '14155550100') {
  const at = input.timestamp ?? new Date();
  return {
    id: input.id ?? watiObjectId(at),
    whatsappMessageId: input.whatsappMessageId ?? watiWamid(waId),
    conversationId: input.conversationId ?? watiObjectId(at),
    ticketId: input.ticketId ?? watiObjectId(at),
  };
}

/** `sessionMessageSent` (v1): no `localMessageId`. */
export function sessionMessageSent(input: WatiSessionSentPayloadInput) {
  const at = input.timestamp ?? new Date();
  return {
    eventType: 'sessionMessageSent' as const,
    ...ids(input, input.waId),
    text: input.text ?? null,
    type: input.type ?? 'text',
    data: input.data ?? null,
    timestamp: unixSecondsString(at),
    owner: true,
    statusString: 'SENT' as const,
    assigneeId: input.assigneeId ?? null,
    operatorEmail: input.operatorEmail ?? DEFAULT_OPERATOR_EMAIL,
    operatorName: input.operatorName ?? 'Wati User',
    waId: input.waId,
  };
}

/** `sessionMessageSent_v2`: adds `localMessageId`, `replyContextId` and the channel. */
export function sessionMessageSentV2(input: WatiSessionSentPayloadInput) {
  const { eventType: _v1, id, whatsappMessageId, ...rest } = sessionMessageSent(input);
  return {
    eventType: 'sessionMessageSent_v2' as const,
    localMessageId: input.localMessageId === undefined ? watiLocalMessageId() : input.localMessageId,
    chatbotTriggeredEventId: null,
    id,
    whatsappMessageId,
    ...rest,
    replyContextId: input.replyContextId ?? '',
    channelId: null,
    channelPhoneNumber: input.channelPhoneNumber ?? DEFAULT_CHANNEL,
  };
}

/** `templateMessageSent` (v1): ISO `created`, no `timestamp`, no `localMessageId`. */
export function templateMessageSent(input: WatiTemplateSentPayloadInput) {
  const at = input.created ?? new Date();
  const { id, whatsappMessageId, conversationId, ticketId } = ids({ ...input, timestamp: at }, input.waId);
  return {
    eventType: 'templateMessageSent' as const,
    id,
    whatsappMessageId,
    templateId: input.templateId ?? watiObjectId(at),
    templateName: input.templateName,
    created: dotNetIsoString(at),
    conversationId,
    ticketId,
    text: input.text ?? null,
    operatorEmail: input.operatorEmail ?? DEFAULT_OPERATOR_EMAIL,
    waId: input.waId,
    type: 'template' as const,
    statusString: 'SENT' as const,
    sourceType: input.sourceType ?? 'API',
  };
}

/** `templateMessageSent_v2`: carries the `localMessageId` the v2 send returned. */
export function templateMessageSentV2(input: WatiTemplateSentPayloadInput) {
  const { eventType: _v1, ...rest } = templateMessageSent(input);
  return {
    eventType: 'templateMessageSent_v2' as const,
    localMessageId: input.localMessageId === undefined ? watiLocalMessageId() : input.localMessageId,
    ...rest,
    headerLink: null,
    headerType: null,
    channelId: null,
    channelPhoneNumber: input.channelPhoneNumber ?? DEFAULT_CHANNEL,
  };
}

type ReceiptStatus = 'Delivered' | 'Read' | 'Replied';

function receiptV1<E extends string, S extends ReceiptStatus>(
  eventType: E,
  statusString: S,
  input: WatiStatusPayloadInput,
) {
  return {
    eventType,
    statusString,
    ...ids(input),
    text: input.text ?? null,
    type: input.type ?? 'text',
    timestamp: unixSecondsString(input.timestamp ?? new Date()),
    assigneeId: input.assigneeId ?? null,
    operatorEmail: input.operatorEmail ?? DEFAULT_OPERATOR_EMAIL,
  };
}

function receiptV2<E extends string, S extends ReceiptStatus>(
  eventType: E,
  statusString: S,
  input: WatiStatusPayloadInput,
) {
  const { eventType: _e, statusString: _s, ...rest } = receiptV1(eventType, statusString, input);
  return {
    eventType,
    statusString,
    localMessageId: input.localMessageId === undefined ? watiLocalMessageId() : input.localMessageId,
    ...rest,
    channelId: null,
    channelPhoneNumber: input.channelPhoneNumber ?? DEFAULT_CHANNEL,
  };
}

/** `sentMessageDELIVERED` (v1). Like every receipt, it has no `waId`. */
export function sentMessageDelivered(input: WatiStatusPayloadInput) {
  return receiptV1('sentMessageDELIVERED', 'Delivered', input);
}

/** `sentMessageDELIVERED_v2`: adds `localMessageId` and the channel. */
export function sentMessageDeliveredV2(input: WatiStatusPayloadInput) {
  return receiptV2('sentMessageDELIVERED_v2', 'Delivered', input);
}

/** `sentMessageREAD` (v1); unlike DELIVERED v1, WATI's sample already carries the channel fields. */
export function sentMessageRead(input: WatiStatusPayloadInput) {
  return {
    ...receiptV1('sentMessageREAD', 'Read', input),
    channelId: null,
    channelPhoneNumber: input.channelPhoneNumber ?? DEFAULT_CHANNEL,
  };
}

/** `sentMessageREAD_v2`. */
export function sentMessageReadV2(input: WatiStatusPayloadInput) {
  return receiptV2('sentMessageREAD_v2', 'Read', input);
}

/** `sentMessageREPLIED` (v1): reports on the business message the contact replied to. */
export function sentMessageReplied(input: WatiStatusPayloadInput) {
  return receiptV1('sentMessageREPLIED', 'Replied', input);
}

/** `sentMessageREPLIED_v2`. */
export function sentMessageRepliedV2(input: WatiStatusPayloadInput) {
  return receiptV2('sentMessageREPLIED_v2', 'Replied', input);
}

/** `templateMessageFailed` (one name for v1 and v2, yet it carries `localMessageId`); default code 131026. */
export function templateMessageFailed(input: WatiFailedPayloadInput) {
  return {
    eventType: 'templateMessageFailed' as const,
    statusString: 'Failed' as const,
    localMessageId: input.localMessageId === undefined ? watiLocalMessageId() : input.localMessageId,
    failedCode: input.failedCode ?? '131026',
    failedDetail: input.failedDetail ?? 'Message undeliverable',
    ...ids(input),
    text: input.text ?? null,
    type: 'template' as const,
    timestamp: unixSecondsString(input.timestamp ?? new Date()),
    assigneeId: input.assigneeId ?? null,
    operatorEmail: input.operatorEmail ?? DEFAULT_OPERATOR_EMAIL,
  };
}

/** `sessionMessageFailed` (2026 docs): `type` is the literal `session`, as in WATI's sample. */
export function sessionMessageFailed(input: WatiFailedPayloadInput) {
  const { id, conversationId, ticketId } = ids(input);
  return {
    eventType: 'sessionMessageFailed' as const,
    id,
    conversationId,
    ticketId,
    localMessageId: input.localMessageId ?? null,
    type: 'session' as const,
    statusString: 'Failed' as const,
    text: input.text ?? null,
    timestamp: unixSecondsString(input.timestamp ?? new Date()),
    failedCode: input.failedCode ?? '131026',
    failedDetail: input.failedDetail ?? 'Message could not be delivered.',
  };
}
