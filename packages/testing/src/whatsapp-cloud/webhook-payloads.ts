/** Message status values of Cloud API status webhooks (`played`: a voice message was first played). */
export type CloudStatusValue = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

/** Category a message is billed as, in status webhooks' `pricing` and `conversation.origin`. */
export type CloudPricingCategory = 'marketing' | 'utility' | 'authentication' | 'service';

/** A message object of an inbound webhook: `from`, `id`, `timestamp`, `type` and the member named by `type`. */
export interface CloudInboundMessage {
  /** The sender's phone number; absent for a user known only by BSUID (`from_user_id`). */
  from?: string;
  /** The sender's business-scoped user id (since 2026). */
  from_user_id?: string;
  id: string;
  /** Unix seconds, as a string. */
  timestamp: string;
  type: string;
  [key: string]: unknown;
}

/** Error object of a `failed` status (webhook error shape, not the Graph error body). */
export interface CloudWebhookError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

/** One entry of `value.statuses`. */
export interface CloudStatusObject {
  id: string;
  status: CloudStatusValue;
  timestamp: string;
  recipient_id?: string;
  recipient_user_id?: string;
  biz_opaque_callback_data?: string;
  /** `expiration_timestamp` is only on the `sent` status, as Meta documents. */
  conversation?: { id: string; expiration_timestamp?: string; origin: { type: CloudPricingCategory } };
  pricing?: { billable: boolean; pricing_model: 'PMP'; category: CloudPricingCategory; type: string };
  errors?: CloudWebhookError[];
}

/** A `contacts[]` entry: the profile, and the user's phone (`wa_id`) and/or BSUIDs. */
export interface CloudWebhookContact {
  profile: { name: string; username?: string };
  wa_id?: string;
  user_id?: string;
  parent_user_id?: string;
}

/** `entry[].changes[].value` of a `messages` webhook. */
export interface CloudWebhookValue {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  contacts?: CloudWebhookContact[];
  messages?: CloudInboundMessage[];
  statuses?: CloudStatusObject[];
}

/** A Cloud API webhook body (`object: 'whatsapp_business_account'`). */
export interface CloudWebhookPayload {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { value: CloudWebhookValue; field: 'messages' }[] }[];
}

/** Which account and number a webhook is about. */
export interface CloudWebhookMetadata {
  /** WhatsApp Business Account id: `entry[].id`. */
  businessAccountId: string;
  phoneNumberId: string;
  /** Any format; the webhook carries its digits (`+1 555-078-3881` → `15550783881`). */
  displayPhoneNumber: string;
}

/** Input of {@link buildCloudMessageWebhook}. */
export interface CloudMessageWebhookInput extends CloudWebhookMetadata {
  /**
   * The sender: `wa_id` and profile name, or a `contacts[]` entry as Meta writes it (for a user known
   * by BSUID: `{ profile: { name, username }, user_id, parent_user_id }`, `wa_id` when they show it).
   */
  contact: { waId: string; name: string } | CloudWebhookContact;
  message: CloudInboundMessage;
}

/** Input of {@link buildCloudStatusWebhook}. */
export interface CloudStatusWebhookInput extends CloudWebhookMetadata {
  /** The `wamid.` of the message the status is about. */
  messageId: string;
  status: CloudStatusValue;
  timestamp: Date;
  /** The recipient's phone number (digits); absent for messages sent by business-scoped user id. */
  recipientId?: string;
  /** The recipient's business-scoped user id, for messages sent by BSUID. */
  recipientUserId?: string;
  /** Echoed from the send request. */
  bizOpaqueCallbackData?: string;
  /**
   * Adds `pricing` (and `conversation`, when given) to a non-failed status. The conversation's expiry is
   * only sent with `sent`: Meta documents `expiration_timestamp` as "only present for messages with a
   * status set to sent".
   */
  pricingCategory?: CloudPricingCategory;
  conversation?: { id: string; expiresAt: Date };
  /** For `failed` statuses; defaults to 131000 "Something went wrong". */
  error?: { code: number; title: string; details?: string };
}

