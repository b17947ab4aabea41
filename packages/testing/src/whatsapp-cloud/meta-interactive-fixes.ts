import type { MetaOpenApiFix } from './meta-openapi-fixes.js';
import { expectDefect, node, type SchemaNode } from './schema-nodes.js';

// Interactive message types Meta documents but its OpenAPI file (v23.0, commit ecba623) lacks.

/** CTA URL buttons and location requests, as Meta documents them. */
export const ctaUrlAndLocationRequest: MetaOpenApiFix = {
  id: 'cta-url-and-location-request',
  summary:
    'InteractiveObject.type lacks `cta_url` and `location_request_message`, and ActionObject has no branch for ' +
    'their actions, so the documented messages that other clients (whatsapp-api-js among them) send are ' +
    'rejected. Added as Meta documents them: `cta_url` with `action: { name: "cta_url", parameters: ' +
    '{ display_text (≤ 20), url (http/https) } }` (https://developers.facebook.com/documentation/business-messaging/' +
    'whatsapp/messages/interactive-cta-url-messages/) and `location_request_message` with `action: { name: ' +
    '"send_location" }` (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/' +
    'location-request-messages/). Which action and parts each interactive type takes is checked by the ' +
    "emulator's message rules.",
  apply(schemas) {
    const type = node(schemas, 'InteractiveObject', 'properties', 'type');
    const enumValues = type.enum as string[];
    expectDefect({ has: enumValues.includes('cta_url') }, 'has', false);
    expectDefect({ has: enumValues.includes('location_request_message') }, 'has', false);
    type.enum = [...enumValues, 'cta_url', 'location_request_message'];
    const action = node(schemas, 'ActionObject');
    const branches = action.oneOf as SchemaNode[];
    branches.push(
      {
        required: ['name', 'parameters'],
        properties: {
          name: { type: 'string', enum: ['cta_url'] },
          parameters: {
            type: 'object',
            required: ['display_text', 'url'],
            additionalProperties: false,
            properties: {
              display_text: { type: 'string', minLength: 1, maxLength: 20 },
              url: { type: 'string', pattern: '^https?://[^\\s]+$' },
            },
          },
        },
      },
      {
        required: ['name'],
        properties: { name: { type: 'string', enum: ['send_location'] } },
      },
    );
  },
};
