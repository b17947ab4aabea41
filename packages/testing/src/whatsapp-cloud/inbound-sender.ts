// The sender of a simulated inbound message, as Meta's webhook shows it: the message's `from`,
// `from_user_id` and `from_parent_user_id`, and the matching `contacts[]` entry.
import type { CloudWebhookContact } from './webhook-payloads.js';
import type { CloudInboundSender } from './whatsapp-cloud-emulator.js';

/** Meta's BSUID: a country code, a period, then up to 128 letters and digits. */
const USER_ID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
/** A parent BSUID has `ENT.` after the country code. */
const PARENT_USER_ID = /^[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}$/;

/** A checked sender: at least one of the phone and the BSUID. */
export interface CheckedSender {
  phone: string | undefined;
  userId: string | undefined;
  parentUserId: string | undefined;
  username: string | undefined;
  name: string;
}

/** @throws RangeError naming the field, for a sender Meta could not report. */
export function checkSender(input: CloudInboundSender): CheckedSender {
  const phone = input.from === undefined ? undefined : input.from.replace(/\D/g, '');
  if (phone !== undefined && !/^[1-9]\d{6,14}$/.test(phone)) {
    throw new RangeError(
      `simulateInboundMessage: from must be a phone number with country code, got "${input.from}"`,
    );
  }
  if (phone === undefined && input.userId === undefined) {
    throw new RangeError('simulateInboundMessage: give from (a phone number) or userId (a BSUID), or both');
  }
  if (input.userId !== undefined && !USER_ID.test(input.userId)) {
    throw new RangeError(
      `simulateInboundMessage: userId must be a BSUID such as US.13491208655302741918, got "${input.userId}"`,
    );
  }
  if (input.parentUserId !== undefined && !PARENT_USER_ID.test(input.parentUserId)) {
    throw new RangeError(
      `simulateInboundMessage: parentUserId must be a parent BSUID such as US.ENT.11815799212886844830, got "${input.parentUserId}"`,
    );
  }
  return {
    phone,
    userId: input.userId,
    parentUserId: input.parentUserId,
    username: input.username,
    name: input.name ?? 'WhatsApp User',
  };
}

/** The sender's fields of the message object: `from`, `from_user_id`, `from_parent_user_id`. */
export function senderFields(sender: CheckedSender): Record<string, string> {
  return {
    ...(sender.phone === undefined ? {} : { from: sender.phone }),
    ...(sender.userId === undefined ? {} : { from_user_id: sender.userId }),
    ...(sender.parentUserId === undefined ? {} : { from_parent_user_id: sender.parentUserId }),
  };
}

/** The sender's `contacts[]` entry: profile (name, username), `wa_id`, `user_id`, `parent_user_id`. */
export function senderContact(sender: CheckedSender): CloudWebhookContact {
  return {
    profile: { name: sender.name, ...(sender.username === undefined ? {} : { username: sender.username }) },
    ...(sender.phone === undefined ? {} : { wa_id: sender.phone }),
    ...(sender.userId === undefined ? {} : { user_id: sender.userId }),
    ...(sender.parentUserId === undefined ? {} : { parent_user_id: sender.parentUserId }),
  };
}
