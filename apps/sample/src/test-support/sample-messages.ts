import type { OutboundMessage } from '@switchboard/core';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';

const [ada, grace] = DEMO_CONTACTS as [(typeof DEMO_CONTACTS)[number], (typeof DEMO_CONTACTS)[number]];

/** A 1×1 PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** One message of every neutral type, to the demo contact; `reaction` reacts to `inboundId`. */
export function sampleMessage(type: string, inboundId: string): OutboundMessage {
  const to = `+${ada.phone}`;
  switch (type) {
    case 'text':
      return { type, to, text: 'Your order has shipped 📦' };
    case 'image':
      return { type, to, media: { url: 'https://example.com/parcel.jpg' }, caption: 'Your parcel' };
    case 'video':
      return { type, to, media: { url: 'https://example.com/unboxing.mp4' }, caption: 'Unboxing' };
    case 'audio':
      return { type, to, media: { url: 'https://example.com/voice-note.mp3' } };
    case 'document':
      return {
        type,
        to,
        media: { url: 'https://example.com/invoice.pdf' },
        filename: 'invoice.pdf',
        caption: 'Invoice',
      };
    case 'sticker':
      return { type, to, media: { url: 'https://example.com/thumbs-up.webp' } };
    case 'location':
      return {
        type,
        to,
        latitude: 51.5246,
        longitude: -0.134,
        name: 'Warehouse',
        address: '1 Euston Rd, London',
      };
    case 'contacts':
      return {
        type,
        to,
        contacts: [
          {
            name: { formatted: 'Grace Hopper', first: 'Grace', last: 'Hopper' },
            phones: [{ phone: `+${grace.phone}`, type: 'CELL' }],
          },
        ],
      };
    case 'buttons':
      return {
        type,
        to,
        body: 'Did your parcel arrive?',
        buttons: [
          { id: 'yes', title: 'Yes' },
          { id: 'no', title: 'Not yet' },
        ],
      };
    case 'list':
      return {
        type,
        to,
        body: 'Pick a delivery slot',
        buttonText: 'Slots',
        sections: [
          {
            title: 'This week',
            rows: [
              { id: 'mon', title: 'Monday', description: '9–12' },
              { id: 'tue', title: 'Tuesday' },
            ],
          },
        ],
      };
    case 'reaction':
      return { type, to, messageId: inboundId, emoji: '👍' };
    default:
      throw new Error(`no sample for ${type}`);
  }
}

/** Every type but `template`, which is sent from the provider's own template list below. */
export const FIXED_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'buttons',
  'list',
  'reaction',
];
