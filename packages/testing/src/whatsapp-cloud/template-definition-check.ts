import type {
  CloudTemplateCategory,
  EmulatorTemplate,
  EmulatorTemplateButton,
  EmulatorTemplateComponent,
} from './cloud-emulator-types.js';
import { graphErrors } from './graph-error.js';
import { placeholdersIn } from './template-placeholders.js';

type Json = Record<string, unknown>;

const NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const NAMED_PLACEHOLDER = /^[a-z_][a-z0-9_]*$/;
const CATEGORIES: readonly CloudTemplateCategory[] = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
const BUTTON_TYPES = [
  'QUICK_REPLY',
  'URL',
  'PHONE_NUMBER',
  'COPY_CODE',
  'OTP',
  'FLOW',
  'CATALOG',
  'MPM',
] as const;
/** Per-type button caps from Meta's template components page (10 buttons in all). */
const BUTTON_CAPS: Partial<Record<EmulatorTemplateButton['type'], number>> = {
  URL: 2,
  PHONE_NUMBER: 1,
  COPY_CODE: 1,
};

const invalid = (details: string) => graphErrors.invalidParameter(details);

/**
 * Checks a `POST /{waba-id}/message_templates` body the way Meta's review front door does (name, language,
 * category, component structure, placeholders and their examples, button rules) and returns the template.
 * Meta's OpenAPI schema for this body checks nothing, so every rule lives here.
 */
export function checkTemplateDefinition(body: Json): EmulatorTemplate {
  const name = body.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalid('Param name must be 1-512 characters of lowercase letters, numbers and underscores');
  }
  const language = body.language;
  if (typeof language !== 'string' || !LANGUAGE.test(language)) {
    throw invalid('Param language must be a language code such as en_US');
  }
  const category = typeof body.category === 'string' ? body.category.toUpperCase() : undefined;
  if (!CATEGORIES.includes(category as CloudTemplateCategory)) {
    throw invalid(`Param category must be one of ${CATEGORIES.join(', ')}`);
  }
  const format =
    body.parameter_format === undefined ? 'POSITIONAL' : String(body.parameter_format).toUpperCase();
  if (format !== 'POSITIONAL' && format !== 'NAMED')
    throw invalid('Param parameter_format must be POSITIONAL or NAMED');
  if (!Array.isArray(body.components) || body.components.length === 0) {
    throw invalid('Param components must be a non-empty array');
  }
  const components = (body.components as unknown[]).map((component, index) =>
    checkComponent(component, `components[${index}]`, format, category as CloudTemplateCategory),
  );
  for (const type of ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'] as const) {
    const count = components.filter((component) => component.type === type).length;
    if (count > 1) throw invalid(`Param components may contain only one ${type} component`);
    if (type === 'BODY' && count === 0) throw invalid('Param components must contain a BODY component');
  }
  return {
    name,
    language,
    category: category as CloudTemplateCategory,
    parameterFormat: format,
    components,
  };
}

function checkComponent(
  value: unknown,
  path: string,
  format: 'POSITIONAL' | 'NAMED',
  category: CloudTemplateCategory,
): EmulatorTemplateComponent {
  if (typeof value !== 'object' || value === null) throw invalid(`Param ${path} must be an object`);
  const component = value as Json;
  const type = String(component.type).toUpperCase();
  const example = component.example as Json | undefined;
  switch (type) {
    case 'HEADER': {
      const headerFormat = String(component.format).toUpperCase() as (typeof HEADER_FORMATS)[number];
      if (!HEADER_FORMATS.includes(headerFormat)) {
        throw invalid(`Param ${path}.format must be one of ${HEADER_FORMATS.join(', ')}`);
      }
      if (headerFormat === 'TEXT') {
        const text = requireText(component, path, 60);
        const names = checkPlaceholders(text, `${path}.text`, format);
        if (names.length > 1) throw invalid(`Param ${path}.text may contain at most one variable`);
        checkExamples(names, example, `${path}.example`, format, 'header_text');
        return { type, format: headerFormat, text, ...(example === undefined ? {} : { example }) };
      }
      if (headerFormat !== 'LOCATION' && !Array.isArray(example?.header_handle)) {
        throw invalid(
          `Param ${path}.example.header_handle is required for ${headerFormat} headers (a sample upload handle)`,
        );
      }
      return { type, format: headerFormat, ...(example === undefined ? {} : { example }) };
    }
    case 'BODY': {
      // Authentication bodies are fixed by Meta; the creator only picks options such as a security warning.
      if (category === 'AUTHENTICATION' && component.text === undefined) return { type };
      const text = requireText(component, path, 1024);
      const names = checkPlaceholders(text, `${path}.text`, format);
      checkExamples(names, example, `${path}.example`, format, 'body_text');
      return { type, text, ...(example === undefined ? {} : { example }) };
    }
    case 'FOOTER': {
      const text = requireText(component, path, 60);
      if (placeholdersIn(text).length > 0) throw invalid(`Param ${path}.text must not contain variables`);
      return { type, text };
    }
    case 'BUTTONS':
      return { type, buttons: checkButtons(component.buttons, `${path}.buttons`) };
    default:
      throw invalid(`Param ${path}.type must be one of HEADER, BODY, FOOTER, BUTTONS`);
  }
}

