import { describe, expect, it } from 'vitest';
import { validationError } from '../__fixtures__/rejection.js';
import { isAbortSignal, validateBulkOptions, validateSendOptions } from './send-options.js';

describe('validateSendOptions', () => {
  it('takes options left out as none, and gives valid options back', () => {
    expect(validateSendOptions('wati', undefined)).toStrictEqual({});
    const signal = new AbortController().signal;
    const options = {
      signal,
      idempotencyKey: 'order-42',
      providerOptions: { wati: { broadcastName: 'spring' } },
    };
    expect(validateSendOptions('wati', options)).toStrictEqual(options);
    expect(validateSendOptions('wati', options).signal).toBe(signal);
  });

  it.each([
    ['the controller given as the signal', { signal: new AbortController() }, ['signal']],
    ['a signal that is a string', { signal: 'abort' }, ['signal']],
    ['a key that is a number', { idempotencyKey: 42 }, ['idempotencyKey']],
    ['an empty key', { idempotencyKey: '' }, ['idempotencyKey']],
    [
      'provider options that are not objects',
      { providerOptions: { wati: 'spring' } },
      ['providerOptions.wati'],
    ],
    ['an unknown option', { idempotencykey: 'order-42' }, ['']],
  ])('refuses %s, naming the field', (_case, options, fields) => {
    const error = validationError(() => validateSendOptions('whatsapp-cloud', options));
    expect(error.fields).toStrictEqual(fields);
    expect(error.provider).toBe('whatsapp-cloud');
  });

  it('refuses options that are not an object', () => {
    for (const options of [null, 'fast', 42]) {
      expect(validationError(() => validateSendOptions('wati', options)).message).toContain('send options');
    }
  });

  it('says what a signal must be', () => {
    const error = validationError(() => validateSendOptions('wati', { signal: new AbortController() }));
    expect(error.message).toContain('controller.signal, not the controller');
  });
});

describe('validateBulkOptions', () => {
  it('takes options left out as none, and accepts every bulk option', () => {
    expect(validateBulkOptions('wati', undefined)).toStrictEqual({});
    const options = { signal: AbortSignal.abort(), raw: true, concurrency: 8, providerOptions: {} };
    expect(validateBulkOptions('wati', options)).toStrictEqual(options);
  });

  it.each([
    ['a raw that is not a boolean', { raw: 'yes' }, ['raw']],
    ['a concurrency of zero', { concurrency: 0 }, ['concurrency']],
    ['a fractional concurrency', { concurrency: 1.5 }, ['concurrency']],
    ['a send option', { idempotencyKey: 'bulk-1' }, ['']],
    ['the controller given as the signal', { signal: new AbortController() }, ['signal']],
  ])('refuses %s, naming the field', (_case, options, fields) => {
    expect(validationError(() => validateBulkOptions('router', options)).fields).toStrictEqual(fields);
  });
});

describe('isAbortSignal', () => {
  it('accepts a signal and nothing else, not even an object that looks like one', () => {
    expect(isAbortSignal(new AbortController().signal)).toBe(true);
    expect(isAbortSignal(AbortSignal.timeout(1000))).toBe(true);
    const lookalike = Object.assign(new EventTarget(), { aborted: false, reason: undefined });
    for (const value of [new AbortController(), lookalike, { aborted: true }, null, undefined, 'signal']) {
      expect(isAbortSignal(value)).toBe(false);
    }
  });
});
