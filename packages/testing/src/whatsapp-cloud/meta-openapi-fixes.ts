import { addConditional, expectValue, node, type SchemaMap, type SchemaNode, walk } from './schema-nodes.js';

/** One correction applied to Meta's schemas when the emulator loads them. */
export interface MetaOpenApiFix {
  /** Stable identifier, e.g. `language-policy-optional`. */
  readonly id: string;
  /** What is wrong in Meta's file and what the fix changes, with the source that proves the defect. */
  readonly summary: string;
  /** Mutates the schema map in place; throws when the defect it fixes is no longer where it was. */
  apply(schemas: SchemaMap): void;
}

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

const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'copy_code', 'catalog', 'mpm', 'flow', 'voice_call'];
const NUMBER_OR_STRING = ['number', 'string'];

/**
 * The defects of Meta's `business-messaging-api_v23.0.yaml` (commit ecba623) that make it reject valid
 * requests or accept invalid ones, and how the emulator corrects them at load time. Applied in this order.
 *
 * Sources: `openapi/README.md` of this package (defects 1–6 listed by the file's importer) and the research
 * note on the Cloud API (defects 7–16, each checked against Meta's own request examples).
 *
 * @example
 * ```ts
 * import { META_OPENAPI_FIXES } from '@switchboard/testing';
 * console.log(META_OPENAPI_FIXES.map((fix) => `${fix.id}: ${fix.summary}`).join('\n'));
 * ```
 */
