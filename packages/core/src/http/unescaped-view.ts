/**
 * Text with its escapes decoded, and for each decoded UTF-16 unit the offset in the original text
 * where it started, so that a match found in `text` can be cut out of the original.
 */
export interface UnescapedView {
  text: string;
  /** `starts[i]` is where decoded unit `i` began; `starts[text.length]` is the original's length. */
  starts: Int32Array;
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);
const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX2 = /^[0-7][0-9a-fA-F]$/;

/**
 * Decodes the escapes a secret can hide behind in text Switchboard shows: JSON string escapes
 * (`\u0061`, `\/`, `\"`; a server may escape any character, and Go escapes `&` as `\u0026`) and
 * ASCII percent-escapes (`%2F`, as a value appears in a URL). There are too many escaped spellings
 * of one secret to list them, so matching happens on this view instead. Returns `undefined` when
 * `text` has no escape, which is the common case and costs one scan.
 *
 * Non-ASCII percent-escapes (UTF-8 byte runs) stay as they are: keys and tokens are ASCII.
 */
export function unescapedView(text: string): UnescapedView | undefined {
  if (!text.includes('\\') && !text.includes('%')) return undefined;
  const starts = new Int32Array(text.length + 1);
  let decoded = '';
  let index = 0;
  while (index < text.length) {
    const start = index;
    const char = text[index] as string;
    let unit = char;
    let width = 1;
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      const hex = text.slice(index + 2, index + 6);
      if (next === 'u' && HEX4.test(hex)) {
        unit = String.fromCharCode(Number.parseInt(hex, 16));
        width = 6;
      } else {
        const simple = SIMPLE_ESCAPES.get(next);
        if (simple !== undefined) {
          unit = simple;
          width = 2;
        }
      }
    } else if (char === '%') {
      const hex = text.slice(index + 1, index + 3);
      if (HEX2.test(hex)) {
        unit = String.fromCharCode(Number.parseInt(hex, 16));
        width = 3;
      }
    }
    starts[decoded.length] = start;
    decoded += unit;
    index += width;
  }
  starts[decoded.length] = text.length;
  return { text: decoded, starts: starts.subarray(0, decoded.length + 1) };
}
