import { HttpResponse } from 'msw';
import type { z } from 'zod';
import { invalidNumberReason, isInvalidNumber, TICKET_EXPIRED } from '../outbound-message.js';
import { contactAttribute } from '../wati-contact.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import type { WatiContactRecord, WatiMessageRecord } from '../wati-records.js';
import { isJsonMediaType, mediaTypeOf } from '../wati-request-body.js';
import { isWithinSessionWindow } from '../wati-state.js';

/** Where every V3 route lives (no tenant segment). */
export const V3 = '/api/ext/v3';

/** V3 pages: `page_size` "max 100" (WATI's V3 OpenAPI). */
export const V3_MAX_PAGE_SIZE = 100;

/** An answer or the error response to send instead. */
export type V3Result<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * V3's error body, `{ code, message, timestamp }` (OpenAPI `InvalidRequestResponse`,
 * `ForbiddenRequestResponse`, `UnexpectedErrorResponse`). `code` is an int32 WATI does not enumerate:
 * the emulator repeats the HTTP status.
 */
export function v3Error(status: number, message: string): Response {
  return HttpResponse.json({ code: status, message, timestamp: new Date().toISOString() }, { status });
}

/** A V3 JSON answer, HTTP 200. */
export function v3Json(body: Record<string, unknown>): Response {
  return HttpResponse.json(body, { status: 200 });
}

/** `page_number` (1-based) and `page_size` (1–100), both required on every V3 list. */
export function readV3Paging(url: URL): V3Result<{ pageNumber: number; pageSize: number }> {
  const read = (name: string, max: number): number | string => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') return `The ${name} field is required.`;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max)
      return `The value '${raw}' is not valid for ${name}.`;
    return value;
  };
  const pageNumber = read('page_number', Number.MAX_SAFE_INTEGER);
  const pageSize = read('page_size', V3_MAX_PAGE_SIZE);
  if (typeof pageNumber === 'string') return { ok: false, response: v3Error(400, pageNumber) };
  if (typeof pageSize === 'string') return { ok: false, response: v3Error(400, pageSize) };
  return { ok: true, value: { pageNumber, pageSize } };
}

/** One page of items (a page past the end is empty). */
export function pageOf<T>(items: readonly T[], paging: { pageNumber: number; pageSize: number }): T[] {
  const start = (paging.pageNumber - 1) * paging.pageSize;
  return items.slice(start, start + paging.pageSize);
}

/** Whether a channel name or number names one of the tenant's channels (the default one included). */
function isKnownChannel(context: WatiEmulatorContext, channel: string): boolean {
  if (channel === context.config.channelPhoneNumber) return true;
  return context.config.channels.some((entry) => entry.name === channel || entry.phoneNumber === channel);
}

/** The `channel` of a request (`channel:…` target or a template's `channel`), or a 400 when unknown. */
export function checkChannel(
  context: WatiEmulatorContext,
  channel: string | undefined,
): Response | undefined {
  if (channel === undefined || isKnownChannel(context, channel)) return undefined;
  return v3Error(400, `Channel not found: ${channel}`);
}

/** Splits `Channel:rest` on its first colon. */
export function splitTarget(target: string): { channel: string | undefined; id: string } {
  const index = target.indexOf(':');
  return index === -1
    ? { channel: undefined, id: target }
    : { channel: target.slice(0, index), id: target.slice(index + 1) };
}

/**
 * The contact a target names: a phone number (digits), a contact id, or (`conversations`) a
 * conversation id or the contact's business-scoped user id; optionally `Channel:` first. 404 when
 * none matches, 400 for an unknown channel. Contact endpoints take no BSUID (WATI lists contact id,
 * phone and `Channel:Phone` for them).
 */
