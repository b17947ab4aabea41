/** Items without the provider's `raw` records, which API and CLI users do not need. */
export function withoutRaw<T extends { raw?: unknown }>(items: readonly T[]): Omit<T, 'raw'>[] {
  return items.map(({ raw: _raw, ...item }) => item);
}
