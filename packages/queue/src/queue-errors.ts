import { SwitchboardError, type SwitchboardErrorOptions } from '@switchboard/core';

const MARKER = Symbol.for('switchboard.error');

/** Options of {@link RedisConnectionError}. */
export interface RedisConnectionErrorOptions extends SwitchboardErrorOptions {
  /** Where the connection went, credentials redacted, e.g. `redis://:***@10.0.0.5:6379/0`. */
  target: string;
}

/**
 * Redis could not be reached when an outbox (or a Redis limiter or dedupe store) started. The
 * message and `target` name the address with any password replaced by `***`.
 */
export class RedisConnectionError extends SwitchboardError {
  protected static override readonly kind: string = 'RedisConnectionError';
  override readonly name: string = 'RedisConnectionError';
  /** The Redis address tried, credentials redacted. */
  readonly target: string;

  /** True for a {@link RedisConnectionError} from any copy of the package. */
  static override isInstance(error: unknown): error is RedisConnectionError {
    if (typeof error !== 'object' || error === null) return false;
    const kinds = (error as Record<symbol, unknown>)[MARKER];
    return Array.isArray(kinds) && kinds.includes(RedisConnectionError.kind);
  }

  constructor(message: string, options: RedisConnectionErrorOptions) {
    super(message, { code: 'network_error', provider: 'queue', retryable: true, ...options });
    this.target = options.target;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { target: this.target };
  }
}
