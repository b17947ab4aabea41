/**
 * WATI's BSUID-first webhook variants (docs.wati.io/reference, "(BSUID)" pages): the same payload as
 * the base event, its `eventType` suffixed `_bsuid`, with `bsuid` (always present), `parentBsuid` and
 * `username`, and `waId` optional. WATI documents them for these events only; the others (delivered,
 * read, replied, failed, v1 template sent) go out unchanged.
 */
export const WATI_BSUID_VARIANTS: Readonly<Record<string, string>> = {
  message: 'message_bsuid',
  newContactMessageReceived: 'newContactMessageReceived_bsuid',
  sessionMessageSent: 'sessionMessageSent_bsuid',
  sessionMessageSent_v2: 'sessionMessageSent_v2_bsuid',
  templateMessageSent_v2: 'templateMessageSent_v2_bsuid',
};

/** The business-scoped identity of one WhatsApp user, as WATI's BSUID-first events carry it. */
export interface WatiBsuidUser {
  /** e.g. `US.13491208655302741918`. */
  bsuid: string;
  /** e.g. `US.ENT.11815799212886844830`; `null` in the payload when absent. */
  parentBsuid?: string;
  /** e.g. `@bob`; `null` in the payload when absent. */
  username?: string;
}

/** How the emulator sends BSUID-first events; see `WatiWebhookTarget.bsuidEvents`. */
export interface WatiBsuidEventOptions {
  /** The identity of each user, by number (`14155551234`). Default: {@link defaultBsuid} of the number. */
  users?: Readonly<Record<string, WatiBsuidUser>>;
  /** Leave `waId` out, as a BSUID-first event may for a user who hides their number. Default `false`. */
  omitPhone?: boolean;
}

/**
 * The BSUID the emulator gives a number without one configured: `US.` and a 20-digit number derived
 * from the phone, stable across runs so tests can expect it (`14155551234` → `US.90000000014155551234`).
 */
export function defaultBsuid(waId: string): string {
  return `US.9${waId.replace(/\D/g, '').padStart(19, '0')}`;
}

/**
 * The BSUID-first variant of a WATI webhook payload, or the payload itself when WATI documents no
 * such variant for its event type. The user is looked up by the payload's `waId`.
 *
 * @example
 * ```ts
 * const payload = toWatiBsuidEvent(
 *   watiWebhookPayloads.messageReceived({ type: 'text', waId: '14155551234', text: 'hello' }),
 *   { users: { '14155551234': { bsuid: 'US.13491208655302741918', username: '@bob' } }, omitPhone: true },
 * );
 * // payload.eventType === 'message_bsuid', payload.bsuid === 'US.13491208655302741918', no waId
 * ```
 */
export function toWatiBsuidEvent<P extends Record<string, unknown>>(
  payload: P,
  options: WatiBsuidEventOptions = {},
): Record<string, unknown> {
  const variant = WATI_BSUID_VARIANTS[String(payload.eventType)];
  const waId = typeof payload.waId === 'string' ? payload.waId : undefined;
  if (variant === undefined || waId === undefined) return payload;
  const user = options.users?.[waId] ?? { bsuid: defaultBsuid(waId) };
  const { waId: _phone, ...rest } = payload;
  return {
    ...(options.omitPhone === true ? rest : payload),
    eventType: variant,
    bsuid: user.bsuid,
    parentBsuid: user.parentBsuid ?? null,
    username: user.username ?? null,
  };
}
