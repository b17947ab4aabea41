// Types of the functions scripts/bootstrap.mjs exports, for its tests (tests/structure).

/** `[major, minor, patch]` of `v22.19.0`, `22.19`, `24`. */
export function versionParts(version: string): [number, number, number];
/** Whether `version` is at least `minimum`. */
export function atLeast(version: string, minimum: string): boolean;
/** The minimum Node.js and the pinned pnpm of a root package.json. */
export function requirements(manifest: unknown): { node: string; pnpm: string };
/** What to do about the toolchain. */
export function toolchainPlan(input: {
  required: { node: string; pnpm: string };
  systemNode: string | undefined;
  systemPnpm: string | undefined;
  toolsNode: string | undefined;
  toolsPnpm: string | undefined;
}): { use: 'path' | 'tools'; install: string[]; message: string | undefined };
