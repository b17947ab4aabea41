import type { MetaOpenApiFix } from './meta-openapi-fixes.js';
import { expectDefect, node, type SchemaNode, walk } from './schema-nodes.js';

// The fixes to message bodies, mark-as-read and the business profile in Meta's file. Each first checks
// that its defect is still there.

const DISCRIMINATED_MESSAGE_TYPES = [
  'TextMessage',
  'AudioMessage',
  'DocumentMessage',
  'ImageMessage',
  'LocationMessage',
  'VideoMessage',
  'StickerMessage',
  'ReactionMessage',
  'InteractiveMessage',
  'TemplateMessage',
  'ContactsMessage',
] as const;

const NUMBER_OR_STRING = ['number', 'string'];

/** Closed `allOf` branches that reject every valid message. */
export const closedMessageTypes: MetaOpenApiFix = {
  id: 'closed-message-types',
  summary:
    'Every message type is `allOf: [BaseMessageProperties, { additionalProperties: false, … }]`, so the closed ' +
    "branch rejects `messaging_product`, `to`… and a valid text message fails. Each branch's " +
    '`additionalProperties: false` moves to `unevaluatedProperties: false` on the `allOf` parent, which sees the ' +
    'properties of every branch. TemplateMessage, the one message type left open, is closed the same way.',
  apply(schemas) {
    expectDefect(node(schemas, 'TextMessage', 'allOf', 1), 'additionalProperties', false);
    expectDefect(node(schemas, 'TemplateMessage', 'allOf', 1), 'additionalProperties', undefined);
    walk(schemas, (child) => {
      const allOf = child.allOf as SchemaNode[] | undefined;
      if (!Array.isArray(allOf)) return;
      let closed = false;
      for (const branch of allOf) {
        if (branch.additionalProperties === false) {
          delete branch.additionalProperties;
          closed = true;
        }
      }
      if (closed) child.unevaluatedProperties = false;
    });
    for (const name of DISCRIMINATED_MESSAGE_TYPES) node(schemas, name).unevaluatedProperties = false;
  },
};

/** What every message must and may carry. */
export const baseMessageProperties: MetaOpenApiFix = {
  id: 'base-message-properties',
  summary:
    'BaseMessageProperties requires `recipient_type`, which Meta defaults to "individual" and its own examples ' +
    'omit; it lacks `biz_opaque_callback_data` (≤ 512 chars, echoed in status webhooks) and the 2026 `recipient` ' +
    "(business-scoped user id, or parent BSUID, in Meta's format) that may replace `to`. Now " +
    'required: `messaging_product` ' +
    '("whatsapp"), `type`, and `to` or `recipient`.',
  apply(schemas) {
    const base = node(schemas, 'BaseMessageProperties');
    const properties = node(base, 'properties');
    expectDefect(base, 'required', ['messaging_product', 'recipient_type', 'to', 'type']);
    expectDefect(properties, 'biz_opaque_callback_data', undefined);
    properties.messaging_product = { type: 'string', const: 'whatsapp' };
    properties.biz_opaque_callback_data = { type: 'string', maxLength: 512 };
    // A BSUID or parent BSUID: country code, period, [ENT.,] up to 128 letters and digits (Meta's
    // "Business-scoped user IDs" page, e.g. US.13491208655302741918).
    properties.recipient = { type: 'string', pattern: '^[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}$' };
    base.required = ['messaging_product', 'type'];
    base.anyOf = [{ required: ['to'] }, { required: ['recipient'] }];
  },
};

/** A text body is required and at most 4096 characters. */
export const textBodyLength: MetaOpenApiFix = {
  id: 'text-body-length',
  summary:
    'The send schema of `text.body` has no length limit and does not require it (its ' +
    'webhook twin TextMessage_1 has maxLength 4096): now required, 1–4096 characters.',
  apply(schemas) {
    const text = node(schemas, 'TextMessage', 'allOf', 1, 'properties', 'text');
    const body = node(text, 'properties', 'body');
    expectDefect(text, 'required', undefined);
    expectDefect(body, 'maxLength', undefined);
    text.required = ['body'];
    body.minLength = 1;
    body.maxLength = 4096;
  },
};

