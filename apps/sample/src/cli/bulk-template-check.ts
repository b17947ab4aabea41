import { type MessagingProvider, paginate, SwitchboardError, type Template } from '@switchboard/core';
import type { BulkRecipient } from './bulk-recipients.js';
import { UsageError } from './usage-error.js';

/** What {@link checkBulkTemplate} found. */
export type TemplateCheck =
  | { checked: true; template: Template }
  /** The provider lists no templates, or listing them failed: each send is checked by the provider. */
  | { checked: false; reason: string };

/**
 * Checks, before anything is sent, that the template exists and that the CSV's parameter columns
 * are exactly its parameters: `1`…`n` for its `n` parameters (WATI names positional values in the
 * template's order), or its parameter names. A CSV without the template's parameter columns would
 * otherwise send, and fail, every row.
 *
 * @throws {UsageError} naming the template or the columns at fault.
 */
export async function checkBulkTemplate(
  provider: MessagingProvider,
  wanted: { name: string; language: string },
  recipients: readonly BulkRecipient[],
  file: string,
): Promise<TemplateCheck> {
  const list = provider.templates?.list;
  if (list === undefined) return { checked: false, reason: `${provider.id} lists no templates` };
  const templates: Template[] = [];
  try {
    for await (const template of paginate((cursor) => list({ pageSize: 100, cursor }))) {
      if (template.name === wanted.name) templates.push(template);
    }
  } catch (error) {
    if (!SwitchboardError.isInstance(error)) throw error;
    return { checked: false, reason: `listing the templates failed (${error.code})` };
  }
  // Meta sends a template only in a language it has; WATI picks the language itself.
  const template =
    templates.find((candidate) => candidate.language === wanted.language) ??
    (provider.id === 'wati' ? templates[0] : undefined);
  if (template === undefined) {
    const languages = templates.map((candidate) => candidate.language);
    throw new UsageError(
      languages.length === 0
        ? `no template named "${wanted.name}" on ${provider.id}: nothing was sent (see: switchboard templates list)`
        : `template "${wanted.name}" has no ${wanted.language} version (it has ${languages.join(', ')}): pass --language; nothing was sent`,
      'bulk',
    );
  }
  const expected = template.parameterNames;
  const given = columnsOf(recipients[0]);
  const problem = mismatch(expected, given);
  if (problem !== undefined) {
    const wants =
      expected.length === 0
        ? 'no parameters, so the CSV needs only the phone column'
        : `the parameters ${expected.join(', ')}, so the CSV needs the columns phone,${columnHint(template)}`;
    throw new UsageError(
      `${file} does not fit template "${template.name}" (${template.language}): ${problem}. It takes ${wants}; nothing was sent`,
      'bulk',
    );
  }
  return { checked: true, template };
}

/** The parameter columns a recipient was read with: `['1', '2']` or the names. */
function columnsOf(recipient: BulkRecipient | undefined): { positional: boolean; names: string[] } {
  const parameters = recipient?.parameters;
  if (parameters === undefined) return { positional: true, names: [] };
  if (Array.isArray(parameters))
    return { positional: true, names: parameters.map((_, index) => String(index + 1)) };
  return { positional: false, names: Object.keys(parameters) };
}

function mismatch(
  expected: readonly string[],
  given: { positional: boolean; names: string[] },
): string | undefined {
  if (given.positional) {
    if (given.names.length === expected.length) return undefined;
    return given.names.length === 0
      ? 'it has no parameter columns'
      : `it has ${given.names.length} numbered parameter column(s), the template ${expected.length}`;
  }
  const missing = expected.filter((name) => !given.names.includes(name));
  const extra = given.names.filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0) return undefined;
  return [
    ...(missing.length > 0 ? [`column(s) ${missing.map((name) => `"${name}"`).join(', ')} missing`] : []),
    ...(extra.length > 0
      ? [`column(s) ${extra.map((name) => `"${name}"`).join(', ')} not in the template`]
      : []),
  ].join('; ');
}

/** `1,2` for a positional template, `name,ordernumber` for a named one. */
function columnHint(template: Template): string {
  return template.parameterFormat === 'positional'
    ? template.parameterNames.map((_, index) => String(index + 1)).join(',')
    : template.parameterNames.join(',');
}
