import { Redis, type RedisOptions } from 'ioredis';
import { RedisConnectionError } from './queue-errors.js';

/**
 * How to reach Redis: a `redis://` / `rediss://` URL or ioredis options (`host`, `port`,
 * `password`, `tls`, …). Every outbox, limiter and store opens its own connections from it.
 */
export type RedisConnectionOptions = string | RedisOptions;

/** Default bound on the startup check: a Redis that does not answer within it is reported down. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * `connection` as text for errors and logs: a URL with its password (and a username's password
 * part) replaced by `***`, or `host:port/db` for options.
 */
export function describeRedisConnection(connection: RedisConnectionOptions): string {
  if (typeof connection === 'string') {
    try {
      const url = new URL(connection);
      if (url.password !== '') url.password = '***';
      return url.toString();
    } catch {
      // Not a URL: never echo it, it may be a password pasted in the wrong place.
      return '(unparseable Redis URL)';
    }
  }
  if (connection.path !== undefined) return `unix:${connection.path}`;
  const host = connection.host ?? '127.0.0.1';
  const port = connection.port ?? 6379;
  const scheme = connection.tls === undefined ? 'redis' : 'rediss';
  const user = connection.username === undefined ? '' : `${encodeURIComponent(connection.username)}`;
  const auth = connection.password === undefined ? (user === '' ? '' : `${user}@`) : `${user}:***@`;
  return `${scheme}://${auth}${host}:${port}/${connection.db ?? 0}`;
}

/**
 * Opens a long-lived client. `maxRetriesPerRequest: null` is what BullMQ requires of its
 * connections: commands wait across a reconnect instead of failing, so a worker rides out a
 * Redis restart. ioredis reconnects forever with its default strategy.
 */
export function openRedis(connection: RedisConnectionOptions, extra: RedisOptions = {}): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: null, ...extra };
  const client =
    typeof connection === 'string'
      ? new Redis(connection, options)
      : new Redis({ ...connection, ...options });
  // Without a listener, ioredis prints every reconnect failure; the outbox reports them itself.
  client.on('error', () => undefined);
  return client;
}

/**
 * Checks once that Redis answers, without retrying, so a wrong address fails fast with a
 * {@link RedisConnectionError} instead of workers waiting forever.
 */
export async function assertRedisReachable(
  connection: RedisConnectionOptions,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<void> {
  const target = describeRedisConnection(connection);
  let probe: Redis;
  try {
    probe = openRedis(connection, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: timeoutMs,
      enableOfflineQueue: false,
    });
  } catch (error) {
    throw new RedisConnectionError(`Invalid Redis connection options for ${target}`, {
      target,
      cause: error,
    });
  }
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisConnectionError(
      `Cannot connect to Redis at ${target}: ${redactReason(reason, connection)}`,
      {
        target,
        cause: error,
      },
    );
  } finally {
    probe.disconnect();
  }
}

/** ioredis messages name host and port; a password never, but a URL given as host could carry one. */
function redactReason(reason: string, connection: RedisConnectionOptions): string {
  const password =
    typeof connection === 'string' ? safePassword(connection) : (connection.password ?? undefined);
  return password ? reason.replaceAll(password, '***') : reason;
}

function safePassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}
