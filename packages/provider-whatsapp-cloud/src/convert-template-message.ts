import {
  type TemplateButtonParameter,
  type TemplateHeaderParameter,
  ValidationError,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import { compact } from './compact.js';
import { graphMediaObject } from './graph-media-object.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

/** The `template` of a validated template send. */
export type TemplateSend = ValidOutboundMessageOf<'template'>['template'];

function reject(path: string, reason: string): never {
  throw new ValidationError(`Invalid message: ${path}: ${reason}`, {
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
    issues: [{ path, message: reason }],
  });
}

/** Whether `parameters` holds at least one value, and in which style. */
function parameterStyle(parameters: TemplateSend['parameters']): 'named' | 'positional' | 'none' {
  if (parameters === undefined) return 'none';
  if (Array.isArray(parameters)) return parameters.length > 0 ? 'positional' : 'none';
  return Object.keys(parameters).length > 0 ? 'named' : 'none';
}

/**
 * Rejects, before any request, a text header whose style differs from the body's. Meta requires
 * header and body to use one parameter style, and matches a named template's header variable by
 * its `parameter_name`: a named template's text header needs `name`, a positional one must not
 * have it (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates).
 *
 * @throws {ValidationError} naming `template.header.name`.
 */
export function assertTemplateSendable(template: TemplateSend): void {
  const header = template.header;
  if (header?.type !== 'text') return;
  const style = parameterStyle(template.parameters);
  if (style === 'named' && header.name === undefined) {
    reject(
      'template.header.name',
      'is required when the parameters are named: Meta matches the header variable of a named template by its name (e.g. name: "order_id" for {{order_id}})',
    );
  }
  if (style === 'positional' && header.name !== undefined) {
    reject(
      'template.header.name',
      'must be left out with positional parameters: a template uses named or positional variables in its header and body, never both',
    );
  }
}

/**
 * Body parameters: positional values become `{ type: 'text', text }` in order (`{{1}}`, `{{2}}`…);
 * named ones `{ type: 'text', parameter_name, text }` (templates created with `parameter_format: NAMED`).
 */
function bodyParameters(parameters: TemplateSend['parameters']): Record<string, unknown>[] {
  if (parameters === undefined) return [];
  if (Array.isArray(parameters)) return parameters.map((text) => ({ type: 'text', text }));
  return Object.entries(parameters).map(([name, text]) => ({ type: 'text', parameter_name: name, text }));
}

function headerParameter(header: TemplateHeaderParameter): Record<string, unknown> {
  switch (header.type) {
    case 'text':
      // A named template's header variable is matched by name, like its body variables.
      return compact({ type: 'text', parameter_name: header.name, text: header.text });
    case 'image':
      return { type: 'image', image: graphMediaObject(header.media) };
    case 'video':
      return { type: 'video', video: graphMediaObject(header.media) };
    case 'document':
      return {
        type: 'document',
        document: { ...graphMediaObject(header.media), ...compact({ filename: header.filename }) },
      };
    case 'location':
      // Meta's location-header example sends the coordinates as strings
      // (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates#location).
      return {
        type: 'location',
        location: compact({
          latitude: String(header.latitude),
          longitude: String(header.longitude),
          name: header.name,
          address: header.address,
        }),
      };
  }
}

/** `index` is the button's 0-based position in the template, sent as a string as Meta documents. */
function buttonComponent(button: TemplateButtonParameter): Record<string, unknown> {
  const base = { type: 'button', sub_type: button.type, index: String(button.index) };
  switch (button.type) {
    case 'quick_reply':
      return { ...base, parameters: [{ type: 'payload', payload: button.payload }] };
    case 'url':
      return { ...base, parameters: [{ type: 'text', text: button.text }] };
    case 'copy_code':
      return { ...base, parameters: [{ type: 'coupon_code', coupon_code: button.code }] };
  }
}

/**
 * A neutral template send as the Graph `template` object
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates):
 * `{ name, language: { code }, components: [header, body, button…] }`, components omitted when the
 * template takes no parameters. Header media must have been uploaded first.
 */
export function toGraphTemplate(template: TemplateSend): Record<string, unknown> {
  const components: Record<string, unknown>[] = [];
  if (template.header !== undefined) {
    components.push({ type: 'header', parameters: [headerParameter(template.header)] });
  }
  const body = bodyParameters(template.parameters);
  if (body.length > 0) components.push({ type: 'body', parameters: body });
  for (const button of template.buttons ?? []) components.push(buttonComponent(button));
  return compact({
    name: template.name,
    language: { code: template.language },
    components: components.length > 0 ? components : undefined,
  });
}
