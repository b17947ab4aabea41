import { arrayEntries, foldTree, isPlainObject } from '../internal/fold-tree.js';
import { type UnescapedView, unescapedView } from './unescaped-view.js';

const REDACTED = '[redacted]';
// Graph paging links embed the access token, including one a gateway injected that we never saw.
// In an HTML page the `?`, `&` and `=` around it may be entities (`&amp;`, `&amp;amp;` when escaped
// twice, `&#38`, `&#x3f;`, `&#61;`, the `;` sometimes left out), and `;` separates parameters too.
// The value runs to the next separator; a numeric entity inside it (`&#43;`) is part of it.
const TOKEN_QUERY =
  /((?:[?&;]|&(?:amp;)+|&#0*(?:38|63);?|&#x0*(?:26|3f);?)(?:access_token|token|api_key|apikey|key)(?:=|&#0*61;?|&#x0*3d;?))(?:[^&"'\s<>;]|&#x?[0-9a-f]+;)+/gi;
const TOKEN_QUERY_PRESENT = /(?:access_token|token|api_?key|key)(?:=|&#)/i;
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
]);
// Shorter values are too likely to collide with ordinary text to be replaced safely.
const MIN_SECRET_LENGTH = 6;
// The string fields of an error (and of its causes) that are shown or logged.
const ERROR_TEXT_FIELDS = ['message', 'stack', 'url', 'responseBody', 'requestId', 'providerCode'] as const;
// As deep as `SwitchboardError.toJSON` describes a cause chain.
const MAX_CAUSE_DEPTH = 5;

/** A stretch `[start, end)` of the original text to replace. */
type Range = readonly [number, number];

/**
 * Removes secrets from text: every known secret value, and token-looking query parameters. A secret
 * is found however the text escapes it: verbatim, JSON-escaped (`\u0061bc…`, `\/`) or
 * percent-encoded (as the internal `unescapedView` decodes it), since a server may echo it in any of these forms,
 * and wherever its escapes start: a stray `\` or `%` just before it does not hide it.
 * Cheap when there is nothing to redact: one substring scan per secret.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  const ranges: Range[] = [];
  findSecrets(text, secrets, ranges);
  const view = unescapedView(text);
  if (view !== undefined) {
    findSecrets(view.text, secrets, ranges, view);
    findSpelledSecrets(text, secrets, ranges);
  }
  return ranges.length === 0 ? text : replaceRanges(text, ranges);
}

/**
 * {@link redactText} for a text that was cut short (a body read up to a limit): a secret cut in two
 * at the end matches no spelling, so the end that could hold its first part is dropped first. That
 * end is ten characters per character of the longest secret, more than any escaped spelling takes
 * (`&#x0041;` is eight).
 */
export function redactCutText(text: string, secrets: readonly string[]): string {
  const longest = secrets.reduce((most, secret) => Math.max(most, secret.length), 0);
  return redactText(text.slice(0, Math.max(0, text.length - longest * 10)), secrets);
}

/** A copy of `headers` safe to log: credentials replaced, the auth scheme kept for debugging. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SENSITIVE_HEADERS.has(lower)) {
      const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
      result[name] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    } else {
      result[name] = redactText(value, secrets);
    }
  }
  return result;
}

/** `keys`, with `#2`, `#3`… added to repeats, so two keys redacted alike do not overwrite each other. */
function distinctKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.map((key) => {
    let unique = key;
    for (let copy = 2; seen.has(unique); copy++) unique = `${key}#${copy}`;
    seen.add(unique);
    return unique;
  });
}

/**
 * Deeply redacts every string of a JSON-like value (arrays and plain objects), object keys included
 * (two keys redacted alike become `[REDACTED]` and `[REDACTED]#2`); returns the same object when
 * nothing changed. Iterative, so a response nested thousands of levels deep cannot
 * overflow the stack; a value that contains itself is cut with `"[Circular]"` there.
 */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  return foldTree<unknown>(value, {
    visit(item) {
      if (typeof item === 'string') return { leaf: redactText(item, secrets) };
      if (Array.isArray(item)) return { branch: item, entries: arrayEntries(item) };
      if (isPlainObject(item)) return { branch: item, entries: Object.entries(item) };
      return { leaf: item };
    },
    join(branch, entries, results) {
      if (Array.isArray(branch)) {
        return results.every((result, index) => result === entries[index]?.[1]) ? branch : results;
      }
      // A key can show a secret too (a map keyed by token, an echoed query string).
      const keys = distinctKeys(entries.map(([key]) => redactText(String(key), secrets)));
      const unchanged = results.every(
        (result, index) => result === entries[index]?.[1] && keys[index] === entries[index]?.[0],
      );
      if (unchanged) return branch;
      // fromEntries defines keys, so a `__proto__` key stays data instead of setting the prototype.
      return Object.fromEntries(keys.map((key, index) => [key, results[index]]));
    },
    cycle: () => '[Circular]',
    // A value built from shared parts is redacted once per part, not once per path to it.
    reuseShared: true,
  }) as T;
}

