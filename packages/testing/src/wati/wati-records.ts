import type { EmulatorWebhookDelivery } from '../emulator-kit/webhook-dispatcher.js';

/** A `{ name, value }` pair: contact attributes and template parameters on the WATI wire. */
export interface WatiNameValue {
  name: string;
  value: string;
}

/** A contact held by the emulator. `waId` is the number, digits only. */
export interface WatiContactRecord {
  id: string;
  waId: string;
  /** Profile or given name; `undefined` makes WATI show the `+`-prefixed number instead. */
  name: string | undefined;
  /** Attributes in WATI order; `name` and `phone` are seeded the way WATI seeds them. */
  customParams: WatiNameValue[];
  /** `VALID`, or `INVALID` for a number configured as not on WhatsApp. */
  contactStatus: 'VALID' | 'INVALID';
  created: Date;
  lastUpdated: Date;
  /** The last message the contact sent; opens the 24-hour session window. */
  lastInboundAt: Date | undefined;
  conversationId: string;
  ticketId: string;
  /** Set by `assignOperator`; status webhooks name this operator. */
  operatorEmail: string | undefined;
  /**
   * The contact's business-scoped user id (`US.13491208655302741918`), which V3 conversation
   * endpoints and template recipients accept as a `target` (alone or as `Channel:BSUID`), and which
   * BSUID-first webhooks carry. `undefined`: the contact cannot be addressed by BSUID. Set it with
   * the `bsuid` of a seeded contact, or on a live record (`state.contacts.get(number).bsuid = …`).
   */
  bsuid: string | undefined;
}

/** A typing indicator the emulator accepted (`POST /api/ext/v3/conversations/typingIndicator`). */
export interface WatiTypingIndicatorRecord {
  /** The number of the contact the target resolved to. */
  waId: string;
  /** The `target` as sent (number, BSUID, contact or conversation id, optionally `Channel:` first). */
  target: string;
  /** The `Channel:` part of the target, `undefined` for the default channel. */
  channel: string | undefined;
  conversationId: string;
  at: Date;
}

/** Delivery state of a stored message, in WATI's `statusString` spelling for history items. */
export type WatiMessageStatus = 'SENT' | 'DELIVERED' | 'READ' | 'REPLIED' | 'FAILED';

/** The template a template message was sent from. */
export interface WatiSentTemplate {
  id: string;
  name: string;
  broadcastName: string;
  parameters: WatiNameValue[];
}

/** Media attached to a stored message. */
export interface WatiMessageMedia {
  /** The `getMedia` file name (`data/images/<uuid>.jpg`); absent for media sent by URL. */
  fileName: string | undefined;
  mimeType: string;
  caption: string | null;
  /** The public URL the media was sent from (`sendSessionFileViaUrl`). */
  url: string | undefined;
}

/**
 * A message in the emulator's history, in either direction.
 *
 * `kind` says which WATI event family reports on it: `session` (text, file and interactive sends),
 * `template`, or `inbound` (a message the contact sent).
 */
export interface WatiMessageRecord {
  id: string;
  whatsappMessageId: string;
  localMessageId: string | null;
  waId: string;
  conversationId: string;
  ticketId: string;
  owner: boolean;
  kind: 'session' | 'template' | 'inbound';
  /** WATI message type: `text`, `image`, `document`, `interactive`, `template`, `button`, … */
  type: string;
  text: string | null;
  /** The webhook `data` field: a media URL, a location object, or `null`. */
  data: unknown;
  media: WatiMessageMedia | undefined;
  /** The `whatsappMessageId` this message quotes, `''` when none (WATI's spelling of "no reply"). */
  replyContextId: string;
  created: Date;
  statusString: WatiMessageStatus;
  failedDetail: string | null;
  senderName: string | null;
  template: WatiSentTemplate | undefined;
  /** The request body of an interactive send, echoed as WATI's `interactiveData`. */
  interactiveData: unknown;
  /** Type-specific fields of an inbound message (`listReply`, `interactiveButtonReply`, `buttonReply`), as its webhook carried them. */
  inboundExtras: Record<string, unknown>;
  operatorEmail: string | null;
}

/** Bytes stored for `getMedia`, from an upload or a simulated inbound media message. */
export interface WatiMediaRecord {
  fileName: string;
  mimeType: string;
  /** The file name it was uploaded (or simulated) with. */
  filename: string;
  bytes: Uint8Array;
}

/** One attempt to deliver one webhook event, successful or not: the shared record plus the `eventType`. */
export interface WatiWebhookDelivery extends EmulatorWebhookDelivery<Record<string, unknown>> {
  /** The payload's `eventType`, e.g. `sentMessageDELIVERED_v2`. */
  eventType: string;
}
