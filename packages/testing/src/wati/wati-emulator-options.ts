import type { EmulatorRetention } from '../emulator-kit/retention.js';
import type { WatiEmulatorTemplate } from './wati-template.js';
import type { WatiWebhookTarget } from './webhooks/wati-webhook-target.js';

/** A contact the emulator starts with. */
export interface WatiEmulatorContact {
  /** Digits with the country code, no `+` (`14155551234`). */
  whatsappNumber: string;
  name?: string;
  /** Contact attributes, e.g. `{ city: 'Lisbon' }`. */
  customParams?: Record<string, string>;
  /**
   * When the contact last wrote. Only matters with `sessionWindow: 'enforce'`: a value within the last
   * 24 hours lets session messages through. Default: never wrote.
   */
  lastInboundAt?: Date;
  /**
   * The contact's business-scoped user id, e.g. `US.13491208655302741918`: V3 conversation sends,
   * typing indicators and template recipients may then target it (`target: 'US.1349…'` or
   * `'Channel:US.1349…'`), and BSUID-first webhooks carry it (unless `bsuidEvents.users` names the
   * number). Default: none, so a BSUID target finds no contact (404).
   */
  bsuid?: string;
}

/**
 * Options of {@link createWatiEmulator}.
 *
 * @example
 * ```ts
 * const emulator = createWatiEmulator({
 *   tokens: ['test-wati-token'],
 *   contacts: [{ whatsappNumber: '14155551234', name: 'John' }],
 *   invalidNumbers: ['14155550000'],
 *   sessionWindow: 'enforce',
 *   webhook: { url: `${app.url}/webhooks/wati`, statusDelaysMs: { sent: 0, delivered: 0, read: 0 } },
 * });
 * ```
 */
export interface WatiEmulatorOptions {
  /** Bearer tokens the API accepts; default `['test-wati-token']`. */
  tokens?: string[];
  /** The tenant path segment; default `'123456'`. The API is served under `/{tenantId}`, at the root and under Maton's `/wati` prefix. */
  tenantId?: string;
  /** Templates to start with; default {@link defaultWatiTemplates}. */
  templates?: WatiEmulatorTemplate[];
  contacts?: WatiEmulatorContact[];
  /** Numbers WATI reports as not on WhatsApp. Malformed numbers (not 7–15 digits) always are. */
  invalidNumbers?: string[];
  /**
   * `open` (default, for sandboxes): any known contact may receive session messages. `enforce`: only a
   * contact whose last message is under 24 hours old; otherwise WATI's HTTP 200
   * `{ result: false, info: "Ticket has been expired." }`.
   */
  sessionWindow?: 'enforce' | 'open';
  /** Where webhooks go; none are sent without one. See {@link WatiWebhookTarget}. */
  webhook?: WatiWebhookTarget;
  /** The business number of the emulated tenant (`channelPhoneNumber` in webhooks); default `14155550100`. */
  channelPhoneNumber?: string;
  /**
   * Channels besides the default one, for V3: listed by `GET /api/ext/v3/channels` and accepted as
   * the `Channel:` of a V3 target (by name or number) and as a template send's `channel`.
   */
  channels?: { name: string; phoneNumber?: string }[];
  /** How many recorded requests and webhook attempts to keep; default 1000 of each. */
  retention?: EmulatorRetention;
  /** The clock for timestamps and the session window; default the system clock. */
  now?: () => Date;
}
