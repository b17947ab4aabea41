import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads a header and rows, with line numbers', () => {
    expect(parseCsv('phone,name\n447700900123,Ada\n14155550142,Grace\n')).toStrictEqual({
      headers: ['phone', 'name'],
      rows: [
        { line: 2, values: { phone: '447700900123', name: 'Ada' } },
        { line: 3, values: { phone: '14155550142', name: 'Grace' } },
      ],
    });
  });

  it('handles quotes, escaped quotes, commas and line breaks in cells, CRLF and a BOM', () => {
    const text = '\ufeffphone,note\r\n447700900123,"Says ""hi"", twice"\r\n14155550142,"two\nlines"\r\n';
    expect(parseCsv(text).rows).toStrictEqual([
      { line: 2, values: { phone: '447700900123', note: 'Says "hi", twice' } },
      { line: 3, values: { phone: '14155550142', note: 'two\nlines' } },
    ]);
  });

  it('skips blank lines and keeps counting them', () => {
    expect(parseCsv('phone\n\n447700900123\n\n').rows).toStrictEqual([
      { line: 3, values: { phone: '447700900123' } },
    ]);
  });

  it('skips rows a spreadsheet exports for blank lines: only commas, or only spaces', () => {
    expect(parseCsv('phone,1,2\r\n447700900123,Ada,1\r\n,,\r\n  \r\n" ", ,\r\n').rows).toStrictEqual([
      { line: 2, values: { phone: '447700900123', '1': 'Ada', '2': '1' } },
    ]);
    expect(() => parseCsv('phone,1,2\n,,\n')).not.toThrow();
  });

  it.each([
    ['', 'line 1: the file is empty: the first line must name the columns'],
    ['phone,,name\n', 'line 1: column 2 has no name'],
    ['phone,phone\n', 'line 1: column "phone" appears twice'],
    ['phone,name\n447700900123\n', 'line 2: expected 2 cells like the header, found 1'],
    ['phone\n"447700900123\n', 'line 2: a quoted cell is never closed'],
    ['phone\nab"c"\n', 'line 2: a quote may only open a cell'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseCsv(text)).toThrow(
      new CsvError(message.replace(/^line \d+: /, ''), Number(message.match(/^line (\d+)/)?.[1])),
    );
  });
});
