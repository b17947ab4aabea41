import type { MetaOpenApiFix } from './meta-openapi-fixes.js';
import { addConditional, expectDefect, node, type SchemaNode, walk } from './schema-nodes.js';

// The fixes to template sends in Meta's file. Each first checks that its defect is still there.

const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'copy_code', 'catalog', 'mpm', 'flow', 'voice_call'];
const NUMBER_OR_STRING = ['number', 'string'];

/** Button `index` and `sub_type`, and the parameter types Meta's own examples send. */
export const templateButtonComponents: MetaOpenApiFix = {
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
    const templateComponent = node(schemas, 'TemplateComponent', 'properties');
    expectDefect(node(templateComponent, 'sub_type'), 'enum', ['quick_reply', 'url', 'catalog']);
    for (const properties of [
      templateComponent,
      node(schemas, 'ButtonComponent', 'allOf', 1, 'properties'),
    ]) {
      expectDefect(node(properties, 'index'), 'pattern', '^[2-6, 11-14]$');
      properties.index = { ...index, type: [...index.type] };
      properties.sub_type = { ...subType, enum: [...subType.enum] };
    }
    const buttonType = node(schemas, 'ButtonParameterObject', 'properties', 'type');
    expectDefect(buttonType, 'enum', ['payload', 'text']);
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
    expectDefect(parameterType, 'enum', ['currency', 'date_time', 'document', 'image', 'text', 'video']);
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
};

/** OpenAPI discriminators, which Ajv cannot use, turned into JSON-Schema conditions. */
export const discriminatorsAsConditions: MetaOpenApiFix = {
  id: 'discriminators-as-conditions',
  summary:
    'OpenAPI `discriminator` is not JSON Schema, and Ajv cannot use its mappings. Where a mapped schema extends ' +
    'the discriminated one (`allOf: [Base, Extra]`: TemplateComponent, ParameterObject, ButtonParameterObject), ' +
    'the mapping becomes `if: { type: const } then: Extra` on the base, so template parameters are still checked ' +
    "per type. Elsewhere (Message's oneOf) the discriminator is dropped.",
  apply(schemas) {
    for (const name of ['TemplateComponent', 'ParameterObject', 'ButtonParameterObject', 'Message']) {
      if (node(schemas, name).discriminator === undefined) throw new Error(`${name} has no discriminator`);
    }
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
};

/** The legacy `language.policy` is optional. */
export const languagePolicyOptional: MetaOpenApiFix = {
  id: 'language-policy-optional',
  summary:
    'LanguageObject requires the legacy `policy` field that no current client sends: only ' +
    '`code` is required now.',
  apply(schemas) {
    const language = node(schemas, 'LanguageObject');
    expectDefect(language, 'required', ['policy', 'code']);
    language.required = ['code'];
  },
};

/** `parameter_name` for templates with named parameters. */
export const namedTemplateParameters: MetaOpenApiFix = {
  id: 'named-template-parameters',
  summary:
    'Template parameters have no `parameter_name`, needed for templates created with `parameter_format: NAMED`' +
    ': added as an optional lower-case snake_case name.',
  apply(schemas) {
    const properties = node(schemas, 'ParameterObject', 'properties');
    expectDefect(properties, 'parameter_name', undefined);
    properties.parameter_name = { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' };
  },
};
