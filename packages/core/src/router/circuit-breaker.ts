/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive unavailability failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before it lets one trial call through. Default 30 s. */
  cooldownMs?: number;
  /** The clock, in milliseconds; default `Date.now`. Inject one in tests. */
  now?: () => number;
}

/** The state of one provider's circuit. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker for one provider. `closed`: calls go through and consecutive unavailability
 * failures are counted; at `failureThreshold` it opens. `open`: calls are refused until
 * `cooldownMs` has passed, then it is `half-open`: exactly one trial call goes through (others are
 * refused while it runs); its success closes the circuit, its failure opens it for another
 * cool-down. Any answer that shows the provider is up (a success, or an error such as a rejected
 * message) resets the count.
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    const threshold = options.failureThreshold ?? 5;
    const cooldown = options.cooldownMs ?? 30_000;
    if (!Number.isSafeInteger(threshold) || threshold < 1) {
      throw new TypeError('circuitBreaker.failureThreshold must be a positive integer');
    }
    if (!Number.isFinite(cooldown) || cooldown < 0) {
      throw new TypeError('circuitBreaker.cooldownMs must be a non-negative number');
    }
    this.failureThreshold = threshold;
    this.cooldownMs = cooldown;
    this.now = options.now ?? Date.now;
  }

  /** The current state; an open circuit whose cool-down is over reads `half-open`. */
  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Milliseconds until an open circuit lets a trial call through (0 when it would now). */
  get retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }

  /**
   * Asks to make one call. True when it may go ahead; the caller must then report its outcome with
   * {@link CircuitBreaker.success} or {@link CircuitBreaker.failure} (or {@link CircuitBreaker.release}).
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** The call showed the provider is up: closes the circuit. */
  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  /** The call failed because the provider is unavailable. */
  failure(): void {
    this.failures += 1;
    if (this.trialInFlight || this.failures >= this.failureThreshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }

  /** The call ended without saying anything about the provider's health (e.g. a rate limit). */
  release(): void {
    this.trialInFlight = false;
  }
}
