import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvRecords } from './csv.js';

describe('parseCsv', () => {
  it('splits rows and fields, with CRLF or LF line ends and a trailing newline', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,note\n"Doe, Jane","said ""hi""\nthen left"\n')).toEqual([
      ['name', 'note'],
      ['Doe, Jane', 'said "hi"\nthen left'],
    ]);
  });

  it('drops a UTF-8 BOM and blank lines, and keeps empty fields', () => {
    expect(parseCsv('\uFEFFa,b\n\n,x\n\r\n')).toEqual([
      ['a', 'b'],
      ['', 'x'],
    ]);
  });

  it('throws on an unterminated quoted field', () => {
    expect(() => parseCsv('a,"b\n')).toThrow('Unterminated quoted field');
  });
});

describe('readCsvRecords', () => {
  it('keys each row by the trimmed headers and fills short rows with empty strings', () => {
    expect(readCsvRecords(' Name , Phone \nJane,9876543210\nJohn\n')).toEqual({
      headers: ['Name', 'Phone'],
      records: [
        { Name: 'Jane', Phone: '9876543210' },
        { Name: 'John', Phone: '' },
      ],
    });
  });
});
