import { readCsvRecords } from './csv.js';
import type { TemplateReceiver } from './template-send.js';
import type { WatiNameValue } from './wati-records.js';
import type { WatiTemplateRecord } from './wati-template.js';

/** Columns of WATI's contact-import CSV that are not attributes (matched case-insensitively). */
const STANDARD_COLUMNS = ['name', 'countrycode', 'phone', 'allowbroadcast', 'allowsms'];

/**
 * Recipients of a `sendTemplateMessageCSV` upload, in WATI's contact-import format: a `Phone` column
 * (required), optional `CountryCode` (prefixed to the phone, `+` and spaces dropped), `Name`,
 * `AllowBroadcast`, `AllowSMS`. A column named exactly (case-sensitively) after a template parameter
 * supplies it; any other column becomes a contact attribute, as in WATI's import. The parameter-column convention is an inference:
 * WATI's `sendTemplateMessageCSV` reference (https://docs.wati.io/reference/sendtemplatemessagecsv) does not document it.
 */
export function csvReceivers(
  csvText: string,
  template: WatiTemplateRecord,
): { ok: true; receivers: TemplateReceiver[] } | { ok: false; reason: string } {
  let table: ReturnType<typeof readCsvRecords>;
  try {
    table = readCsvRecords(csvText);
  } catch (error) {
    return {
      ok: false,
      reason: `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const column = (name: string) => table.headers.find((header) => header.toLowerCase() === name);
  const phoneColumn = column('phone');
  if (phoneColumn === undefined) return { ok: false, reason: 'The CSV must have a Phone column.' };
  const countryColumn = column('countrycode');
  const nameColumn = column('name');
  const paramNames = new Set(template.customParams.map((param) => param.paramName));
  // A column named exactly like a parameter supplies it, even one that is also a standard column (`name`).
  const paramColumns = table.headers.filter((header) => paramNames.has(header));
  const attributeColumns = table.headers.filter(
    (header) => !paramNames.has(header) && !STANDARD_COLUMNS.includes(header.toLowerCase()),
  );

  const receivers = table.records.map((record): TemplateReceiver => {
    const digits = (value: string | undefined) => (value ?? '').replace(/[\s+\-()]/g, '');
    const waId = `${digits(countryColumn === undefined ? '' : record[countryColumn])}${digits(record[phoneColumn])}`;
    const pick = (header: string): WatiNameValue => ({ name: header, value: record[header] ?? '' });
    const name = nameColumn === undefined ? undefined : record[nameColumn] || undefined;
    return {
      waId,
      contactName: name,
      parameters: paramColumns.map(pick),
      attributes: attributeColumns.map(pick),
    };
  });
  return { ok: true, receivers };
}
