/**
 * `attachment; filename="…"` for a download. A header value is Latin-1 only, so a name with other
 * characters (`报告.pdf`) gets an ASCII stand-in plus its exact UTF-8 form in `filename*` (RFC 6266);
 * quotes and backslashes are replaced so the quoted string stays well formed.
 *
 * @example
 * ```ts
 * attachmentDisposition('invoice.pdf'); // 'attachment; filename="invoice.pdf"'
 * attachmentDisposition('报告.pdf'); // `attachment; filename="__.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`
 * ```
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (fallback === filename) return `attachment; filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
