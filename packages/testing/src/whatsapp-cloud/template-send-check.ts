import type { CloudEmulatorStore } from './cloud-emulator-store.js';
import type { CloudStoredTemplate } from './cloud-emulator-types.js';
import { graphErrors } from './graph-error.js';
import { checkMediaReference } from './message-rules.js';
import { buttonSendInfo, type TemplateShape, templateShape } from './template-placeholders.js';

type Json = Record<string, unknown>;

const BUTTON_PARAMETER_TYPES: Record<string, string> = {
  url: 'text',
  copy_code: 'coupon_code',
  quick_reply: 'payload',
  flow: 'action',
  catalog: 'action',
  mpm: 'action',
};

/**
 * Checks a template send against the stored template: it must exist in that language and be approved,
 * and the parameters must match its placeholders in number, style (named or positional) and kind.
 * Returns the template. Runs after the body passed Meta's schema.
 */
export function checkTemplateSend(
  store: CloudEmulatorStore,
  phoneNumberId: string,
  request: Json,
): CloudStoredTemplate {
  const name = request.name as string;
  const language = (request.language as Json).code as string;
  const template = store.templates.find(
    (candidate) => candidate.name === name && candidate.language === language,
  );
  if (template === undefined) throw graphErrors.templateNotFound(name, language);
  if (template.status === 'PAUSED' || template.status === 'DISABLED') {
    throw graphErrors.templateUnavailable(template.status, name);
  }
  if (template.status !== 'APPROVED') throw graphErrors.templateNotFound(name, language);

  const components = (request.components as Json[] | undefined) ?? [];
  const shape = templateShape(template.components);
  const headers = components.filter((component) => component.type === 'header');
  const bodies = components.filter((component) => component.type === 'body');
  if (headers.length > 1 || bodies.length > 1) {
    throw graphErrors.invalidParameterValue(
      'A template send may have at most one header and one body component',
    );
  }
  const header = headers[0];
  const headerIndex = header === undefined ? -1 : components.indexOf(header);
  checkHeader(store, phoneNumberId, template, shape, parametersOf(header), headerIndex);
  checkTextParameters(template, 'body', shape.body, parametersOf(bodies[0]), [
    'text',
    'currency',
    'date_time',
  ]);
  checkButtons(
    shape,
    components.filter((component) => component.type === 'button'),
  );
  return template;
}

function parametersOf(component: Json | undefined): Json[] {
  return (component?.parameters as Json[] | undefined) ?? [];
}

function checkHeader(
  store: CloudEmulatorStore,
  phoneNumberId: string,
  template: CloudStoredTemplate,
  shape: TemplateShape,
  parameters: Json[],
  componentIndex: number,
): void {
  const expected = shape.header;
  if (expected === undefined || expected.format === 'TEXT') {
    checkTextParameters(template, 'header', expected?.placeholders ?? [], parameters, ['text']);
    return;
  }
  if (parameters.length !== 1) throw countMismatch('header', parameters.length, 1);
  const parameter = parameters[0] as Json;
  const kind = expected.format.toLowerCase();
  if (parameter.type !== kind) {
    throw graphErrors.templateParamFormatMismatch(
      `header: Format mismatch, expected ${expected.format}, received ${String(parameter.type).toUpperCase()}`,
    );
  }
  if (kind !== 'location') {
    const path = `template.components[${componentIndex}].parameters[0].${kind}`;
    checkMediaReference(store, phoneNumberId, kind, parameter[kind] as Json, path);
  }
}

function checkTextParameters(
  template: CloudStoredTemplate,
  component: 'header' | 'body',
  placeholders: readonly string[],
  parameters: readonly Json[],
  allowedTypes: readonly string[],
): void {
  if (parameters.length !== placeholders.length)
    throw countMismatch(component, parameters.length, placeholders.length);
  for (const parameter of parameters) {
    const type = parameter.type as string;
    if (!allowedTypes.includes(type)) {
      throw graphErrors.templateParamFormatMismatch(
        `${component}: parameters of type ${type} are not allowed here (expected ${allowedTypes.join(' or ')})`,
      );
    }
    if (type === 'text' && (parameter.text as string).trim() === '') {
      throw graphErrors.missingParameter(`${component}: Parameter of type text is missing text value`);
    }
  }
  const names = parameters.map((parameter) => parameter.parameter_name as string | undefined);
  if (template.parameterFormat === 'POSITIONAL') {
    if (names.some((name) => name !== undefined)) {
      throw graphErrors.templateParamFormatMismatch(
        `${component}: parameter_name is not allowed, template ${template.name} uses positional parameters`,
      );
    }
    return;
  }
  if (names.some((name) => name === undefined)) {
    throw graphErrors.templateParamFormatMismatch(
      `${component}: every parameter needs a parameter_name, template ${template.name} uses named parameters`,
    );
  }
  const unexpected = names.filter((name) => !placeholders.includes(name as string));
  const missing = placeholders.filter((name) => !names.includes(name));
  if (unexpected.length > 0 || missing.length > 0) {
    throw graphErrors.templateParamCountMismatch(
      `${component}: parameter names do not match the template (missing: ${missing.join(', ') || 'none'}; ` +
        `unexpected: ${unexpected.join(', ') || 'none'})`,
    );
  }
}

function checkButtons(shape: TemplateShape, components: readonly Json[]): void {
  const seen = new Set<number>();
  for (const component of components) {
    const index = Number(component.index);
    const subType = String(component.sub_type).toLowerCase();
    if (seen.has(index)) throw graphErrors.invalidParameterValue(`buttons: index ${index} is used twice`);
    seen.add(index);
    const button = shape.buttons[index];
    const info = button === undefined ? undefined : buttonSendInfo(button);
    if (info === undefined || info.subType !== subType) {
      throw graphErrors.invalidParameterValue(
        `Button at index ${index} of type ${titleCase(subType)} does not exist`,
      );
    }
    const expectedType = BUTTON_PARAMETER_TYPES[subType];
    for (const parameter of parametersOf(component)) {
      if (expectedType !== undefined && parameter.type !== expectedType) {
        throw graphErrors.invalidParameterValue(
          `buttons: parameter of type ${String(parameter.type)} is not valid for the ${subType} button at index ${index} (expected ${expectedType})`,
        );
      }
    }
  }
  shape.buttons.forEach((button, index) => {
    const info = buttonSendInfo(button);
    if (info.requiresParameter && !seen.has(index)) {
      throw graphErrors.missingParameter(
        `buttons: Button at index ${index} of type ${titleCase(info.subType)} requires a parameter`,
      );
    }
  });
}

function countMismatch(component: 'header' | 'body', received: number, expected: number) {
  return graphErrors.templateParamCountMismatch(
    `${component}: number of localizable_params (${received}) does not match the expected number of params (${expected})`,
  );
}

function titleCase(value: string): string {
  return value
    .split('_')
    .map((word) => (word === '' ? word : `${(word[0] as string).toUpperCase()}${word.slice(1)}`))
    .join('');
}
