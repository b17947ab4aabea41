import { hasErrorKind, SwitchboardError, type SwitchboardErrorOptions } from '../errors/switchboard-error.js';

/**
 * Another send with the same `idempotencyKey` is still in progress elsewhere (another instance
 * sharing the store). Nothing was sent by this call; retry after `retryAfterMs` to get the first
 * send's result.
 */
export class IdempotencyInProgressError extends SwitchboardError {
  protected static override readonly kind: string = 'IdempotencyInProgressError';
  override readonly name: string = 'IdempotencyInProgressError';
  /** Makes the class nominal: without own fields it would be structurally a `SwitchboardError`. */
  declare private readonly idempotencyInProgressBrand: undefined;

  /** True for an {@link IdempotencyInProgressError} from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is IdempotencyInProgressError {
    return hasErrorKind(error, 'IdempotencyInProgressError');
  }

  constructor(message: string, options: SwitchboardErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/**
 * The router tried no provider: every one that can send the message has an open circuit. Nothing
 * was sent; `retryAfterMs` is when the first circuit lets a trial call through.
 */
export class CircuitOpenError extends SwitchboardError {
  protected static override readonly kind: string = 'CircuitOpenError';
  override readonly name: string = 'CircuitOpenError';
  /** Makes the class nominal: without own fields it would be structurally a `SwitchboardError`. */
  declare private readonly circuitOpenBrand: undefined;

  /** True for a {@link CircuitOpenError} from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is CircuitOpenError {
    return hasErrorKind(error, 'CircuitOpenError');
  }

  constructor(message: string, options: SwitchboardErrorOptions = {}) {
    super(message, { code: 'provider_unavailable', retryable: true, ...options });
  }
}
