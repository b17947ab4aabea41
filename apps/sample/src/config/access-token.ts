import { type Environment, resolveEnvReferences, ValidationError } from '@switchboard/core';

/** The variable holding the token that opens the inbox and `/api/*`; it wins over the file's `accessToken`. */
export const ACCESS_TOKEN_ENV_VARIABLE = 'SWITCHBOARD_ACCESS_TOKEN';

/** The config file's top-level field for the same token (`"env:NAME"` allowed). */
export const ACCESS_TOKEN_FILE_FIELD = 'accessToken';

/** Shortest token accepted: anything shorter could be guessed. */
export const MIN_ACCESS_TOKEN_LENGTH = 16;

/** Printable ASCII without spaces: what fits an `Authorization: Bearer` header and a form field alike. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

/**
 * The access token: `SWITCHBOARD_ACCESS_TOKEN` when set (and not blank), else the config file's
 * `accessToken` (`"env:NAME"` resolved), else `undefined` (no token: the app is open to whoever can
 * reach it, which `serve` allows only on loopback in live mode). Surrounding whitespace is dropped.
 *
 * @throws {ValidationError} naming the variable or field, never the value, for a token that is too
 *   short, holds spaces or control characters, or is not a string.
 */
export function accessTokenFrom(env: Environment, fileValue?: unknown): string | undefined {
  const fromEnv = env[ACCESS_TOKEN_ENV_VARIABLE]?.trim();
  if (fromEnv)
    return checked(fromEnv, ACCESS_TOKEN_ENV_VARIABLE, `Environment variable ${ACCESS_TOKEN_ENV_VARIABLE}`);
  if (fileValue === undefined) return undefined;
  const resolved = resolveEnvReferences(fileValue, [ACCESS_TOKEN_FILE_FIELD], env);
  if (typeof resolved !== 'string') {
    throw new ValidationError(`Config field ${ACCESS_TOKEN_FILE_FIELD} must be a string`, {
      issues: [{ path: ACCESS_TOKEN_FILE_FIELD, message: 'expected a string' }],
    });
  }
  return checked(resolved.trim(), ACCESS_TOKEN_FILE_FIELD, `Config field ${ACCESS_TOKEN_FILE_FIELD}`);
}

function checked(token: string, path: string, what: string): string {
  if (token.length >= MIN_ACCESS_TOKEN_LENGTH && TOKEN_PATTERN.test(token)) return token;
  const message = `must be at least ${MIN_ACCESS_TOKEN_LENGTH} printable ASCII characters without spaces`;
  throw new ValidationError(
    `${what} ${message}: use a long random secret, e.g. the output of \`openssl rand -hex 32\``,
    {
      issues: [{ path, message }],
    },
  );
}
