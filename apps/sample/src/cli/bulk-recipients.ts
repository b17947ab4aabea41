import { isBusinessScopedUserId, parsePhone } from '@switchboard/core';
import type { CsvTable } from './csv.js';
import { UsageError } from './usage-error.js';

/** One recipient read from the CSV. */
export interface BulkRecipient {
  /** The CSV line, for the results file. */
  line: number;
  /** Digits with the country code, or a business-scoped user id as written. */
  to: string;
  parameters?: string[] | Record<string, string>;
}

/** Problems listed before giving up, so a long file does not flood the terminal. */
const MAX_LISTED_PROBLEMS = 10;

/**
 * Recipients from a CSV with a `phone` column (a phone number, or a business-scoped user id such as
 * `US.13491208655302741918` for a provider that can address one) and one column per template parameter: columns named
 * `1`, `2`… fill `{{1}}`, `{{2}}`; other names fill named parameters. Every row is checked before
 * anything is sent.
 *
 * @throws {UsageError} listing the rows at fault (line numbers as in the file).
 */
export function recipientsFromCsv(table: CsvTable, file: string): BulkRecipient[] {
  const phoneColumn = table.headers.find((header) => header.toLowerCase() === 'phone');
  if (phoneColumn === undefined) {
    const semicolons =
      table.headers.length === 1 && table.headers[0]?.includes(';')
        ? ': it looks separated by semicolons; save it as comma-separated CSV'
        : '';
    throw new UsageError(
      `${file} needs a "phone" column (found: ${table.headers.join(', ')})${semicolons}`,
      'bulk',
    );
  }
  const parameterColumns = table.headers.filter((header) => header !== phoneColumn);
  const positional = parameterColumns.length > 0 && parameterColumns.every((header) => /^\d+$/.test(header));
  if (positional) {
    const numbers = parameterColumns.map(Number).sort((a, b) => a - b);
    if (numbers.some((number, index) => number !== index + 1)) {
      throw new UsageError(
        `${file}: numbered columns must be 1, 2, 3… without gaps (found ${numbers.join(', ')})`,
        'bulk',
      );
    }
  } else if (parameterColumns.some((header) => /^\d+$/.test(header))) {
    throw new UsageError(`${file}: parameter columns must be all numbers or all names, not a mix`, 'bulk');
  }
  if (table.rows.length === 0) throw new UsageError(`${file} has no recipients below its header`, 'bulk');

  const problems: string[] = [];
  const recipients: BulkRecipient[] = [];
  for (const row of table.rows) {
    const cell = (row.values[phoneColumn] ?? '').trim();
    const phone = isBusinessScopedUserId(cell) ? { ok: true as const, phone: cell } : parsePhone(cell);
    if (!phone.ok) problems.push(`line ${row.line}: ${phoneColumn}: ${phone.message}`);
    for (const column of parameterColumns) {
      if ((row.values[column] ?? '').trim() === '')
        problems.push(`line ${row.line}: column "${column}" is empty`);
    }
    if (!phone.ok) continue;
    const recipient: BulkRecipient = { line: row.line, to: phone.phone };
    if (parameterColumns.length > 0) {
      recipient.parameters = positional
        ? [...parameterColumns]
            .sort((a, b) => Number(a) - Number(b))
            .map((column) => row.values[column] ?? '')
        : Object.fromEntries(parameterColumns.map((column) => [column, row.values[column] ?? '']));
    }
    recipients.push(recipient);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  ${problem}`);
    const more =
      problems.length > MAX_LISTED_PROBLEMS ? [`  … and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
    throw new UsageError(
      [`${file} has ${problems.length} problem(s); nothing was sent:`, ...listed, ...more].join('\n'),
      'bulk',
    );
  }
  return recipients;
}

/**
 * The CSV lines whose recipient is a business-scoped user id, when the provider cannot address one
 * (it lacks `send.to.userId`): checked before anything is sent, so the error names lines of the file.
 *
 * @throws {UsageError} listing those lines.
 */
export function refuseUnaddressableRecipients(
  recipients: readonly BulkRecipient[],
  provider: { readonly id: string; readonly capabilities: ReadonlySet<string> },
  file: string,
): void {
  if (provider.capabilities.has('send.to.userId')) return;
  const lines = recipients
    .filter((recipient) => isBusinessScopedUserId(recipient.to))
    .map(({ line }) => line);
  if (lines.length === 0) return;
  const listed =
    lines.slice(0, MAX_LISTED_PROBLEMS).join(', ') + (lines.length > MAX_LISTED_PROBLEMS ? ', …' : '');
  throw new UsageError(
    `${file}: ${lines.length} row(s) address a business-scoped user id, which ${provider.id} cannot send to ` +
      `here (line ${listed}); nothing was sent. Use phone numbers${provider.id === 'wati' ? ", or WATI's api: 'v3'" : ''}`,
    'bulk',
  );
}
