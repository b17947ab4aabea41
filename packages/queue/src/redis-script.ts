import type { Redis } from 'ioredis';

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

/**
 * Runs a Lua script through ioredis's `defineCommand`, which sends `EVALSHA` and falls back to
 * `EVAL` once per connection, so the script body crosses the network only once. The command is
 * defined on first use under a Switchboard-specific name.
 */
export function runScript(
  redis: Redis,
  name: string,
  lua: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const commands = redis as unknown as Record<string, ScriptCommand | undefined>;
  if (typeof commands[name] !== 'function') redis.defineCommand(name, { numberOfKeys: keys.length, lua });
  return (commands[name] as ScriptCommand).call(redis, ...keys, ...args);
}
