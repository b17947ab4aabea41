import type { EmulatorTemplateButton, EmulatorTemplateComponent } from './cloud-emulator-types.js';

/** `{{1}}` or `{{customer_name}}`; what is between the braces is checked by the creation rules. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The distinct placeholder names of `text`, in order of first appearance (`['1', '2']`, `['customer_name']`). */
export function placeholdersIn(text: string | undefined): string[] {
  if (text === undefined) return [];
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** What a template expects at send time. */
export interface TemplateShape {
  header: { format: NonNullable<EmulatorTemplateComponent['format']>; placeholders: string[] } | undefined;
  body: string[];
  buttons: EmulatorTemplateButton[];
}

/** The parameters a template's components call for. */
export function templateShape(components: readonly EmulatorTemplateComponent[]): TemplateShape {
  const header = components.find((component) => component.type === 'HEADER');
  const body = components.find((component) => component.type === 'BODY');
  const buttons = components.find((component) => component.type === 'BUTTONS');
  return {
    header:
      header === undefined
        ? undefined
        : {
            format: header.format ?? 'TEXT',
            placeholders: header.format === 'TEXT' ? placeholdersIn(header.text) : [],
          },
    body: placeholdersIn(body?.text),
    buttons: buttons?.buttons ?? [],
  };
}

/** Whether a template button takes a parameter at send time, and which send-time `sub_type` it answers to. */
export function buttonSendInfo(button: EmulatorTemplateButton): {
  subType: string;
  requiresParameter: boolean;
} {
  switch (button.type) {
    case 'URL':
      return { subType: 'url', requiresParameter: placeholdersIn(button.url).length > 0 };
    case 'COPY_CODE':
      return { subType: 'copy_code', requiresParameter: true };
    case 'OTP':
      // One-time-password buttons are sent as a URL button carrying the code.
      return { subType: 'url', requiresParameter: true };
    default:
      return { subType: button.type.toLowerCase(), requiresParameter: false };
  }
}
