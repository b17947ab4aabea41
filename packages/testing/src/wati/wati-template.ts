import { watiObjectId } from './wati-ids.js';

/** A button of a {@link WatiEmulatorTemplate}. */
export type WatiEmulatorTemplateButton =
  | { type: 'quick_reply'; text: string }
  | { type: 'url'; text: string; url: string }
  | { type: 'call_button'; text: string; phoneNumber: string };

/** The header of a {@link WatiEmulatorTemplate}: text (may hold `{{param}}`s) or a media link. */
export type WatiEmulatorTemplateHeader =
  | { type: 'text'; text: string }
  | { type: 'image' | 'video' | 'document'; link: string };

/**
 * A message template the emulator knows, as you seed it. Parameters are the `{{name}}` placeholders of
 * the header text, body and URL buttons, unless `customParams` lists them explicitly (WATI's
 * `customParams[].paramName` are exactly the names a send must supply).
 *
 * @example
 * ```ts
 * const template: WatiEmulatorTemplate = {
 *   elementName: 'order_update',
 *   category: 'UTILITY',
 *   body: 'Hi {{name}}, your order {{ordernumber}} has shipped.',
 * };
 * ```
 */
export interface WatiEmulatorTemplate {
  elementName: string;
  body: string;
  /** Generated when omitted. */
  id?: string;
  /** Default `UTILITY`. */
  category?: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  /** Default `APPROVED`; sends of any other status fail softly, as on WATI. */
  status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'DELETED';
  /** Language code, default `en`. */
  language?: string;
  header?: WatiEmulatorTemplateHeader;
  footer?: string;
  buttons?: WatiEmulatorTemplateButton[];
  /** Parameter names with sample values; derived from the placeholders when omitted. */
  customParams?: { paramName: string; paramValue: string }[];
}

/** A template as the emulator stores it: every optional field resolved. */
export interface WatiTemplateRecord {
  id: string;
  elementName: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: string;
  language: string;
  body: string;
  header: WatiEmulatorTemplateHeader | undefined;
  footer: string | undefined;
  buttons: WatiEmulatorTemplateButton[];
  customParams: { paramName: string; paramValue: string }[];
  lastModified: Date;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The distinct `{{placeholder}}` names of a text, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** Resolves a seeded template into a stored record. */
export function toTemplateRecord(template: WatiEmulatorTemplate, now: Date): WatiTemplateRecord {
  const texts = [
    template.header?.type === 'text' ? template.header.text : '',
    template.body,
    ...(template.buttons ?? []).map((button) => (button.type === 'url' ? button.url : '')),
  ];
  const derived = [...new Set(texts.flatMap(placeholderNames))].map((paramName) => ({
    paramName,
    paramValue: '',
  }));
  return {
    id: template.id ?? watiObjectId(now),
    elementName: template.elementName,
    category: template.category ?? 'UTILITY',
    status: template.status ?? 'APPROVED',
    language: template.language ?? 'en',
    body: template.body,
    // Copies: the seeds (the frozen defaults included) are shared by every emulator.
    header: template.header === undefined ? undefined : { ...template.header },
    footer: template.footer,
    buttons: (template.buttons ?? []).map((button) => ({ ...button })),
    customParams: (template.customParams ?? derived).map((param) => ({ ...param })),
    lastModified: now,
  };
}

/** Replaces each `{{name}}` with its value; unknown placeholders stay as they are. */
export function renderTemplateText(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
}

// Labels WATI shows next to the code; the list only needs to cover what tests seed.
const LANGUAGE_LABELS: Record<string, string> = {
  en: 'English',
  en_US: 'English (US)',
  en_GB: 'English (UK)',
  es: 'Spanish',
  pt_BR: 'Portuguese (BR)',
  fr: 'French',
  de: 'German',
  hi: 'Hindi',
  id: 'Indonesian',
  ar: 'Arabic',
};

/**
 * The template as `getMessageTemplates` lists it. Field names follow captured responses; the header and
 * button inner shapes mirror WATI's template-create payload, an inference: neither is documented or captured.
 */
export function toWatiTemplate(template: WatiTemplateRecord): Record<string, unknown> {
  const label = LANGUAGE_LABELS[template.language] ?? template.language;
  const buttonsType =
    template.buttons.length === 0
      ? 'none'
      : template.buttons.every((button) => button.type === 'quick_reply')
        ? 'quick_reply'
        : 'call_to_action';
  return {
    id: template.id,
    type: 'template',
    category: template.category,
    subCategory: 'STANDARD',
    buttonsType,
    buttons: template.buttons.map(toWatiButton),
    footer: template.footer ?? '',
    elementName: template.elementName,
    language: { key: label, value: template.language, text: label },
    header: toWatiHeader(template.header),
    body: template.body,
    bodyOriginal: template.body,
    hsm: template.body,
    hsmOriginal: template.body,
    customParams: template.customParams.map((param) => ({ ...param })),
    status: template.status,
    lastModified: template.lastModified.toISOString(),
    addSecurityRecommendation: false,
    includeExpiryTime: false,
    expiresIn: 0,
  };
}

function toWatiButton(button: WatiEmulatorTemplateButton): Record<string, unknown> {
  switch (button.type) {
    case 'quick_reply':
      return { type: 'quick_reply', parameter: { text: button.text, urlType: 'none' } };
    case 'url':
      return {
        type: 'url',
        parameter: {
          text: button.text,
          url: button.url,
          urlType: placeholderNames(button.url).length > 0 ? 'dynamic' : 'static',
        },
      };
    case 'call_button':
      return { type: 'call_button', parameter: { text: button.text, phoneNumber: button.phoneNumber } };
  }
}

function toWatiHeader(header: WatiEmulatorTemplateHeader | undefined): Record<string, unknown> {
  const empty = { link: '', mediaFromPC: '', mediaHeaderId: '' };
  if (header === undefined) return { type: 'none', ...empty };
  if (header.type === 'text') return { type: 'text', text: header.text, ...empty };
  return { type: header.type, ...empty, link: header.link };
}
