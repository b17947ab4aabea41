import type { ContactCard } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { toText } from '../wati-values.js';

// Every text below comes through `toText` (trimmed, never empty), so the card meets core's
// `contactCardSchema` by construction; a property test checks every mapped event against it.
const EMAIL = /* @__PURE__ */ lazySchema(() => z.email());
/** A real calendar date as `YYYY-MM-DD`, what the neutral card's `birthday` holds. */
const BIRTHDAY = /* @__PURE__ */ lazySchema(() => z.iso.date());

type Record_ = Record<string, unknown>;

const asRecord = (value: unknown): Record_ | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record_) : undefined;

function asList(value: unknown): Record_[] {
  const items: unknown[] = Array.isArray(value)
    ? value
    : value === undefined || value === null
      ? []
      : [value];
  return items.flatMap((item): Record_[] => {
    const record = asRecord(item);
    return record === undefined ? [] : [record];
  });
}

/** Reads `snake_case` or `camelCase` keys, as WATI relays Meta's shapes in either form. */
function field(record: Record_ | undefined, snake: string): string | undefined {
  if (record === undefined) return undefined;
  const camel = snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return toText(record[snake]) ?? toText(record[camel]);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function toCard(raw: Record_): ContactCard | undefined {
  const name = asRecord(raw.name);
  const formatted =
    field(name, 'formatted_name') ??
    toText(raw.name) ??
    ([field(name, 'first_name'), field(name, 'last_name')].filter(Boolean).join(' ') || undefined) ??
    field(raw, 'formatted_name');
  if (formatted === undefined) return undefined;
  const phones = asList(raw.phones ?? raw.phone).flatMap((phone) => {
    const number = field(phone, 'phone');
    return number === undefined
      ? []
      : [
          {
            phone: number,
            ...optional('type', field(phone, 'type')),
            ...optional('waId', field(phone, 'wa_id')),
          },
        ];
  });
  if (phones.length === 0 && typeof raw.phone === 'string' && raw.phone.trim() !== '') {
    phones.push({ phone: raw.phone.trim() });
  }
  const emails = asList(raw.emails).flatMap((email) => {
    const address = field(email, 'email');
    // One malformed address must not cost the whole card.
    if (address === undefined || !EMAIL.safeParse(address).success) return [];
    return [{ email: address, ...optional('type', field(email, 'type')) }];
  });
  const org = asRecord(raw.org);
  const urls = asList(raw.urls).flatMap((url) => {
    const address = field(url, 'url');
    return address === undefined ? [] : [{ url: address, ...optional('type', field(url, 'type')) }];
  });
  const addresses = asList(raw.addresses).map((address) => ({
    ...optional('street', field(address, 'street')),
    ...optional('city', field(address, 'city')),
    ...optional('state', field(address, 'state')),
    ...optional('zip', field(address, 'zip')),
    ...optional('country', field(address, 'country')),
    ...optional('countryCode', field(address, 'country_code')),
    ...optional('type', field(address, 'type')),
  }));
  const birthday = field(raw, 'birthday');
  return {
    name: {
      formatted,
      ...optional('first', field(name, 'first_name')),
      ...optional('last', field(name, 'last_name')),
      ...optional('middle', field(name, 'middle_name')),
      ...optional('prefix', field(name, 'prefix')),
      ...optional('suffix', field(name, 'suffix')),
    },
    ...(phones.length === 0 ? {} : { phones }),
    ...(emails.length === 0 ? {} : { emails }),
    ...(org === undefined
      ? {}
      : {
          org: {
            ...optional('company', field(org, 'company')),
            ...optional('department', field(org, 'department')),
            ...optional('title', field(org, 'title')),
          },
        }),
    ...(urls.length === 0 ? {} : { urls }),
    ...(addresses.length === 0 ? {} : { addresses }),
    // Only real ISO dates: one odd birthday must not cost the card.
    ...optional(
      'birthday',
      birthday !== undefined && BIRTHDAY.safeParse(birthday).success ? birthday : undefined,
    ),
  };
}

/**
 * Contact cards from WATI's `messageContact` (undocumented; read as Meta's contact objects, one or
 * a list, in snake or camel case). Cards that cannot be read are left out; `undefined` when none can.
 */
export function toContactCards(messageContact: unknown): ContactCard[] | undefined {
  const cards = asList(messageContact).flatMap((raw) => toCard(raw) ?? []);
  return cards.length === 0 ? undefined : cards;
}
