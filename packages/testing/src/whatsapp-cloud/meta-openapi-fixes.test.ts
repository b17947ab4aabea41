import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMetaSchemas, META_OPENAPI_FILE } from './meta-openapi.js';
import { applyMetaOpenApiFixes, META_OPENAPI_FIXES } from './meta-openapi-fixes.js';
import { MESSAGE_TYPE_SCHEMAS, type MetaSchemaName, MetaSchemaValidator } from './meta-schema-validator.js';
import type { SchemaMap } from './schema-nodes.js';

// The whole file, parsed once for this file's tests (parsing it is the slow part): never mutated, every
// test that changes schemas works on a clone.
const metaDocument = parse(readFileSync(META_OPENAPI_FILE, 'utf8')) as {
  components: { schemas: SchemaMap };
  // biome-ignore lint/suspicious/noExplicitAny: the examples are read from Meta's free-form `paths`.
  paths: any;
};
const rawSchemas = metaDocument.components.schemas;

/** Whether `body` passes `name` when every fix except `skipped` is applied: proves what that one fix changes. */
function passesWithout(skipped: string, name: MetaSchemaName, body: unknown): boolean {
  const schemas = structuredClone(rawSchemas);
  for (const fix of META_OPENAPI_FIXES) if (fix.id !== skipped) fix.apply(schemas);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  formatsModule.default(ajv);
  ajv.addSchema({ $id: 'meta.json', components: { schemas } });
  return ajv.validate({ $ref: `meta.json#/components/schemas/${name}` }, body);
}

let validator: MetaSchemaValidator;
beforeAll(async () => {
  validator = await MetaSchemaValidator.load();
});

const base = { messaging_product: 'whatsapp', to: '16505551234' };
const text = { ...base, recipient_type: 'individual', type: 'text', text: { body: 'Hello' } };
const template = (components: unknown[], language: Record<string, unknown> = { code: 'en_US' }) => ({
  ...base,
  type: 'template',
  template: { name: 'seasonal_promo', language, components },
});

/** [fix, schema, body, accepted once fixed]: without the fix the verdict is the opposite. */
const cases: [string, MetaSchemaName, unknown, boolean][] = [
  ['closed-message-types', 'TextMessage', text, true],
  ['closed-message-types', 'TemplateMessage', { ...template([]), priority: 'high' }, false],
  [
    'discriminators-as-conditions',
    'TemplateMessage',
    template([{ type: 'body', parameters: [{ type: 'text' }] }]),
    false,
  ],
  ['language-policy-optional', 'TemplateMessage', template([]), true],
  [
    'base-message-properties',
    'TextMessage',
    { ...base, type: 'text', text: { body: 'No recipient_type' } },
    true,
  ],
  ['base-message-properties', 'TextMessage', { ...text, biz_opaque_callback_data: 'order-42' }, true],
  [
    'named-template-parameters',
    'TemplateMessage',
    template([{ type: 'body', parameters: [{ type: 'text', parameter_name: 'Customer Name', text: 'J' }] }]),
    false,
  ],
  ['text-body-length', 'TextMessage', { ...text, text: { body: 'x'.repeat(4097) } }, false],
  [
    'location-coordinates-numbers',
    'LocationMessage',
    { ...base, type: 'location', location: { latitude: 37.48, longitude: -122.14 } },
    true,
  ],
  [
    'template-button-components',
    'TemplateMessage',
    template([
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '0',
        parameters: [{ type: 'payload', payload: 'STOP' }],
      },
    ]),
    true,
  ],
  [
    'template-button-components',
    'TemplateMessage',
    template([
      {
        type: 'button',
        sub_type: 'copy_code',
        index: 1,
        parameters: [{ type: 'coupon_code', coupon_code: 'SAVE25' }],
      },
    ]),
    true,
  ],
  [
    'template-button-components',
    'TemplateMessage',
    template([
      {
        type: 'header',
        parameters: [{ type: 'location', location: { latitude: 37.48, longitude: -122.14 } }],
      },
    ]),
    true,
  ],
  [
    'contact-phone-type-and-name',
    'ContactsMessage',
    {
      ...base,
      type: 'contacts',
      contacts: [{ name: { formatted_name: 'Jo' }, phones: [{ phone: '+1 555', type: 'CELL' }] }],
    },
    true,
  ],
  [
    'contact-phone-type-and-name',
    'ContactsMessage',
    { ...base, type: 'contacts', contacts: [{ name: { first_name: 'Jo' } }] },
    false,
  ],
  ['reaction-required-fields', 'ReactionMessage', { ...base, type: 'reaction', reaction: {} }, false],
  [
    'mark-read-and-typing',
    'MarkMessageRequestPayload',
    { messaging_product: 'whatsapp', status: 'delivered', message_id: 'wamid.X' },
    false,
  ],
  [
    'mark-read-and-typing',
    'MarkMessageRequestPayload',
    {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.X',
      typing_indicator: { type: 'audio' },
    },
    false,
  ],
  [
    'business-profile-limits',
    'WhatsAppBusinessProfileUpdateRequest',
    { messaging_product: 'whatsapp', description: 'd'.repeat(400) },
    true,
  ],
  [
    'business-profile-limits',
    'WhatsAppBusinessProfileUpdateRequest',
    { messaging_product: 'whatsapp', websites: ['ftp://x.example'] },
    false,
  ],
  [
    'cta-url-and-location-request',
    'InteractiveMessage',
    {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        body: { text: 'Tap the button below to see available dates.' },
        action: {
          name: 'cta_url',
          parameters: { display_text: 'See Dates', url: 'https://www.luckyshrub.com' },
        },
      },
    },
    true,
  ],
  [
    'cta-url-and-location-request',
    'InteractiveMessage',
    {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'location_request_message',
        body: {
          text: "Let's start with your pickup. You can either manually *enter an address* or *share your current location*.",
        },
        action: { name: 'send_location' },
      },
    },
    true,
  ],
];