export const META_OPENAPI_FIXES: readonly MetaOpenApiFix[] = [
  {
    id: 'template-button-components',
    summary:
      'TemplateComponent/ButtonComponent `index` is a string with the character class `^[2-6, 11-14]$` (rejects "0", ' +
      '"1" and numbers, which Meta\'s own examples send): now a string or integer 0–9. `sub_type` lacked copy_code, ' +
      "flow, mpm, voice_call and the upper-case spelling of Meta's catalog example: all accepted. Button " +
      'parameters gain `coupon_code` and `action`; header parameters gain `location` (latitude/longitude required).',
    apply(schemas) {
      const index = { type: ['string', 'integer'], pattern: '^[0-9]$', minimum: 0, maximum: 9 };
      const subType = {
        type: 'string',
        enum: [...BUTTON_SUB_TYPES, ...BUTTON_SUB_TYPES.map((s) => s.toUpperCase())],
      };
      for (const properties of [
        node(schemas, 'TemplateComponent', 'properties'),
        node(schemas, 'ButtonComponent', 'allOf', 1, 'properties'),
      ]) {
        expectValue(properties, 'index', 'pattern', '^[2-6, 11-14]$');
        properties.index = { ...index, type: [...index.type] };
        properties.sub_type = { ...subType, enum: [...subType.enum] };
      }
      const buttonType = node(schemas, 'ButtonParameterObject', 'properties', 'type');
      buttonType.enum = ['payload', 'text', 'coupon_code', 'action'];
      const buttonParameter = node(schemas, 'ButtonParameterObject');
      addConditional(buttonParameter, 'coupon_code', {
        required: ['coupon_code'],
        properties: { coupon_code: { type: 'string', minLength: 1, maxLength: 15 } },
      });
      addConditional(buttonParameter, 'action', {
        required: ['action'],
        properties: { action: { type: 'object' } },
      });
      const parameterType = node(schemas, 'ParameterObject', 'properties', 'type');
      parameterType.enum = [...(parameterType.enum as string[]), 'location'];
      addConditional(node(schemas, 'ParameterObject'), 'location', {
        required: ['location'],
        properties: {
          location: {
            type: 'object',
            required: ['latitude', 'longitude'],
            properties: {
              latitude: { type: NUMBER_OR_STRING },
              longitude: { type: NUMBER_OR_STRING },
              name: { type: 'string' },
              address: { type: 'string' },
            },
          },
        },
      });
    },
  },
  {
    id: 'discriminators-as-conditions',
    summary:
      'OpenAPI `discriminator` is not JSON Schema, and Ajv cannot use its mappings. Where a mapped schema extends ' +
      'the discriminated one (`allOf: [Base, Extra]`: TemplateComponent, ParameterObject, ButtonParameterObject), ' +
      'the mapping becomes `if: { type: const } then: Extra` on the base, so template parameters are still checked ' +
      "per type. Elsewhere (Message's oneOf) the discriminator is dropped.",
    apply(schemas) {
      for (const [name, schema] of Object.entries(schemas)) {
        const discriminator = schema.discriminator as
          | { propertyName: string; mapping?: Record<string, string> }
          | undefined;
        if (discriminator === undefined) continue;
        delete schema.discriminator;
        for (const [value, ref] of Object.entries(discriminator.mapping ?? {})) {
          const target = schemas[ref.replace('#/components/schemas/', '')];
          const allOf = target?.allOf as SchemaNode[] | undefined;
          if (allOf?.[0]?.$ref !== `#/components/schemas/${name}`) continue;
          addConditional(schema, value, { allOf: allOf.slice(1) }, discriminator.propertyName);
        }
      }
      // Nested discriminators (inside inline schemas of webhook payloads) are not used by the emulator but
      // would still trip Ajv: drop them too.
      walk(schemas, (child) => {
        delete child.discriminator;
      });
    },
  },
  {
    id: 'closed-message-types',
    summary:
      'Every message type is `allOf: [BaseMessageProperties, { additionalProperties: false, … }]`, so the closed ' +
      "branch rejects `messaging_product`, `to`… and a valid text message fails (README defect 1). Each branch's " +
      '`additionalProperties: false` moves to `unevaluatedProperties: false` on the `allOf` parent, which sees the ' +
      'properties of every branch. TemplateMessage, the one message type left open, is closed the same way.',
    apply(schemas) {
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
  },
  {
    id: 'language-policy-optional',
    summary:
      'LanguageObject requires the legacy `policy` field that no current client sends (README defect 2): only ' +
      '`code` is required now.',
    apply(schemas) {
      node(schemas, 'LanguageObject').required = ['code'];
    },
  },
  {
    id: 'base-message-properties',
    summary:
      'BaseMessageProperties requires `recipient_type`, which Meta defaults to "individual" and its own examples ' +
      'omit; it lacks `biz_opaque_callback_data` (≤ 512 chars, echoed in status webhooks) and the 2026 `recipient` ' +
      '(business-scoped user id) that may replace `to` (README defect 3). Now required: `messaging_product` ' +
      '("whatsapp"), `type`, and `to` or `recipient`.',
    apply(schemas) {
      const base = node(schemas, 'BaseMessageProperties');
      const properties = node(schemas, 'BaseMessageProperties', 'properties');
      properties.messaging_product = { type: 'string', const: 'whatsapp' };
      properties.biz_opaque_callback_data = { type: 'string', maxLength: 512 };
      properties.recipient = { type: 'string', minLength: 1 };
      base.required = ['messaging_product', 'type'];
      base.anyOf = [{ required: ['to'] }, { required: ['recipient'] }];
    },
  },
  {
    id: 'named-template-parameters',
    summary:
      'Template parameters have no `parameter_name`, needed for templates created with `parameter_format: NAMED` ' +
      '(README defect 3): added as an optional lower-case snake_case name.',
    apply(schemas) {
      node(schemas, 'ParameterObject', 'properties').parameter_name = {
        type: 'string',
        pattern: '^[a-z_][a-z0-9_]*$',
      };
    },
  },
  {
    id: 'text-body-length',
    summary:
      'The send schema of `text.body` has no length limit and does not require it (README defect 4; its ' +
      'webhook twin TextMessage_1 has maxLength 4096): now required, 1–4096 characters.',
    apply(schemas) {
      const text = node(schemas, 'TextMessage', 'allOf', 1, 'properties', 'text');
      text.required = ['body'];
      node(text, 'properties', 'body').minLength = 1;
      node(text, 'properties', 'body').maxLength = 4096;
    },
  },
  {
    id: 'location-coordinates-numbers',
    summary:
      "Outbound `location.latitude`/`longitude` are typed `string` while Meta's examples and every client send " +
      'numbers (README defect 5): numbers and numeric strings are accepted, and both are required.',
    apply(schemas) {
      const location = node(schemas, 'LocationMessage', 'allOf', 1, 'properties', 'location');
      for (const axis of ['latitude', 'longitude'])
        node(location, 'properties', axis).type = NUMBER_OR_STRING;
      location.required = ['latitude', 'longitude'];
    },
  },
  {
    id: 'contact-phone-type-and-name',
    summary:
      "PhoneObject.type allows only HOME|WORK, rejecting CELL, MAIN, IPHONE (Meta's docs) and MOBILE (what " +
      'WhatsApp itself sends): the enum is removed. NameObject requires nothing although Meta requires ' +
      '`formatted_name`: now required.',
    apply(schemas) {
      delete node(schemas, 'PhoneObject', 'properties', 'type').enum;
      node(schemas, 'NameObject').required = ['formatted_name'];
    },
  },
  {
    id: 'reaction-required-fields',
    summary:
      'The reaction object requires nothing, so `reaction: {}` passes: `message_id` and `emoji` are required ' +
      '(an empty `emoji` removes a reaction, as Meta documents).',
    apply(schemas) {
      node(schemas, 'ReactionMessage', 'allOf', 1, 'properties', 'reaction').required = [
        'message_id',
        'emoji',
      ];
    },
  },
  {
    id: 'mark-read-and-typing',
    summary:
      'MarkMessageRequestPayload has no `typing_indicator` and accepts any `status`: it now allows ' +
      '`typing_indicator: { type: "text" }`, requires `status: "read"` and `messaging_product: "whatsapp"`, and ' +
      'rejects unknown keys.',
    apply(schemas) {
      const payload = node(schemas, 'MarkMessageRequestPayload');
      const properties = node(payload, 'properties');
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
  },
  {
    id: 'business-profile-limits',
    summary:
      "The profile update caps `description` at 256 characters where Meta's documentation says 512, and lets " +
      'websites use any URI scheme where Meta requires http:// or https://: both follow the documentation.',
    apply(schemas) {
      const properties = node(schemas, 'WhatsAppBusinessProfileUpdateRequest', 'properties');
      expectValue(properties, 'description', 'maxLength', 256);
      node(properties, 'description').maxLength = 512;
      node(properties, 'websites', 'items').pattern = '^https?://';
    },
  },
];

/** Applies every fix of {@link META_OPENAPI_FIXES} to `schemas`, in order. */
export function applyMetaOpenApiFixes(schemas: SchemaMap): void {
  for (const fix of META_OPENAPI_FIXES) {
    try {
      fix.apply(schemas);
    } catch (error) {
      throw new Error(`Meta OpenAPI fix "${fix.id}" no longer applies to the vendored file`, {
        cause: error,
      });
    }
  }
}
