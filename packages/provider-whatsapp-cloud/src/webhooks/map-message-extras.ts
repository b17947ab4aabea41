import type { InboundMessageError, InboundReferral } from '@switchboard/core';
import * as z from 'zod/mini';
import { compact } from '../compact.js';
import { onFirstUse } from '../on-first-use.js';
import { webhookSchemas } from './webhook-schemas.js';

// What a `messages[]` item carries besides its content: the reply context (and forwarding flags),
// the click-to-WhatsApp ad `referral`, and the `errors` of an unsupported message. Each is read on
// its own and leniently: a malformed one is left out (it stays in `raw`), never costing the message.

const schemas = onFirstUse(() => {
  const optionalText = webhookSchemas().lenientTextSchema;
  const optionalFlag = z.catch(z.nullish(z.boolean()), undefined);
  const contextSchema = z.looseObject({
    id: optionalText,
    forwarded: optionalFlag,
    frequently_forwarded: optionalFlag,
  });
  const referralSchema = z.looseObject({
    source_url: optionalText,
    source_id: optionalText,
    source_type: optionalText,
    headline: optionalText,
    body: optionalText,
    media_type: optionalText,
    image_url: optionalText,
    video_url: optionalText,
    thumbnail_url: optionalText,
    ctwa_clid: optionalText,
  });
  const errorSchema = z.looseObject({
    code: z.union([z.number(), z.string().check(z.minLength(1))]),
    title: optionalText,
    message: optionalText,
    error_data: z.catch(z.nullish(z.looseObject({ details: optionalText })), undefined),
  });
  return { contextSchema, referralSchema, errorSchema };
});

/** The quoted message and forwarding flags of a message's `context`. */
export interface MessageContext {
  replyTo?: string;
  forwarded?: boolean;
  frequentlyForwarded?: boolean;
}

/**
 * `context`: `id` is the message replied to; `forwarded` / `frequently_forwarded` are set on a
 * forwarded message (Meta sends them in `context` without an `id`).
 */
export function mapContext(context: unknown): MessageContext {
  const parsed = schemas().contextSchema.safeParse(context);
  if (!parsed.success) return {};
  const { id, forwarded, frequently_forwarded: frequentlyForwarded } = parsed.data;
  return compact({
    replyTo: id,
    forwarded: frequentlyForwarded === true ? true : (forwarded ?? undefined),
    frequentlyForwarded: frequentlyForwarded ?? undefined,
  }) as MessageContext;
}

/**
 * A click-to-WhatsApp `referral` (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples#received-message-triggered-by-click-to-whatsapp-ads),
 * or `undefined` when there is none or it carries nothing readable.
 */
export function mapReferral(referral: unknown): InboundReferral | undefined {
  const parsed = schemas().referralSchema.safeParse(referral);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const mapped = compact({
    sourceId: r.source_id,
    sourceUrl: r.source_url,
    sourceType: r.source_type,
    headline: r.headline,
    body: r.body,
    mediaType: r.media_type,
    imageUrl: r.image_url,
    videoUrl: r.video_url,
    thumbnailUrl: r.thumbnail_url,
    ctwaClid: r.ctwa_clid,
  }) as InboundReferral;
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}

/**
 * Why Meta could not deliver a message's content: the first of its `errors` (e.g. 131051 "Message
 * type unknown" on `type: "unsupported"`), `message` being Meta's `error_data.details` when given.
 */
export function mapMessageError(errors: unknown): InboundMessageError | undefined {
  const parsed = schemas().errorSchema.safeParse(Array.isArray(errors) ? errors[0] : undefined);
  if (!parsed.success) return undefined;
  const { code, title, message, error_data: data } = parsed.data;
  const resolvedTitle = title ?? message ?? `WhatsApp error ${code}`;
  const detail = data?.details ?? (message !== resolvedTitle ? message : undefined);
  return compact({ code, title: resolvedTitle, message: detail }) as InboundMessageError;
}