export function resolveTarget(
  context: WatiEmulatorContext,
  target: string,
  kind: 'conversation' | 'contact',
): V3Result<WatiContactRecord> {
  const { channel, id } = splitTarget(target.trim());
  const badChannel = checkChannel(context, channel);
  if (badChannel !== undefined) return { ok: false, response: badChannel };
  if (id === '') return { ok: false, response: v3Error(400, 'The target field is required.') };
  const byNumber = context.state.contacts.get(id);
  if (byNumber !== undefined) return { ok: true, value: byNumber };
  for (const contact of context.state.contacts.values()) {
    const conversationMatch = contact.conversationId === id || contact.bsuid === id;
    if (contact.id === id || (kind === 'conversation' && conversationMatch))
      return { ok: true, value: contact };
  }
  return { ok: false, response: v3Error(404, `No ${kind} found for target ${target}`) };
}

/**
 * Who a V3 session message may go to. The legacy API answers these refusals as HTTP 200 soft
 * failures; V3 documents `{ code, message }` errors, so the emulator answers 400 with the same
 * texts (WATI does not document the V3 status of an expired session: an inference).
 */
export function v3SessionRecipient(
  context: WatiEmulatorContext,
  target: string,
): V3Result<WatiContactRecord> {
  const { channel, id } = splitTarget(target.trim());
  const badChannel = checkChannel(context, channel);
  if (badChannel !== undefined) return { ok: false, response: badChannel };
  if (/^\d+$/.test(id) && isInvalidNumber(context, id)) {
    return { ok: false, response: v3Error(400, invalidNumberReason(id)) };
  }
  const resolved = resolveTarget(context, target, 'conversation');
  if (!resolved.ok) {
    // A number WATI has no conversation with has no open ticket.
    return /^\d+$/.test(id) ? { ok: false, response: v3Error(400, TICKET_EXPIRED) } : resolved;
  }
  const contact = resolved.value;
  if (context.config.sessionWindow === 'enforce' && !isWithinSessionWindow(contact, context.config.now())) {
    return { ok: false, response: v3Error(400, TICKET_EXPIRED) };
  }
  return resolved;
}

/** A message as V3's `MessageDto` (snake_case). */
export function toV3Message(message: WatiMessageRecord): Record<string, unknown> {
  return {
    text: message.text,
    type: message.type,
    timestamp: message.created.toISOString(),
    owner: message.owner,
    status: message.statusString.toLowerCase(),
    avatar_url: null,
    assigned_id: null,
    operator_name: null,
    failed_detail: message.failedDetail,
    bot_type: null,
    local_message_id: message.localMessageId,
    id: message.id,
    created: message.created.toISOString(),
    conversation_id: message.conversationId,
    ticket_id: message.ticketId,
    event_type: message.kind === 'template' ? 'broadcastMessage' : 'message',
  };
}

/** A contact as V3's `ContactDto` (snake_case, `phone` with `+`, ISO dates). */
export function toV3Contact(contact: WatiContactRecord): Record<string, unknown> {
  return {
    id: contact.id,
    wa_id: contact.waId,
    name: contact.name ?? contactAttribute(contact, 'name') ?? `+${contact.waId}`,
    phone: `+${contact.waId}`,
    photo: null,
    created: contact.created.toISOString(),
    last_updated: contact.lastUpdated.toISOString(),
    contact_status: contact.contactStatus,
    source: 'api',
    channel_id: null,
    opted_in: false,
    allow_broadcast: true,
    allow_sms: false,
    teams: [],
    segments: [],
    custom_params: contact.customParams.map((param) => ({ ...param })),
    channel_type: 'whatsapp',
    display_name: contact.name ?? `+${contact.waId}`,
  };
}

/**
 * Reads a V3 JSON body: 415 when the content type is not JSON, else 400 `{ code, message }` naming
 * the first failing field when it does not parse or match the request model.
 */
export async function readV3Json<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<V3Result<z.output<S>>> {
  if (!isJsonMediaType(mediaTypeOf(request)))
    return { ok: false, response: v3Error(415, 'Unsupported Media Type') };
  let value: unknown;
  try {
    value = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: v3Error(400, 'The request body is not valid JSON.') };
  }
  return parseV3(schema, value);
}

/** Validates a value against a V3 request model; 400 naming the first failing field. */
export function parseV3<S extends z.ZodType>(schema: S, value: unknown): V3Result<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  const message =
    issue === undefined ? 'Invalid request.' : `${path === '' ? '' : `${path}: `}${issue.message}`;
  return { ok: false, response: v3Error(400, message) };
}