/** Coordinates are numbers, and required. */
export const locationCoordinatesNumbers: MetaOpenApiFix = {
  id: 'location-coordinates-numbers',
  summary:
    "Outbound `location.latitude`/`longitude` are typed `string` while Meta's examples and every client send " +
    'numbers: numbers and numeric strings are accepted, and both are required.',
  apply(schemas) {
    const location = node(schemas, 'LocationMessage', 'allOf', 1, 'properties', 'location');
    for (const axis of ['latitude', 'longitude']) {
      const coordinate = node(location, 'properties', axis);
      expectDefect(coordinate, 'type', 'string');
      coordinate.type = NUMBER_OR_STRING;
    }
    location.required = ['latitude', 'longitude'];
  },
};

/** Contact phone types WhatsApp uses, and the name Meta requires. */
export const contactPhoneTypeAndName: MetaOpenApiFix = {
  id: 'contact-phone-type-and-name',
  summary:
    "PhoneObject.type allows only HOME|WORK, rejecting CELL, MAIN, IPHONE (Meta's docs) and MOBILE (what " +
    'WhatsApp itself sends): the enum is removed. NameObject requires nothing although Meta requires ' +
    '`formatted_name`: now required.',
  apply(schemas) {
    const phoneType = node(schemas, 'PhoneObject', 'properties', 'type');
    const name = node(schemas, 'NameObject');
    expectDefect(phoneType, 'enum', ['HOME', 'WORK']);
    expectDefect(name, 'required', undefined);
    delete phoneType.enum;
    name.required = ['formatted_name'];
  },
};

/** A reaction names its message and its emoji. */
export const reactionRequiredFields: MetaOpenApiFix = {
  id: 'reaction-required-fields',
  summary:
    'The reaction object requires nothing, so `reaction: {}` passes: `message_id` and `emoji` are required ' +
    '(an empty `emoji` removes a reaction, as Meta documents).',
  apply(schemas) {
    const reaction = node(schemas, 'ReactionMessage', 'allOf', 1, 'properties', 'reaction');
    expectDefect(reaction, 'required', undefined);
    reaction.required = ['message_id', 'emoji'];
  },
};

/** Mark-as-read with the typing indicator, and nothing else. */
export const markReadAndTyping: MetaOpenApiFix = {
  id: 'mark-read-and-typing',
  summary:
    'MarkMessageRequestPayload has no `typing_indicator` and accepts any `status`: it now allows ' +
    '`typing_indicator: { type: "text" }`, requires `status: "read"` and `messaging_product: "whatsapp"`, and ' +
    'rejects unknown keys.',
  apply(schemas) {
    const payload = node(schemas, 'MarkMessageRequestPayload');
    const properties = node(payload, 'properties');
    expectDefect(properties, 'typing_indicator', undefined);
    expectDefect(payload, 'additionalProperties', undefined);
    properties.status = { type: 'string', const: 'read' };
    properties.messaging_product = { type: 'string', const: 'whatsapp' };
    properties.typing_indicator = {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'text' } },
      additionalProperties: false,
    };
    payload.additionalProperties = false;
  },
};

/** The profile limits Meta documents. */
export const businessProfileLimits: MetaOpenApiFix = {
  id: 'business-profile-limits',
  summary:
    "The profile update caps `description` at 256 characters where Meta's documentation says 512, and lets " +
    'websites use any URI scheme where Meta requires http:// or https://: both follow the documentation.',
  apply(schemas) {
    const properties = node(schemas, 'WhatsAppBusinessProfileUpdateRequest', 'properties');
    const description = node(properties, 'description');
    const website = node(properties, 'websites', 'items');
    expectDefect(description, 'maxLength', 256);
    expectDefect(website, 'pattern', undefined);
    description.maxLength = 512;
    website.pattern = '^https?://';
  },
};
