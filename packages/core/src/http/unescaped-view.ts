/**
 * Text with its escapes decoded, and the way back: for each decoded UTF-16 unit, the offset in the
 * original text where it started, so that a match found in `text` can be cut out of the original.
 */
export interface UnescapedView {
  text: string;
  /** Where decoded unit `index` began in the original; `text.length` gives the original's length. */
  originalOffset(index: number): number;
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
  // Runs without an escape are copied whole, and only the escapes are recorded (where each decoded
  // and where it stood): mapping every unit, a character at a time, took seconds on a large body.
  const parts: string[] = [];
  const escapes = new EscapeOffsets();
  const next = new NextEscape(text);
  let length = 0;
  let index = 0;
  while (index < text.length) {
    const escapeAt = next.from(index);
    const runEnd = escapeAt === -1 ? text.length : escapeAt;
    if (runEnd > index) {
      parts.push(text.slice(index, runEnd));
      length += runEnd - index;
      index = runEnd;
      if (escapeAt === -1) break;
    }
    const [unit, width] = decodeEscape(text, index);
    escapes.add(length, index, width);
    parts.push(unit);
    length += 1;
    index += width;
  }
  return { text: parts.join(''), originalOffset: (at) => escapes.originalOffset(at) };
}

/** The escapes of a text, in order: where each one's unit is in the decoded text and where it stood. */
class EscapeOffsets {
  private readonly decoded: number[] = [];
  private readonly original: number[] = [];
  private readonly widths: number[] = [];

  add(decodedIndex: number, originalIndex: number, width: number): void {
    this.decoded.push(decodedIndex);
    this.original.push(originalIndex);
    this.widths.push(width);
  }

  /** Unit `index`'s offset in the original: the last escape at or before it says how far text has shifted. */
  originalOffset(index: number): number {
    let low = 0;
    let high = this.decoded.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((this.decoded[middle] as number) <= index) {
        last = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (last === -1) return index;
    const decoded = this.decoded[last] as number;
    const original = this.original[last] as number;
    if (decoded === index) return original;
    return original + (this.widths[last] as number) + (index - decoded - 1);
  }
}

/**
 * The next backslash or `%` at or after a position that only grows. Each character's next position is
 * remembered until passed: searching both anew each time would rescan to the end for a character
 * the text lacks, quadratic in a long text.
 */
class NextEscape {
  private backslash = -2;
  private percent = -2;

  constructor(private readonly text: string) {}

  from(index: number): number {
    if (this.backslash !== -1 && this.backslash < index) this.backslash = this.text.indexOf('\\', index);
    if (this.percent !== -1 && this.percent < index) this.percent = this.text.indexOf('%', index);
    if (this.backslash === -1) return this.percent;
    if (this.percent === -1) return this.backslash;
    return Math.min(this.backslash, this.percent);
  }
}

/** The unit the escape at `index` stands for and the escape's width; an unknown one stands for itself. */
function decodeEscape(text: string, index: number): [unit: string, width: number] {
  const char = text[index] as string;
  if (char === '\\') {
    const next = text[index + 1] ?? '';
    const hex = text.slice(index + 2, index + 6);
    if (next === 'u' && HEX4.test(hex)) return [String.fromCharCode(Number.parseInt(hex, 16)), 6];
    const simple = SIMPLE_ESCAPES.get(next);
    if (simple !== undefined) return [simple, 2];
    return [char, 1];
  }
  const hex = text.slice(index + 1, index + 3);
  if (HEX2.test(hex)) return [String.fromCharCode(Number.parseInt(hex, 16)), 3];
  return [char, 1];
}
