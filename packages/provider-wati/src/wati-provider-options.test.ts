// The schemas of providerOptions.wati. The contact filter tests moved here from core, which no longer
// knows WATI's filters.
import { parseOrThrow, readProviderOptions, type SafeParsable, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  WATI_CONTACT_FILTER_OPERATORS,
  type WatiContactListOptions,
  watiContactListOptionsSchema,
  watiSendOptionsSchema,
} from './wati-provider-options.js';

function parseValid<T extends SafeParsable>(schema: T, value: unknown): z.output<T> {
  return parseOrThrow(schema, value, { what: 'test value' });
}

/** The dotted paths of every field rejected in `value`. */
function rejectedPaths(schema: SafeParsable, value: unknown): string[] {
  try {
    parseOrThrow(schema, value, { what: 'test value' });
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues.map((issue) => issue.path);
    throw error;
  }
  throw new Error('expected the value to be rejected, but it was accepted');
}

describe('watiContactListOptionsSchema', () => {
  it.each(WATI_CONTACT_FILTER_OPERATORS)('accepts the %s operator', (operator) => {
    const options = {
      attributes: [{ name: 'city', operator, value: 'London' }],
    } satisfies WatiContactListOptions;
    expect(parseValid(watiContactListOptionsSchema, options)).toEqual(options);
  });

  it('knows the operators of the WATI contact filter', () => {
    expect([...WATI_CONTACT_FILTER_OPERATORS]).toEqual([
      'contain',
      'notContain',
      'exist',
      'notExist',
      '==',
      '!=',
      'valid',
      'invalid',
    ]);
  });

  it('accepts every filter together, and a value-less existence filter', () => {
    const options = {
      name: 'Ada',
      createdDate: '2025-03-01',
      attributes: [{ name: 'vip', operator: 'exist' }],
    } satisfies WatiContactListOptions;
    expect(parseValid(watiContactListOptionsSchema, options)).toEqual(options);
  });

  it.each([
    ['attributes.0.operator', { attributes: [{ name: 'city', operator: 'equals', value: 'x' }] }],
    ['attributes.0.name', { attributes: [{ name: '', operator: '==', value: 'x' }] }],
    ['attributes.0', { attributes: [{ name: 'city', operator: '==', value: 'x', caseSensitive: true }] }],
    ['createdDate', { createdDate: '2025-02-30' }],
    ['createdDate', { createdDate: '01/03/2025' }],
    ['name', { name: '' }],
    // Paging is neutral: it sits beside providerOptions, not in it.
    ['', { pageSize: 10 }],
    // Comparisons need something to compare with; only presence/validity tests stand alone.
    ['attributes.0.value', { attributes: [{ name: 'city', operator: 'contain' }] }],
    ['attributes.0.value', { attributes: [{ name: 'city', operator: '!=' }] }],
  ])('rejects an invalid %s', (path, options) => {
    expect(rejectedPaths(watiContactListOptionsSchema, options)).toEqual([path]);
  });

  it('names the field under providerOptions.wati when read from a call', () => {
    const error = (() => {
      try {
        readProviderOptions('wati', watiContactListOptionsSchema, {
          wati: { attributes: [{ name: 'city', operator: '==' }] },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['providerOptions.wati.attributes.0.value']);
  });
});

describe('watiSendOptionsSchema', () => {
  it('accepts a broadcast name of 1 to 200 characters, or none', () => {
    expect(parseValid(watiSendOptionsSchema, {})).toStrictEqual({});
    expect(parseValid(watiSendOptionsSchema, { broadcastName: 'x'.repeat(200) })).toStrictEqual({
      broadcastName: 'x'.repeat(200),
    });
  });

  it.each([
    ['broadcastName', { broadcastName: '' }],
    ['broadcastName', { broadcastName: 'x'.repeat(201) }],
    ['', { campaign: 'not here' }],
  ])('rejects an invalid %s', (path, options) => {
    expect(rejectedPaths(watiSendOptionsSchema, options)).toEqual([path]);
  });
});
