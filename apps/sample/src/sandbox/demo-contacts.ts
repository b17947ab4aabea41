/** A person the sandbox knows, so the inbox and the contacts list are not empty. */
export interface DemoContact {
  /** Digits with the country code. Numbers are from ranges reserved for fiction (Ofcom 07700 900xxx, NANP 555-01xx). */
  phone: string;
  name: string;
  attributes: Record<string, string>;
}

/** The sandbox's contacts: seeded into the WATI emulator's address book, offered as senders in the inbox. */
export const DEMO_CONTACTS: readonly DemoContact[] = [
  { phone: '447700900123', name: 'Ada Lovelace', attributes: { city: 'London', plan: 'pro' } },
  { phone: '14155550142', name: 'Grace Hopper', attributes: { city: 'Arlington', plan: 'growth' } },
  { phone: '447700900456', name: 'Alan Turing', attributes: { city: 'Manchester', plan: 'business' } },
];

/** The message the first demo contact sends when the sandbox starts, so the inbox has a conversation. */
export const DEMO_GREETING = 'Hi! Has my order shipped yet?';
