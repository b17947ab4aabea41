import { UsageError } from './usage-error.js';

/**
 * Template parameters from `--param key=value` options: all numeric keys (`--param 1=Ada --param 2=42`)
 * make a positional list for `{{1}}`, `{{2}}`; names (`--param name=Ada`) make a named record.
 * `undefined` when there is none.
 *
 * @throws {UsageError} for a pair without `=`, a repeated key, a mix of both forms, or a gap in the numbers.
 */
export function parseTemplateParameters(
  pairs: readonly string[],
  command: string,
): string[] | Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const entries = new Map<string, string>();
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    const key = separator === -1 ? '' : pair.slice(0, separator).trim();
    if (key === '')
      throw new UsageError(
        `--param expects key=value (e.g. --param 1=Ada or --param name=Ada), got "${pair}"`,
        command,
      );
    if (entries.has(key)) throw new UsageError(`--param ${key} is given twice`, command);
    entries.set(key, pair.slice(separator + 1));
  }
  const keys = [...entries.keys()];
  const positional = keys.every((key) => /^\d+$/.test(key));
  if (!positional) {
    if (keys.some((key) => /^\d+$/.test(key))) {
      throw new UsageError(
        '--param keys must be all numbers ({{1}}, {{2}}) or all names ({{name}}), not a mix',
        command,
      );
    }
    return Object.fromEntries(entries);
  }
  const values: string[] = [];
  for (let index = 1; index <= keys.length; index++) {
    const value = entries.get(String(index));
    if (value === undefined) {
      throw new UsageError(`--param numbers must run 1, 2, 3… without gaps: ${index} is missing`, command);
    }
    values.push(value);
  }
  return values;
}
