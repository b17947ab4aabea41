import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('attachmentDisposition', () => {
  it('quotes a plain ASCII name as it is', () => {
    expect(attachmentDisposition('invoice 2024.pdf')).toBe('attachment; filename="invoice 2024.pdf"');
  });

  it('adds the exact UTF-8 name in filename* when the name is not plain ASCII, and stays a valid header', () => {
    const value = attachmentDisposition('报告 (final).pdf');
    expect(value).toBe(
      `attachment; filename="__ (final).pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%28final%29.pdf`,
    );
    expect(new Headers({ 'content-disposition': value }).get('content-disposition')).toBe(value);
  });

  it('replaces quotes and backslashes in the quoted name', () => {
    expect(attachmentDisposition('a"b\\c.txt')).toBe(
      `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
    );
  });
});