function requireText(component: Json, path: string, max: number): string {
  const text = component.text;
  if (typeof text !== 'string' || text.trim() === '') throw invalid(`Param ${path}.text is required`);
  if (text.length > max) throw invalid(`Param ${path}.text must be at most ${max} characters long`);
  return text;
}

/** Placeholder names of `text`, which must all be of the template's style: `{{1}}…{{n}}` in full, or snake_case. */
function checkPlaceholders(text: string, path: string, format: 'POSITIONAL' | 'NAMED'): string[] {
  const names = placeholdersIn(text);
  if (format === 'NAMED') {
    for (const name of names) {
      if (!NAMED_PLACEHOLDER.test(name)) {
        throw invalid(
          `Param ${path} has variable {{${name}}}; named variables are lowercase letters, digits and _`,
        );
      }
    }
    return names;
  }
  const numbers = names.map(Number).sort((a, b) => a - b);
  if (names.some((name) => !/^\d+$/.test(name)) || numbers.some((number, index) => number !== index + 1)) {
    throw invalid(
      `Param ${path} must number its variables {{1}}, {{2}}, … without gaps (positional parameters)`,
    );
  }
  return names;
}

/** A template with variables must come with one sample value per variable. */
function checkExamples(
  names: readonly string[],
  example: Json | undefined,
  path: string,
  format: 'POSITIONAL' | 'NAMED',
  kind: 'header_text' | 'body_text',
): void {
  if (names.length === 0) return;
  if (format === 'NAMED') {
    const samples = example?.[`${kind}_named_params`];
    const given = Array.isArray(samples) ? samples.map((sample) => (sample as Json).param_name) : [];
    const missing = names.filter((name) => !given.includes(name));
    if (missing.length > 0) {
      throw invalid(
        `Param ${path}.${kind}_named_params needs an example for each variable; missing: ${missing.join(', ')}`,
      );
    }
    return;
  }
  const samples = example?.[kind];
  // Body samples are one array of values per sample (`[["John", "12345"]]`); header samples a flat list.
  const first = kind === 'body_text' && Array.isArray(samples) ? samples[0] : samples;
  if (!Array.isArray(first) || first.length !== names.length) {
    throw invalid(`Param ${path}.${kind} needs ${names.length} example value(s), one per variable`);
  }
}

function checkButtons(value: unknown, path: string): EmulatorTemplateButton[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) {
    throw invalid(`Param ${path} must contain 1 to 10 buttons`);
  }
  const buttons = value.map((item, index) => checkButton(item as Json, `${path}[${index}]`));
  for (const [type, cap] of Object.entries(BUTTON_CAPS)) {
    if (buttons.filter((button) => button.type === type).length > cap) {
      throw invalid(`Param ${path} may contain at most ${cap} ${type} button(s)`);
    }
  }
  return buttons;
}

function checkButton(button: Json, path: string): EmulatorTemplateButton {
  const type = String(button.type).toUpperCase() as EmulatorTemplateButton['type'];
  if (!BUTTON_TYPES.includes(type))
    throw invalid(`Param ${path}.type must be one of ${BUTTON_TYPES.join(', ')}`);
  const checked: EmulatorTemplateButton = { ...(button as Partial<EmulatorTemplateButton>), type };
  if (type === 'COPY_CODE') {
    if (typeof button.example !== 'string' || button.example.length === 0 || button.example.length > 15) {
      throw invalid(`Param ${path}.example must be the sample code, 1-15 characters`);
    }
    return checked;
  }
  if (type !== 'OTP' && (typeof button.text !== 'string' || button.text === '' || button.text.length > 25)) {
    throw invalid(`Param ${path}.text is required, at most 25 characters`);
  }
  if (type === 'URL') {
    const url = button.url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url) || url.length > 2000) {
      throw invalid(`Param ${path}.url must be an http(s) URL of at most 2000 characters`);
    }
    const names = placeholdersIn(url);
    if (names.length > 1 || (names.length === 1 && !url.endsWith('{{1}}'))) {
      throw invalid(`Param ${path}.url may only end with the variable {{1}}`);
    }
    if (names.length === 1 && !(Array.isArray(button.example) && button.example.length > 0)) {
      throw invalid(`Param ${path}.example is required: a sample of the full URL`);
    }
  }
  if (
    type === 'PHONE_NUMBER' &&
    (typeof button.phone_number !== 'string' || button.phone_number.length > 20)
  ) {
    throw invalid(`Param ${path}.phone_number is required, at most 20 characters`);
  }
  return checked;
}
