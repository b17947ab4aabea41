/**
 * The title of a per-capability check. With the claimed capabilities known up front (`options.capabilities`)
 * it says which case applies, e.g. `send.location (not claimed): refused …`; otherwise both.
 */
export function capabilityTitle(
  capability: string,
  claimed: ReadonlySet<string> | undefined,
  ifClaimed: string,
  ifNotClaimed: string,
): string {
  if (claimed === undefined) return `${capability}: ${ifClaimed} if claimed, else ${ifNotClaimed}`;
  return claimed.has(capability)
    ? `${capability} (claimed): ${ifClaimed}`
    : `${capability} (not claimed): ${ifNotClaimed}`;
}
