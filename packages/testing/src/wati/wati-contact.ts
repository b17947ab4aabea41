import { watiContactDate, watiObjectId } from './wati-ids.js';
import type { WatiContactRecord, WatiNameValue } from './wati-records.js';

/**
 * WATI wants the country code and number as digits only (`14155551234`). Anything else, such as a `+`
 * or spaces, is a malformed number to the emulator, so an adapter that forgets to normalize is caught.
 */
export function isWellFormedNumber(value: string): boolean {
  return /^[1-9]\d{6,14}$/.test(value);
}

/** A new contact, with the `name` and `phone` attributes WATI seeds on creation. */
export function newContactRecord(input: {
  waId: string;
  name: string | undefined;
  customParams?: readonly WatiNameValue[];
  valid: boolean;
  now: Date;
  bsuid?: string | undefined;
}): WatiContactRecord {
  const contact: WatiContactRecord = {
    id: watiObjectId(input.now),
    waId: input.waId,
    name: input.name,
    customParams: [
      { name: 'name', value: input.name ?? `+${input.waId}` },
      { name: 'phone', value: input.waId },
    ],
    contactStatus: input.valid ? 'VALID' : 'INVALID',
    created: input.now,
    lastUpdated: input.now,
    lastInboundAt: undefined,
    conversationId: watiObjectId(input.now),
    ticketId: watiObjectId(input.now),
    operatorEmail: undefined,
    bsuid: input.bsuid,
  };
  mergeCustomParams(contact, input.customParams ?? [], input.now);
  return contact;
}

/**
 * Sets attributes by name (a new name is appended). Setting `name` renames the contact, as WATI's
 * `name` attribute mirrors the contact name.
 */
export function mergeCustomParams(
  contact: WatiContactRecord,
  params: readonly WatiNameValue[],
  now: Date,
): void {
  for (const param of params) {
    const existing = contact.customParams.find((entry) => entry.name === param.name);
    if (existing === undefined) contact.customParams.push({ name: param.name, value: param.value });
    else existing.value = param.value;
    if (param.name === 'name') contact.name = param.value;
  }
  if (params.length > 0) contact.lastUpdated = now;
}

/** The value of one attribute, `undefined` when the contact does not have it. */
export function contactAttribute(contact: WatiContactRecord, name: string): string | undefined {
  return contact.customParams.find((entry) => entry.name === name)?.value;
}

/**
 * The contact as `getContacts` (and the v1 template send's `contact` echo) returns it. The field set is a
 * verbatim capture of a real response; without a profile name WATI shows the `+`-prefixed number.
 */
export function toWatiContact(contact: WatiContactRecord, teamId: string): Record<string, unknown> {
  const displayName = contact.name ?? `+${contact.waId}`;
  return {
    id: contact.id,
    wAid: contact.waId,
    firstName: displayName,
    fullName: displayName,
    phone: contact.waId,
    source: null,
    contactStatus: contact.contactStatus,
    photo: null,
    created: watiContactDate(contact.created),
    customParams: contact.customParams.map((param) => ({ ...param })),
    optedIn: false,
    isDeleted: false,
    lastUpdated: contact.lastUpdated.toISOString(),
    allowBroadcast: true,
    allowSMS: true,
    teamIds: [teamId],
    isInFlow: false,
    lastFlowId: null,
    currentFlowNodeId: null,
    selectedHubspotId: null,
  };
}
