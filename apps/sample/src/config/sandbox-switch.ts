import { type Environment, type ProviderDefinition, ValidationError } from '@switchboard/core';

/** Forces sandbox mode on (`true`, `1`) or off (`false`, `0`) whatever else is configured. */
export const SANDBOX_ENV_VARIABLE = 'SWITCHBOARD_SANDBOX';

/**
 * Variables that choose between options without configuring an account, so they alone do not
 * leave sandbox mode: `SWITCHBOARD_PROVIDER=wati` runs the WATI sandbox.
 */
const SELECTORS: ReadonlySet<string> = new Set([
  'SWITCHBOARD_PROVIDER',
  'WHATSAPP_TRANSPORT',
  'WATI_TRANSPORT',
  // Which WATI API to speak, not an account: the sandbox honours it too.
  'WATI_API',
]);

/**
 * The provider variables set in `env` (credentials, account ids, URLs), by name. Any of them means
 * the user is configuring a real account, so a missing credential is reported instead of silently
 * falling back to the sandbox.
 */
export function configuredProviderVariables(
  env: Environment,
  definitions: readonly ProviderDefinition[],
): string[] {
  const names = new Set(definitions.flatMap((definition) => definition.env.map((variable) => variable.name)));
  return [...names].filter((name) => !SELECTORS.has(name) && (env[name]?.trim() ?? '') !== '');
}

/**
 * `SWITCHBOARD_SANDBOX` as a boolean, `undefined` when unset.
 *
 * @throws {ValidationError} for any other value.
 */
export function sandboxOverride(env: Environment): boolean | undefined {
  const value = env[SANDBOX_ENV_VARIABLE]?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ValidationError(
    `Environment variable ${SANDBOX_ENV_VARIABLE} must be true, false, 1 or 0: unset it to let the app decide`,
    { issues: [{ path: SANDBOX_ENV_VARIABLE, message: 'expected true, false, 1 or 0' }] },
  );
}
