/** One data row of a CSV file. */
export interface CsvRow {
  /** 1-based line of the file where the row starts, for error messages. */
  line: number;
  /** Cell values by header. */
  values: Record<string, string>;
}

/** A parsed CSV file. */
export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
}

/** A CSV file that cannot be read as a table, with the line at fault. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Parses CSV as RFC 4180 writes it (and spreadsheets export it): comma-separated, fields optionally
 * in double quotes with `""` for a quote, quoted fields may hold commas and line breaks, CRLF or LF
 * line ends, an optional UTF-8 byte order mark. The first row is the header; headers are trimmed and
 * must be unique and non-empty. Blank lines and rows whose cells are all empty or spaces are
 * skipped; every other row must have as many cells as the header.
 *
 * @throws {CsvError} naming the line of the first problem.
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.startsWith('\ufeff') ? text.slice(1) : text);
  const header = records.shift();
  if (header === undefined) throw new CsvError('the file is empty: the first line must name the columns', 1);
  const headers = header.cells.map((cell) => cell.trim());
  headers.forEach((name, index) => {
    if (name === '') throw new CsvError(`column ${index + 1} has no name`, header.line);
    if (headers.indexOf(name) !== index) throw new CsvError(`column "${name}" appears twice`, header.line);
  });
  const rows = records.map(({ line, cells }) => {
    if (cells.length !== headers.length) {
      throw new CsvError(`expected ${headers.length} cells like the header, found ${cells.length}`, line);
    }
    return { line, values: Object.fromEntries(headers.map((name, index) => [name, cells[index] ?? ''])) };
  });
  return { headers, rows };
}

function splitRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const endRecord = () => {
    cells.push(cell);
    // A blank line, or a row of empty cells (spreadsheets export blank rows as `,,`), is skipped
    // rather than read as a recipient with no phone.
    if (cells.some((value) => value.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
      index++;
      continue;
    }
    if (char === '"') {
      if (cell.trim() !== '') throw new CsvError('a quote may only open a cell', line);
      cell = '';
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      endRecord();
      if (char === '\r' && text[index + 1] === '\n') index++;
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
    index++;
  }
  if (quoted) throw new CsvError('a quoted cell is never closed', recordLine);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