/**
 * Builds the webhook Meta POSTs when a user sends a message to the business.
 *
 * @example
 * ```ts
 * const payload = buildCloudMessageWebhook({
 *   businessAccountId: '102290129340398',
 *   phoneNumberId: '106540352242922',
 *   displayPhoneNumber: '+1 555-078-3881',
 *   contact: { waId: '16505551234', name: 'Sheena Nelson' },
 *   message: { from: '16505551234', id: 'wamid.HBgL…', timestamp: '1749416383', type: 'text', text: { body: 'Hi' } },
 * });
 * ```
 */
export function buildCloudMessageWebhook(input: CloudMessageWebhookInput): CloudWebhookPayload {
  return envelope(input, {
    messaging_product: 'whatsapp',
    metadata: metadataOf(input),
    contacts: [
      'waId' in input.contact
        ? { profile: { name: input.contact.name }, wa_id: input.contact.waId }
        : input.contact,
    ],
    messages: [input.message],
  });
}

/**
 * Builds the webhook Meta POSTs when an outbound message changes status. Non-failed statuses carry `pricing`
 * (and `conversation`) when a pricing category is given; `failed` ones carry `errors` instead, as Meta does.
 *
 * @example
 * ```ts
 * const payload = buildCloudStatusWebhook({
 *   businessAccountId: '102290129340398',
 *   phoneNumberId: '106540352242922',
 *   displayPhoneNumber: '15550783881',
 *   messageId: 'wamid.HBgL…',
 *   status: 'delivered',
 *   timestamp: new Date(),
 *   recipientId: '16505551234',
 *   pricingCategory: 'utility',
 * });
 * ```
 */
export function buildCloudStatusWebhook(input: CloudStatusWebhookInput): CloudWebhookPayload {
  const status: CloudStatusObject = {
    id: input.messageId,
    status: input.status,
    timestamp: unixSeconds(input.timestamp),
  };
  if (input.recipientId !== undefined) status.recipient_id = input.recipientId;
  if (input.recipientUserId !== undefined) status.recipient_user_id = input.recipientUserId;
  if (input.bizOpaqueCallbackData !== undefined)
    status.biz_opaque_callback_data = input.bizOpaqueCallbackData;
  if (input.status === 'failed') {
    const error = input.error ?? { code: 131000, title: 'Something went wrong' };
    status.errors = [
      {
        code: error.code,
        title: error.title,
        message: error.title,
        error_data: { details: error.details ?? error.title },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
  } else if (input.pricingCategory !== undefined) {
    const category = input.pricingCategory;
    if (input.conversation !== undefined) {
      status.conversation = {
        id: input.conversation.id,
        ...(input.status === 'sent'
          ? { expiration_timestamp: unixSeconds(input.conversation.expiresAt) }
          : {}),
        origin: { type: category },
      };
    }
    // Per-message pricing: service replies inside the customer-service window are free.
    const billable = category !== 'service';
    status.pricing = {
      billable,
      pricing_model: 'PMP',
      category,
      type: billable ? 'regular' : 'free_customer_service',
    };
  }
  return envelope(input, { messaging_product: 'whatsapp', metadata: metadataOf(input), statuses: [status] });
}

/** Unix seconds as the string Meta puts in webhook timestamps. */
export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}

function metadataOf(input: CloudWebhookMetadata): CloudWebhookValue['metadata'] {
  return {
    display_phone_number: input.displayPhoneNumber.replace(/\D/g, ''),
    phone_number_id: input.phoneNumberId,
  };
}

function envelope(input: CloudWebhookMetadata, value: CloudWebhookValue): CloudWebhookPayload {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: input.businessAccountId, changes: [{ value, field: 'messages' }] }],
  };
}
