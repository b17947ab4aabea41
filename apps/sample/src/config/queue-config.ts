import { type Environment, resolveEnvReferences, ValidationError } from '@switchboard/core';

/** The variable that turns the outbox on: a `redis://` or `rediss://` URL. It wins over the file's `queue`. */
export const REDIS_URL_ENV_VARIABLE = 'REDIS_URL';

/** The config file's top-level field for the outbox: `{ "redisUrl": "env:REDIS_URL", "queueName"?: … }`. */
export const QUEUE_FILE_FIELD = 'queue';

/** The BullMQ queue the sample's outbox uses unless the file names another. */
export const DEFAULT_SAMPLE_QUEUE_NAME = 'switchboard-sample-outbox';

/**
 * Where the sample's outbox lives. Set, `/api/messages` and `/api/bulk` enqueue instead of sending;
 * a worker in the app's own process sends. The URL may hold a password: never log it.
 */
export interface QueueConfig {
  redisUrl: string;
  queueName: string;
}

/**
 * The outbox configuration: `REDIS_URL` when set (and not blank), else the config file's `queue`
 * (`redisUrl` may be `"env:NAME"`), else `undefined` (messages are sent directly, as without Redis).
 *
 * @throws {ValidationError} naming the variable or field, never its value (a Redis URL may carry a
 *   password), for a URL that is not `redis://` or `rediss://`, or a malformed `queue` section.
 */
export function queueConfigFrom(env: Environment, fileValue?: unknown): QueueConfig | undefined {
  const fromEnv = env[REDIS_URL_ENV_VARIABLE]?.trim();
  if (fromEnv) {
    return { redisUrl: checkedUrl(fromEnv, REDIS_URL_ENV_VARIABLE), queueName: DEFAULT_SAMPLE_QUEUE_NAME };
  }
  if (fileValue === undefined) return undefined;
  if (typeof fileValue !== 'object' || fileValue === null || Array.isArray(fileValue)) {
    throw invalid(QUEUE_FILE_FIELD, 'expected an object such as { "redisUrl": "env:REDIS_URL" }');
  }
  const { redisUrl, queueName, ...unknownKeys } = fileValue as Record<string, unknown>;
  const extra = Object.keys(unknownKeys)[0];
  if (extra !== undefined) {
    throw invalid(`${QUEUE_FILE_FIELD}.${extra}`, 'unknown field: expected redisUrl and queueName');
  }
  const urlField = `${QUEUE_FILE_FIELD}.redisUrl`;
  const resolved = resolveEnvReferences(redisUrl, [QUEUE_FILE_FIELD, 'redisUrl'], env);
  if (typeof resolved !== 'string' || resolved.trim() === '')
    throw invalid(urlField, 'expected a redis:// URL');
  if (queueName !== undefined && (typeof queueName !== 'string' || !/^[\w.-]{1,100}$/.test(queueName))) {
    throw invalid(`${QUEUE_FILE_FIELD}.queueName`, 'expected 1 to 100 letters, digits, ".", "_" or "-"');
  }
  return {
    redisUrl: checkedUrl(resolved.trim(), urlField),
    queueName: queueName ?? DEFAULT_SAMPLE_QUEUE_NAME,
  };
}

/** `redis://[user:password@]host[:port][/db]` as given; a `ValidationError` that never repeats it. */
function checkedUrl(value: string, path: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(path, 'expected a URL such as redis://127.0.0.1:6379');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw invalid(path, 'expected a redis:// or rediss:// URL');
  }
  return value;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${path}: ${message}`, { issues: [{ path, message }] });
}

/** The URL with its password masked, for logs: `redis://user:***@host:6379/0`. */
export function describeRedisUrl(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password !== '') url.password = '***';
  // ioredis also reads a password from the query string.
  if (url.searchParams.has('password')) url.searchParams.set('password', '***');
  return url.toString();
}
