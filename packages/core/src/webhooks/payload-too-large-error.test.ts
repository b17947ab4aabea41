import { describe, expect, it } from 'vitest';
import { ValidationError, WebhookVerificationError } from '../errors/errors.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';

describe('PayloadTooLargeError', () => {
  it('is a ValidationError that carries the limit', () => {
    const error = new PayloadTooLargeError('too large', { limitBytes: 1024, provider: 'wati' });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      name: 'PayloadTooLargeError',
      code: 'validation_failed',
      limitBytes: 1024,
      provider: 'wati',
    });
    expect(error.toJSON()).toMatchObject({ name: 'PayloadTooLargeError', limitBytes: 1024, issues: [] });
  });

  it('is recognized by isInstance, and only itself', () => {
    const error = new PayloadTooLargeError('too large', { limitBytes: 1 });
    expect(
      [SwitchboardError, ValidationError, PayloadTooLargeError].map((type) => type.isInstance(error)),
    ).toStrictEqual([true, true, true]);
    expect(PayloadTooLargeError.isInstance(new ValidationError('bad'))).toBe(false);
    expect(PayloadTooLargeError.isInstance(new WebhookVerificationError('bad'))).toBe(false);
    expect([error, new ValidationError('bad')].filter(PayloadTooLargeError.isInstance)).toStrictEqual([
      error,
    ]);
  });
});
