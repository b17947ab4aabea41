/**
 * Parses CSV text (RFC 4180): fields separated by commas, optionally double-quoted, `""` for a quote
 * inside quotes, quoted fields may span lines; CRLF or LF line ends; a leading UTF-8 BOM (as Excel
 * writes) is dropped. Blank lines are skipped.
 *
 * @throws Error when a quoted field is never closed.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++;
      row.push(field);
      if (row.some((value) => value !== '') || row.length > 1) rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new Error('Unterminated quoted field in CSV');
  row.push(field);
  if (row.some((value) => value !== '') || row.length > 1) rows.push(row);
  return rows;
}

/** One CSV data row, keyed by the header row's (trimmed) column names. */
export type CsvRecord = Record<string, string>;

/** The header row and the data rows of a CSV text; short rows get `''` for missing cells. */
export function readCsvRecords(text: string): { headers: string[]; records: CsvRecord[] } {
  const [headerRow, ...dataRows] = parseCsv(text);
  const headers = (headerRow ?? []).map((header) => header.trim());
  const records = dataRows.map((cells) => {
    const record: CsvRecord = {};
    headers.forEach((header, column) => {
      record[header] = (cells[column] ?? '').trim();
    });
    return record;
  });
  return { headers, records };
}
