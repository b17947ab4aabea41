import { type templateDefinitionSchema, templatePlaceholders, ValidationError } from '@switchboard/core';
import type { z } from 'zod/mini';
import { compact } from './compact.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

/** A validated template definition. */
export type ValidTemplateDefinition = z.output<typeof templateDefinitionSchema>;
type Examples = ValidTemplateDefinition['body']['examples'];
type JsonObject = Record<string, unknown>;

const isPositional = (name: string) => /^\d+$/.test(name);

function reject(path: string, message: string): never {
  throw new ValidationError(`Invalid template: ${path}: ${message}`, {
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
    issues: [{ path, message }],
  });
}

/** The example value of placeholder `name`, the `index`-th of its text. */
function exampleOf(examples: Examples, name: string, index: number): string {
  const value =
    examples === undefined ? undefined : Array.isArray(examples) ? examples[index] : examples[name];
  // core's schema guarantees an example per body placeholder
  return value ?? '';
}

function headerComponent(header: NonNullable<ValidTemplateDefinition['header']>, named: boolean): JsonObject {
  if (header.format !== 'text') {
    const format = header.format.toUpperCase();
    return header.format === 'location'
      ? { type: 'HEADER', format }
      : { type: 'HEADER', format, example: { header_handle: [header.exampleHandle] } };
  }
  const [name] = templatePlaceholders(header.text);
  if (name === undefined || header.example === undefined)
    return { type: 'HEADER', format: 'TEXT', text: header.text };
  const example = named
    ? { header_text_named_params: [{ param_name: name, example: header.example }] }
    : { header_text: [header.example] };
  return { type: 'HEADER', format: 'TEXT', text: header.text, example };
}

function bodyComponent(body: ValidTemplateDefinition['body'], names: string[], named: boolean): JsonObject {
  if (names.length === 0) return { type: 'BODY', text: body.text };
  const examples = names.map((name, index) => ({ name, value: exampleOf(body.examples, name, index) }));
  const example = named
    ? { body_text_named_params: examples.map(({ name, value }) => ({ param_name: name, example: value })) }
    : { body_text: [examples.map(({ value }) => value)] };
  return { type: 'BODY', text: body.text, example };
}

type ButtonDefinition = NonNullable<ValidTemplateDefinition['buttons']>[number];

function graphButton(button: ButtonDefinition): JsonObject {
  switch (button.type) {
    case 'quick_reply':
      return { type: 'QUICK_REPLY', text: button.text };
    case 'url':
      // `example` is the full sample URL Meta needs when the URL ends with a {{1}} suffix.
      return compact({
        type: 'URL',
        text: button.text,
        url: button.url,
        example: button.example === undefined ? undefined : [button.example],
      });
    case 'phone_number':
      return { type: 'PHONE_NUMBER', text: button.text, phone_number: button.phoneNumber };
    case 'copy_code':
      return { type: 'COPY_CODE', example: button.example };
  }
}

/**
 * A neutral template definition as the body of `POST /{waba-id}/message_templates`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management):
 * uppercase category, `parameter_format` from the placeholders, and the `example` blocks Meta
 * requires for every variable (`header_text`/`header_text_named_params`, `header_handle`,
 * `body_text` [[…]] or `body_text_named_params`, URL button `example`).
 *
 * @throws {ValidationError} when the header has more than one variable or uses another parameter
 *   style than the body (Meta requires one style per template).
 */
export function toGraphTemplateDefinition(definition: ValidTemplateDefinition): JsonObject {
  const bodyNames = templatePlaceholders(definition.body.text);
  const headerNames =
    definition.header?.format === 'text' ? templatePlaceholders(definition.header.text) : [];
  if (headerNames.length > 1) reject('header.text', 'a header may have at most one variable');
  const [headerName] = headerNames;
  const headerNamed = headerName !== undefined && !isPositional(headerName);
  const bodyNamed = bodyNames.some((name) => !isPositional(name));
  const named = headerNamed || bodyNamed;
  if (headerName !== undefined && bodyNames.length > 0 && headerNamed !== bodyNamed) {
    reject(
      'header.text',
      'header and body must both use positional ({{1}}) or both use named ({{name}}) placeholders',
    );
  }
  if (headerName !== undefined && !named && headerName !== '1')
    reject('header.text', 'a positional header variable must be {{1}}');

  const components: JsonObject[] = [];
  if (definition.header !== undefined) components.push(headerComponent(definition.header, named));
  components.push(bodyComponent(definition.body, bodyNames, named));
  if (definition.footer !== undefined) components.push({ type: 'FOOTER', text: definition.footer.text });
  if (definition.buttons !== undefined && definition.buttons.length > 0) {
    components.push({ type: 'BUTTONS', buttons: definition.buttons.map(graphButton) });
  }
  return compact({
    name: definition.name,
    language: definition.language,
    category: definition.category.toUpperCase(),
    parameter_format: named ? 'NAMED' : 'POSITIONAL',
    allow_category_change: definition.allowCategoryChange,
    components,
  });
}
