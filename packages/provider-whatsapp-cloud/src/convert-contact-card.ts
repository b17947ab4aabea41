import type { ContactCard } from '@switchboard/core';
import * as z from 'zod/mini';
import { compact } from './compact.js';
import { onFirstUse } from './on-first-use.js';

type JsonObject = Record<string, unknown>;

/**
 * A neutral contact card as the Graph `contacts` message object
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/contacts-messages).
 */
export function toGraphContact(card: ContactCard): JsonObject {
  return compact({
    name: compact({
      formatted_name: card.name.formatted,
      first_name: card.name.first,
      last_name: card.name.last,
      middle_name: card.name.middle,
      prefix: card.name.prefix,
      suffix: card.name.suffix,
    }),
    phones: card.phones?.map((phone) => compact({ phone: phone.phone, type: phone.type, wa_id: phone.waId })),
    emails: card.emails?.map((email) => compact({ email: email.email, type: email.type })),
    org:
      card.org &&
      compact({ company: card.org.company, department: card.org.department, title: card.org.title }),
    urls: card.urls?.map((url) => compact({ url: url.url, type: url.type })),
    addresses: card.addresses?.map((address) =>
      compact({
        street: address.street,
        city: address.city,
        state: address.state,
        zip: address.zip,
        country: address.country,
        country_code: address.countryCode,
        type: address.type,
      }),
    ),
    birthday: card.birthday,
  });
}

const checks = onFirstUse(() => ({
  email: z.email(),
  /** A real calendar date as `YYYY-MM-DD`, what the neutral card's `birthday` holds. */
  birthday: z.iso.date(),
}));

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const record = (value: unknown): JsonObject =>
  typeof value === 'object' && value !== null ? (value as JsonObject) : {};
const list = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.map(record) : []);

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/**
 * A contact card received in a webhook, as a neutral card. Every field of Meta's card is optional,
 * so the formatted name falls back to the name parts, then to the first phone number.
 */
export function fromGraphContact(value: unknown): ContactCard {
  const contact = record(value);
  const name = record(contact.name);
  const phones = list(contact.phones).flatMap((phone) => {
    const number = text(phone.phone) ?? text(phone.wa_id);
    return number === undefined
      ? []
      : [compact({ phone: number, type: text(phone.type), waId: text(phone.wa_id) })];
  }) as NonNullable<ContactCard['phones']>;
  const parts = [name.prefix, name.first_name, name.middle_name, name.last_name, name.suffix]
    .map(text)
    .filter(Boolean);
  const formatted =
    text(name.formatted_name) ??
    (parts.length > 0 ? parts.join(' ') : undefined) ??
    phones[0]?.phone ??
    'Unknown';
  const org = compact({
    company: text(record(contact.org).company),
    department: text(record(contact.org).department),
    title: text(record(contact.org).title),
  });
  const birthday = text(contact.birthday);
  return compact({
    name: compact({
      formatted,
      first: text(name.first_name),
      last: text(name.last_name),
      middle: text(name.middle_name),
      prefix: text(name.prefix),
      suffix: text(name.suffix),
    }),
    phones: nonEmpty(phones),
    emails: nonEmpty(
      list(contact.emails).flatMap((email) => {
        const address = text(email.email);
        // The neutral card holds valid addresses only; one malformed address must not cost the card.
        return address === undefined || !checks().email.safeParse(address).success
          ? []
          : [compact({ email: address, type: text(email.type) })];
      }),
    ),
    org: Object.keys(org).length > 0 ? org : undefined,
    urls: nonEmpty(
      list(contact.urls).flatMap((url) => {
        const href = text(url.url);
        return href === undefined ? [] : [compact({ url: href, type: text(url.type) })];
      }),
    ),
    addresses: nonEmpty(
      list(contact.addresses).map((address) =>
        compact({
          street: text(address.street),
          city: text(address.city),
          state: text(address.state),
          zip: text(address.zip),
          country: text(address.country),
          countryCode: text(address.country_code),
          type: text(address.type),
        }),
      ),
    ),
    // Only ISO dates: the neutral card promises YYYY-MM-DD.
    birthday: birthday !== undefined && checks().birthday.safeParse(birthday).success ? birthday : undefined,
  }) as ContactCard;
}
