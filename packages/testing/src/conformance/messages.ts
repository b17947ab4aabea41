import { describeValue, fail } from './conformance-error.js';
import {
  CONFORMANCE_MEDIA_SOURCES,
  CONFORMANCE_MEDIA_TYPES,
  CONFORMANCE_MESSAGE_TYPES,
  type ConformanceMediaSource,
  type ConformanceMessageType,
  type ConformanceSendCapability,
} from './contract-names.js';
import type {
  ConformanceFixtures,
  ConformanceMessage,
  ConformanceMessageFixture,
  ConformanceProvider,
} from './types.js';

/** The recipient of the kit's own messages when no fixture gives one (they never reach a server). */
export const CONFORMANCE_RECIPIENT = '+14155550123';

const MEDIA_FILES: Record<
  (typeof CONFORMANCE_MEDIA_TYPES)[number],
  { extension: string; mimeType: string; bytes: number[] }
> = {
  image: {
    extension: 'jpg',
    mimeType: 'image/jpeg',
    bytes: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46],
  },
  video: {
    extension: 'mp4',
    mimeType: 'video/mp4',
    bytes: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32],
  },
  audio: { extension: 'mp3', mimeType: 'audio/mpeg', bytes: [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0] },
  document: {
    extension: 'pdf',
    mimeType: 'application/pdf',
    bytes: [...Buffer.from('%PDF-1.4\n%conformance\n')],
  },
  sticker: { extension: 'webp', mimeType: 'image/webp', bytes: [...Buffer.from('RIFF\x1a\0\0\0WEBPVP8 ')] },
};

/** True for a media message type. */
export function isMediaType(type: string): type is (typeof CONFORMANCE_MEDIA_TYPES)[number] {
  return (CONFORMANCE_MEDIA_TYPES as readonly string[]).includes(type);
}

/** A media source of the given kind for a file of `type`: valid for core's schema, never fetched. */
export function mediaSource(type: string, source: ConformanceMediaSource): Record<string, unknown> {
  const file = MEDIA_FILES[isMediaType(type) ? type : 'image'];
  if (source === 'url') return { url: `https://example.com/switchboard-conformance/file.${file.extension}` };
  if (source === 'id') return { id: 'switchboard-conformance-media-id' };
  return {
    data: new Uint8Array(file.bytes),
    mimeType: file.mimeType,
    filename: `conformance.${file.extension}`,
  };
}

/** The media source kind of a media message (`url`, `id` or `data`), if it has one. */
export function mediaSourceOf(message: ConformanceMessage): ConformanceMediaSource | undefined {
  const media = message.media;
  if (typeof media !== 'object' || media === null) return undefined;
  return CONFORMANCE_MEDIA_SOURCES.find((source) => source in media);
}

/**
 * A valid message of `type` (by the rules of core's schema) that the kit sends where the provider must
 * refuse it before any request. Media messages use `source`.
 */
export function builtinMessage(
  type: ConformanceMessageType,
  to: string,
  source: ConformanceMediaSource = 'url',
): ConformanceMessage {
  switch (type) {
    case 'text':
      return { type, to, text: 'Switchboard conformance check' };
    case 'image':
    case 'video':
    case 'document':
      return { type, to, media: mediaSource(type, source), caption: 'Switchboard conformance check' };
    case 'audio':
    case 'sticker':
      return { type, to, media: mediaSource(type, source) };
    case 'location':
      return { type, to, latitude: 52.52, longitude: 13.405, name: 'Conformance', address: 'Berlin' };
    case 'contacts':
      return {
        type,
        to,
        contacts: [
          { name: { formatted: 'Ada Lovelace', first: 'Ada' }, phones: [{ phone: '+14155550199' }] },
        ],
      };
    case 'buttons':
      return {
        type,
        to,
        body: 'Switchboard conformance check',
        buttons: [
          { id: 'yes', title: 'Yes' },
          { id: 'no', title: 'No' },
        ],
      };
    case 'list':
      return {
        type,
        to,
        body: 'Switchboard conformance check',
        buttonText: 'Options',
        sections: [{ rows: [{ id: 'first', title: 'First' }] }],
      };
    case 'template':
      return { type, to, template: { name: 'switchboard_conformance', language: 'en' } };
    case 'reaction':
      return { type, to, messageId: 'switchboard-conformance-message-id', emoji: '👍' };
    case 'cta_url':
      return {
        type,
        to,
        body: 'Switchboard conformance check',
        buttonText: 'Open',
        url: 'https://example.com/switchboard-conformance',
      };
    case 'location_request':
      return { type, to, body: 'Switchboard conformance check' };
    case 'typing_indicator':
      return { type, to, messageId: 'switchboard-conformance-message-id' };
    case 'product':
      return { type, to, catalogId: 'switchboard-conformance-catalog', productId: 'switchboard-sku-1' };
    case 'product_list':
      return {
        type,
        to,
        catalogId: 'switchboard-conformance-catalog',
        header: 'Conformance',
        body: 'Switchboard conformance check',
        sections: [{ title: 'Products', productIds: ['switchboard-sku-1', 'switchboard-sku-2'] }],
      };
    case 'flow':
      return {
        type,
        to,
        body: 'Switchboard conformance check',
        flowName: 'switchboard_conformance',
        buttonText: 'Open',
      };
  }
}

