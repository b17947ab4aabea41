import { z } from 'zod';
import type { WatiContactRecord } from './wati-records.js';

/** The operators of `getContacts`' `attribute` filter. */
export const WATI_ATTRIBUTE_OPERATORS = [
  'contain',
  'notContain',
  'exist',
  'notExist',
  '==',
  '!=',
  'valid',
  'invalid',
] as const;

/** A parsed `attribute` condition: `{"name":"city","operator":"==","value":"Paris"}`. */
export interface WatiAttributeFilter {
  /** The custom attribute's name (matched case-insensitively). */
  name: string;
  /** One of {@link WATI_ATTRIBUTE_OPERATORS}. */
  operator: (typeof WATI_ATTRIBUTE_OPERATORS)[number];
  /** The value compared with; absent for `exist`/`notExist`/`valid`/`invalid`. */
  value?: string | null | undefined;
}

/** One condition of the `attribute` query parameter. */
export const attributeFilterSchema: z.ZodType<WatiAttributeFilter> = z.object({
  name: z.string().min(1),
  operator: z.enum(WATI_ATTRIBUTE_OPERATORS),
  value: z.string().nullish(),
});

function attributeValue(contact: WatiContactRecord, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return contact.customParams.find((param) => param.name.toLowerCase() === wanted)?.value;
}

/**
 * Whether a contact passes one condition. WATI documents the operator names only, so their meaning here is
 * our reading of them: attribute names match case-insensitively; `contain`/`notContain` compare
 * case-insensitively, `==`/`!=` exactly; `exist` means present and not empty; a missing attribute
 * passes `notContain`, `notExist` and `!=`. `valid`/`invalid` test the contact's WhatsApp validity
 * (`contactStatus`), the one notion of validity a WATI contact has; they ignore `name` and `value`.
 */
export function matchesAttributeFilter(contact: WatiContactRecord, filter: WatiAttributeFilter): boolean {
  const value = attributeValue(contact, filter.name);
  const wanted = filter.value ?? '';
  switch (filter.operator) {
    case 'contain':
      return value?.toLowerCase().includes(wanted.toLowerCase()) === true;
    case 'notContain':
      return value === undefined || !value.toLowerCase().includes(wanted.toLowerCase());
    case 'exist':
      return value !== undefined && value !== '';
    case 'notExist':
      return value === undefined || value === '';
    case '==':
      return value === wanted;
    case '!=':
      return value !== wanted;
    case 'valid':
      return contact.contactStatus === 'VALID';
    case 'invalid':
      return contact.contactStatus === 'INVALID';
  }
}