/**
 * Redacts, in place, every shown string of `error` and of its causes (message, stack, url,
 * responseBody, requestId, providerCode), and returns it. In place because an error's identity
 * matters to callers (`cause` links, `instanceof`), and because the transport applies it to every
 * error it throws or hands to a hook: an error mapper or a dispatcher may have built it from
 * unredacted text.
 */
export function redactError<E>(error: E, secrets: readonly string[]): E {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const holder = current as Record<string, unknown>;
    for (const field of [...ERROR_TEXT_FIELDS, 'cause'] as const) {
      const shown = holder[field];
      if (typeof shown !== 'string') continue;
      const redacted = redactText(shown, secrets);
      // Reflect.set rather than assignment: a frozen error stays as it is instead of throwing.
      if (redacted !== shown) Reflect.set(holder, field, redacted);
    }
    current = holder.cause;
  }
  return error;
}

/** Adds the ranges of secrets and token query values in `text`; `view` maps them back to the original. */
function findSecrets(text: string, secrets: readonly string[], into: Range[], view?: UnescapedView): void {
  const add = (start: number, end: number) =>
    into.push(view === undefined ? [start, end] : [view.originalOffset(start), view.originalOffset(end)]);
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length))
      add(at, at + secret.length);
  }
  // The includes() check keeps the regex off the common path: most bodies hold no query string.
  if ((text.includes('=') || text.includes('&#')) && TOKEN_QUERY_PRESENT.test(text)) {
    for (const match of text.matchAll(TOKEN_QUERY)) {
      const start = match.index + (match[1] as string).length;
      add(start, match.index + match[0].length);
    }
  }
}

/**
 * Adds the ranges of secrets spelled with escapes at any offset of `text`. The view decodes escapes
 * from the start of the text, so an escape whose backslash a stray one before it pairs with (`\` then
 * `\u0061bc…`), or a `%` that swallows the secret's first two characters (`%` then `41%2Fb…`), hides
 * the secret there; matching each character's spellings directly does not depend on what comes before.
 */
function findSpelledSecrets(text: string, secrets: readonly string[], into: Range[]): void {
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    // Where the run of backslashes before `scanned` starts; matches come in order, so one pass serves all.
    let scanned = 0;
    let runStart = 0;
    for (const match of text.matchAll(spellingPattern(secret))) {
      let start = match.index;
      for (; scanned < start; scanned++) if (text[scanned] !== '\\') runStart = scanned + 1;
      // Take the stray backslash too: left alone before the marker, it would escape the marker's `[`.
      if (text[start] === '\\' && (start - runStart) % 2 === 1) start--;
      into.push([start, match.index + match[0].length]);
    }
  }
}

const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['\b', 'b'],
  ['\f', 'f'],
  ['\n', 'n'],
  ['\r', 'r'],
  ['\t', 't'],
]);

// Built once per secret (a transport redacts with the same few secrets all its life); bounded so
// that callers passing ever new secrets cannot grow it without limit.
const spellingPatterns = new Map<string, RegExp>();
const MAX_CACHED_PATTERNS = 64;

/**
 * A regex matching `secret` with each UTF-16 unit verbatim, as `\uXXXX` (either case), as its short
 * JSON escape, or (ASCII) as `%XX`: the spellings the internal `unescapedView` decodes. A backslash is only
 * matched escaped, as JSON and URLs write it, which keeps the alternatives of a unit from overlapping.
 */
function spellingPattern(secret: string): RegExp {
  const cached = spellingPatterns.get(secret);
  if (cached !== undefined) return cached;
  let source = '';
  for (let index = 0; index < secret.length; index++) {
    const code = secret.charCodeAt(index);
    const char = secret[index] as string;
    const alternatives = [`\\\\u${hexPattern(code, 4)}`];
    if (char !== '\\') alternatives.push(`\\u${hex(code, 4)}`);
    const short = SHORT_ESCAPES.get(char);
    if (short !== undefined) alternatives.push(`\\\\\\u${hex(short.charCodeAt(0), 4)}`);
    if (code < 0x80) alternatives.push(`%${hexPattern(code, 2)}`);
    source += `(?:${alternatives.join('|')})`;
  }
  const pattern = new RegExp(source, 'g');
  if (spellingPatterns.size >= MAX_CACHED_PATTERNS) spellingPatterns.clear();
  spellingPatterns.set(secret, pattern);
  return pattern;
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/** `code` as hex digits matched in either case: `2f` → `2[fF]`. */
function hexPattern(code: number, digits: number): string {
  return [...hex(code, digits)]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

/** `text` with each range, overlapping ones merged, replaced by the redaction marker. */
function replaceRanges(text: string, ranges: Range[]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let result = '';
  let copied = 0;
  let index = 0;
  while (index < ranges.length) {
    const [start, first] = ranges[index++] as Range;
    let end = first;
    while (index < ranges.length && (ranges[index] as Range)[0] < end)
      end = Math.max(end, (ranges[index++] as Range)[1]);
    result += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
  }
  return result + text.slice(copied);
}
