import type { MediaData, MediaUrl, SendResult, ValidOutboundMessageOf } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { inventFilename } from './media-types.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { SessionFileMessage } from './send-session-file.js';
import type { WatiRequest } from './wati-client.js';
import { WATI_PROVIDER_ID, WATI_V3_PATH_PREFIX } from './wati-options.js';
import { definedIds } from './wati-values.js';

/** A V3 session send (text, file, buttons, list) as WATI's request. */
export interface WatiV3SessionRequest {
  kind: 'v3-session';
  /** The recipient: digits or a business-scoped user id. */
  to: string;
  request: WatiRequest;
}

/**
 * A V3 conversation `target`: the number or business-scoped user id, or `channel:number` /
 * `channel:BSUID` to send from a given channel (a target alone means its most recent open
 * conversation; docs.wati.io BSUID & target format).
 */
export function v3Target(to: string, channel: string | undefined): string {
  return channel === undefined ? to : `${channel}:${to}`;
}

function sessionRequest(
  to: string,
  path: string,
  operation: string,
  body: WatiRequest['body'],
): WatiV3SessionRequest {
  return {
    kind: 'v3-session',
    to,
    request: {
      method: 'POST',
      path: `${WATI_V3_PATH_PREFIX}${path}`,
      body,
      operation,
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
      api: 'v3',
    },
  };
}

/**
 * A text message: `POST /api/ext/v3/conversations/messages/text` with JSON `{ target, text }` (the
 * request model allows no other field). `previewUrl` has no V3 equivalent and is ignored; `replyTo`
 * is not served here (V3 has no quoted replies: the legacy endpoint is used for those).
 */
export function v3TextRequest(
  message: ValidOutboundMessageOf<'text'>,
  channel?: string,
): WatiV3SessionRequest {
  return sessionRequest(message.to, '/conversations/messages/text', 'send.text', {
    type: 'json',
    value: { target: v3Target(message.to, channel), text: message.text },
  });
}

/**
 * An image, video, audio or document: bytes → `POST /api/ext/v3/conversations/messages/file`,
 * multipart fields `target`, `file` (with its file name and type) and `caption`; a URL →
 * `POST /api/ext/v3/conversations/messages/fileViaUrl`, JSON `{ target, file_url, caption }`. As with
 * the legacy endpoints, a document without a caption is captioned with its file name (WATI shows the
 * caption as the document's name).
 */
export function v3FileRequest(
  message: SessionFileMessage,
  media: MediaUrl | MediaData,
  channel?: string,
): WatiV3SessionRequest {
  const target = v3Target(message.to, channel);
  const operation = `send.${message.type}`;
  const documentName = message.type === 'document' ? message.filename : undefined;
  const captionOf = (filename: string | undefined) =>
    message.type === 'audio'
      ? undefined
      : (message.caption ?? (message.type === 'document' ? filename : undefined));
  if ('url' in media) {
    const caption = captionOf(documentName);
    return sessionRequest(message.to, '/conversations/messages/fileViaUrl', operation, {
      type: 'json',
      value: { target, file_url: media.url, ...(caption === undefined ? {} : { caption }) },
    });
  }
  const filename = documentName ?? media.filename ?? inventFilename(message.type, media.mimeType);
  const caption = captionOf(filename);
  return sessionRequest(message.to, '/conversations/messages/file', operation, {
    type: 'multipart',
    parts: [
      { name: 'target', value: target },
      ...(caption === undefined ? [] : [{ name: 'caption', value: caption }]),
      { name: 'file', data: media.data, filename, contentType: media.mimeType },
    ],
  });
}

/**
 * A buttons message: `POST /api/ext/v3/conversations/messages/interactive` with
 * `{ target, type: 'buttons', button_message: { header: { type: 'text', text }, body, footer, buttons: [{ text }] } }`.
 * Button ids are not sent (WATI has none); the reply's id is the button title.
 */
export function v3ButtonsRequest(
  message: ValidOutboundMessageOf<'buttons'>,
  channel?: string,
): WatiV3SessionRequest {
  return sessionRequest(message.to, '/conversations/messages/interactive', 'send.buttons', {
    type: 'json',
    value: {
      target: v3Target(message.to, channel),
      type: 'buttons',
      button_message: {
        ...(message.header === undefined ? {} : { header: { type: 'text', text: message.header } }),
        body: message.body,
        ...(message.footer === undefined ? {} : { footer: message.footer }),
        buttons: message.buttons.map((button) => ({ text: button.title })),
      },
    },
  });
}

/**
 * A list message: the same endpoint with `{ target, type: 'list', list_message: { header, body,
 * footer, button_text, sections: [{ title, rows: [{ title, description }] }] } }`. Row ids are not
 * sent; the reply's id is the row title (unique, checked before).
 */
export function v3ListRequest(
  message: ValidOutboundMessageOf<'list'>,
  channel?: string,
): WatiV3SessionRequest {
  return sessionRequest(message.to, '/conversations/messages/interactive', 'send.list', {
    type: 'json',
    value: {
      target: v3Target(message.to, channel),
      type: 'list',
      list_message: {
        ...(message.header === undefined ? {} : { header: message.header }),
        body: message.body,
        ...(message.footer === undefined ? {} : { footer: message.footer }),
        button_text: message.buttonText,
        sections: message.sections.map((section) => ({
          ...(section.title === undefined ? {} : { title: section.title }),
          rows: section.rows.map((row) => ({
            title: row.title,
            ...(row.description === undefined ? {} : { description: row.description }),
          })),
        })),
      },
    },
  });
}

const id = /* @__PURE__ */ lazySchema(() => z.nullish(z.union([z.string(), z.number()])));

/** The body of a V3 session send: `{ message: { id, local_message_id, conversation_id, ticket_id, … } }`. */
export const v3SessionResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      message: z.nullish(
        z.looseObject({
          id,
          local_message_id: id,
          whatsapp_message_id: id,
          conversation_id: id,
          ticket_id: id,
        }),
      ),
    }),
  ),
);

/**
 * The {@link SendResult} of a V3 session send. Its id is `message.id`, WATI's message id, which the
 * status webhooks carry as `id` (as for v1 session sends); `providerIds` also keeps
 * `local_message_id` (the `_v2` webhooks' `localMessageId`) and the conversation and ticket ids.
 * Without any id in the answer (WATI accepted but named nothing), a generated UUID that no webhook
 * will mention.
 */
export function toV3SessionSendResult(
  body: z.output<typeof v3SessionResponseSchema>,
  to: string,
): SendResult {
  const message = body?.message ?? undefined;
  const providerIds = definedIds({
    id: message?.id,
    localMessageId: message?.local_message_id,
    whatsappMessageId: message?.whatsapp_message_id,
    conversationId: message?.conversation_id,
    ticketId: message?.ticket_id,
  });
  return {
    id: providerIds.id ?? providerIds.localMessageId ?? crypto.randomUUID(),
    provider: WATI_PROVIDER_ID,
    to,
    status: 'accepted',
    ...(Object.keys(providerIds).length === 0 ? {} : { providerIds }),
    raw: body ?? null,
  };
}
