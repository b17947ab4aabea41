import type { ValidationErrorOptions } from '../errors/errors.js';
import { ValidationError } from '../errors/errors.js';
import { hasErrorKind } from '../errors/switchboard-error.js';

/** Options of {@link PayloadTooLargeError}. */
export interface PayloadTooLargeErrorOptions extends ValidationErrorOptions {
  /** The limit the body exceeded, in bytes. */
  limitBytes: number;
}

/**
 * A webhook body was larger than the configured limit. Reading stops at the first byte over the
 * limit, so a huge or endless body never ends up in memory. Webhook handlers answer it with 413.
 *
 * @example
 * ```ts
 * try { await readRawBody(request, { maxBytes: 64 * 1024 }); }
 * catch (error) {
 *   if (PayloadTooLargeError.isInstance(error)) return new Response('Too large', { status: 413 });
 *   throw error;
 * }
 * ```
 */
export class PayloadTooLargeError extends ValidationError {
  protected static override readonly kind: string = 'PayloadTooLargeError';
  override readonly name: string = 'PayloadTooLargeError';
  readonly limitBytes: number;

  /** True for a {@link PayloadTooLargeError} from any copy of the package; see `SwitchboardError.isInstance`. */
  static override isInstance(error: unknown): error is PayloadTooLargeError {
    return hasErrorKind(error, 'PayloadTooLargeError');
  }

  constructor(message: string, options: PayloadTooLargeErrorOptions) {
    super(message, options);
    this.limitBytes = options.limitBytes;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { ...super.extraJSON(), limitBytes: this.limitBytes };
  }
}
