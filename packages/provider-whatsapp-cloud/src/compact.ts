/**
 * Copies the defined entries only, so optional fields never go out as `null`/`undefined` and
 * bodies compare equal to Meta's examples.
 *
 * @example
 * compact({ caption: undefined, filename: 'a.pdf' }); // { filename: 'a.pdf' }
 */
export function compact(entries: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) result[key] = value;
  return result;
}