/** A business-scoped user id the kit addresses where `send.to.userId` is not claimed (never sent). */
export const CONFORMANCE_USER_ID = 'US.13491208655302741918';

/** Whether `value` has the form of a business-scoped user id (Meta's `CC.[ENT.]id`). */
export function isUserIdRecipient(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(value);
}

/** The send capability of a message type, e.g. `send.location`. */
export function typeCapability(type: ConformanceMessageType): ConformanceSendCapability {
  return `send.${type}`;
}

/** The message type a `send.<type>` capability stands for, if it is one. */
export function capabilityType(capability: string): ConformanceMessageType | undefined {
  const type = capability.slice('send.'.length);
  return capability.startsWith('send.') && (CONFORMANCE_MESSAGE_TYPES as readonly string[]).includes(type)
    ? (type as ConformanceMessageType)
    : undefined;
}

/** The message of a fixture given as a plain message; `undefined` for a function (or no fixture). */
export function staticMessage(
  fixture: ConformanceMessageFixture<ConformanceProvider> | undefined,
): ConformanceMessage | undefined {
  return typeof fixture === 'function' ? undefined : fixture;
}

/** The message of a fixture, calling a function fixture with `provider` (one talking to the API). */
export async function resolveFixture(
  fixture: ConformanceMessageFixture<ConformanceProvider>,
  provider: ConformanceProvider,
  name: string,
  secrets: Readonly<Record<string, string>>,
): Promise<ConformanceMessage> {
  if (typeof fixture !== 'function') return fixture;
  try {
    return await fixture(provider);
  } catch (error) {
    return fail(
      `the fixture function fixtures.messages['${name}'] rejected: ${describeValue(error, secrets)}`,
    );
  }
}

/**
 * The fixture that proves a claimed send capability: `fixtures.messages[capability]`, or for a media
 * source, the plain fixture of a claimed media type that uses it.
 */
export function fixtureFor(
  fixtures: ConformanceFixtures<ConformanceProvider>,
  capability: ConformanceSendCapability,
  claimed: ReadonlySet<string>,
): ConformanceMessageFixture<ConformanceProvider> | undefined {
  const own = fixtures.messages[capability];
  if (own !== undefined) return own;
  if (!capability.startsWith('send.media.')) return undefined;
  const source = capability.slice('send.media.'.length);
  return CONFORMANCE_MEDIA_TYPES.map((type) =>
    claimed.has(`send.${type}`) ? staticMessage(fixtures.messages[`send.${type}`]) : undefined,
  ).find((message) => message !== undefined && mediaSourceOf(message) === source);
}

/**
 * The message the checks that must not reach a server send: the plain fixture of `send.text`, else of
 * `send.template`, else of the first claimed message type that has one.
 */
export function baseMessage(
  fixtures: ConformanceFixtures<ConformanceProvider>,
  claimed: ReadonlySet<string>,
): { capability: ConformanceSendCapability; message: ConformanceMessage } | undefined {
  const preferred: ConformanceMessageType[] = [
    'text',
    'template',
    ...CONFORMANCE_MESSAGE_TYPES.filter((type) => type !== 'text' && type !== 'template'),
  ];
  for (const type of preferred) {
    const capability = typeCapability(type);
    const message = staticMessage(fixtures.messages[capability]);
    if (claimed.has(capability) && message !== undefined) return { capability, message };
  }
  return undefined;
}
