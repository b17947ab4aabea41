import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from '../__fixtures__/rejection.js';
import { readProviderOptions } from './provider-options.js';

const watiSchema = z.strictObject({ broadcastName: z.string().min(1).max(200).optional() });

describe('readProviderOptions', () => {
  it("reads the provider's own namespace and ignores the others", () => {
    const options = { wati: { broadcastName: 'spring' }, 'whatsapp-cloud': { anything: 1 } };
    expect(readProviderOptions('wati', watiSchema, options)).toEqual({ broadcastName: 'spring' });
  });

  it('gives undefined without options or without the namespace', () => {
    expect(readProviderOptions('wati', watiSchema, undefined)).toBeUndefined();
    expect(readProviderOptions('wati', watiSchema, { 'whatsapp-cloud': {} })).toBeUndefined();
  });

  it('names the full path of a bad field', () => {
    const error = validationError(() =>
      readProviderOptions('wati', watiSchema, { wati: { broadcastName: '' } }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['providerOptions.wati.broadcastName']);
    expect(error.provider).toBe('wati');
  });

  it('names an unknown key of the namespace', () => {
    const error = validationError(() =>
      readProviderOptions('wati', watiSchema, { wati: { broadcast: 'x' } }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['providerOptions.wati']);
  });

  it('rejects options that are not namespaced by provider', () => {
    const error = validationError(() => readProviderOptions('wati', watiSchema, { broadcastName: 'spring' }));
    expect(error.issues.map((issue) => issue.path)).toEqual(['providerOptions.broadcastName']);
    expect(validationError(() => readProviderOptions('wati', watiSchema, 'spring')).issues[0]?.path).toBe(
      'providerOptions',
    );
  });
});
