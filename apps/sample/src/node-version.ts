/**
 * The oldest Node.js the app runs on: undici 8, the HTTP client under core's transport, needs 22.19.
 * An older Node fails deep inside undici with a `TypeError` that says nothing about the cause.
 */
export const MINIMUM_NODE_VERSION = '22.19.0';

/**
 * A message saying `version` (as in `process.versions.node`) is too old to run the app, or
 * `undefined` when it is recent enough.
 *
 * @example
 * ```ts
 * const problem = unsupportedNodeVersion(process.versions.node);
 * if (problem !== undefined) throw new Error(problem);
 * ```
 */
export function unsupportedNodeVersion(version: string): string | undefined {
  const current = parts(version);
  const minimum = parts(MINIMUM_NODE_VERSION);
  for (let index = 0; index < minimum.length; index++) {
    const have = current[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (have > need) return undefined;
    if (have < need) {
      return `Switchboard needs Node.js ${MINIMUM_NODE_VERSION} or newer; this is Node.js ${version}. Install a current LTS release (https://nodejs.org).`;
    }
  }
  return undefined;
}

function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}