describe('META_OPENAPI_FIXES', () => {
  it('have unique ids, a summary each, and every one is exercised below', () => {
    const ids = META_OPENAPI_FIXES.map((fix) => fix.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const fix of META_OPENAPI_FIXES) expect(fix.summary.length).toBeGreaterThan(40);
    expect(new Set(cases.map(([id]) => id))).toEqual(new Set(ids));
  });

  it.each(cases)('%s changes the verdict on a %s body', (fixId, schema, body, acceptedOnceFixed) => {
    expect(validator.validate(schema, body) === undefined).toBe(acceptedOnceFixed);
    expect(passesWithout(fixId, schema, body)).toBe(!acceptedOnceFixed);
  });

  it('fails loudly when a defect is no longer where the fix expects it', () => {
    const schemas = structuredClone(rawSchemas);
    delete schemas.LanguageObject;
    const fix = META_OPENAPI_FIXES.find((candidate) => candidate.id === 'language-policy-optional');
    expect(() => fix?.apply(schemas)).toThrow(/no schema node at LanguageObject/);
  });

  it.each(META_OPENAPI_FIXES.map((fix) => [fix.id, fix] as const))(
    '%s refuses a file where its defect is already fixed',
    (_id, fix) => {
      const fixed = structuredClone(rawSchemas);
      applyMetaOpenApiFixes(fixed);
      expect(() => fix.apply(fixed)).toThrow();
    },
  );

  it('are applied to exactly the schemas of the whole file when the emulator loads it', async () => {
    const expected = structuredClone(rawSchemas);
    applyMetaOpenApiFixes(expected);
    expect(await loadMetaSchemas()).toStrictEqual(expected);
  });

  it('name the fix that no longer applies when the file is loaded', () => {
    const schemas = structuredClone(rawSchemas);
    (schemas.LanguageObject as { required: string[] }).required = ['code'];
    expect(() => applyMetaOpenApiFixes(schemas)).toThrow(
      'Meta OpenAPI fix "language-policy-optional" no longer applies to the vendored file',
    );
  });
});

describe('Meta’s own request examples', () => {
  /** The examples that must still fail, each for a reason in the example itself, not in the emulator. */
  const expectedFailures: Record<string, RegExp> = {
    'Send Audio Message by URL': /audio\.link must match format "url"/,
    'Send Reply to Audio Message by URL': /audio\.link must match format "url"/,
    'Send Document Message by URL': /document\.link must match format "url"/,
    'Send Reply to Document Message by URL': /document\.link must match format "url"/,
    'Send Image Message by URL': /image\.link must match format "url"/,
    'Send Reply to Image Message by URL': /image\.link must match format "url"/,
    'Send Video Message by URL': /video\.link must match format "url"/,
    'Send Reply to Video Message by URL': /video\.link must match format "url"/,
    'Send Message Template Interactive': /image\.link must match format "url"/,
    'Send Message Template Media': /image\.link must match format "url"/,
    // A placeholder header type, interactive types missing from Meta's enum, a boolean text, a body with no type.
    'Send Multi-Product Message': /interactive\.header\.type must be one of/,
    'Send Order Details Message': /interactive\.action\.name/,
    'Send Order Status Message': /interactive\.action\.name/,
    'Send Sample Issue Resolution Template': /parameters\[0\]\.text must be string/,
    'Send Reply to List Message': /text is required/,
  };

  it('pass, apart from the ones with placeholder links or Meta-side mistakes', () => {
    const examples = metaDocument.paths['/{Version}/{Phone-Number-ID}/messages'].post.requestBody.content[
      'application/json'
    ].examples as Record<string, { value: Record<string, unknown> }>;
    const verdicts: Record<string, string> = {};
    for (const [name, { value }] of Object.entries(examples)) {
      // As the emulator does: mark-read by `status`, and a missing type means text.
      const body = 'status' in value ? value : { type: 'text', ...value };
      const schema =
        'status' in body
          ? 'MarkMessageRequestPayload'
          : (MESSAGE_TYPE_SCHEMAS[body.type as string] as MetaSchemaName);
      verdicts[name] = validator.validate(schema, body)?.details ?? 'ok';
    }
    expect(Object.keys(verdicts)).toHaveLength(50);
    for (const [name, verdict] of Object.entries(verdicts)) {
      const expected = expectedFailures[name];
      if (expected === undefined) expect(verdict, name).toBe('ok');
      else expect(verdict, name).toMatch(expected);
    }
  });
});
