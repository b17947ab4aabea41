/**
 * How much of its own history an emulator keeps: the requests its `listen()` server records and the
 * webhook attempts it logs. Both are diagnostics that would otherwise grow for as long as the emulator
 * runs (a sandbox left up for hours); when a log is full the oldest entry goes. The emulated data itself
 * (messages, contacts, templates, media) is kept in full, as the provider keeps it; `reset()` clears it.
 *
 * @example
 * ```ts
 * // A test that sends 5000 messages and inspects every status webhook:
 * createWatiEmulator({ retention: { webhookDeliveries: Infinity } });
 * ```
 */
export interface EmulatorRetention {
  /** Requests kept in `server.requests` of the `listen()` server; default 1000. `Infinity` keeps all. */
  requests?: number;
  /** Attempts kept in `state.webhookDeliveries`; default 1000. `Infinity` keeps all. */
  webhookDeliveries?: number;
}

/** The defaults of {@link EmulatorRetention}: plenty for a test, bounded for a sandbox. */
export const DEFAULT_EMULATOR_RETENTION: Readonly<Required<EmulatorRetention>> = Object.freeze({
  requests: 1000,
  webhookDeliveries: 1000,
});

/** The retention limits with defaults filled in; throws on a limit that is not a positive integer or `Infinity`. */
export function resolveRetention(
  where: string,
  retention: EmulatorRetention = {},
): Required<EmulatorRetention> {
  const resolved = { ...DEFAULT_EMULATOR_RETENTION, ...stripUndefined(retention) };
  for (const [name, limit] of Object.entries(resolved)) checkLimit(`${where}: retention.${name}`, limit);
  return resolved;
}

/** Throws unless `limit` is a positive integer or `Infinity`. */
export function checkLimit(what: string, limit: number): void {
  if (limit !== Number.POSITIVE_INFINITY && !(Number.isInteger(limit) && limit > 0)) {
    throw new RangeError(`${what} must be a positive integer or Infinity, got ${limit}`);
  }
}

/** Appends `item`, then drops the oldest entries beyond `max`. */
export function appendBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

function stripUndefined(retention: EmulatorRetention): EmulatorRetention {
  return Object.fromEntries(Object.entries(retention).filter(([, value]) => value !== undefined));
}
