import type { InboundConversation, InboundPricing } from '@switchboard/core';
import { z } from 'zod';
import { compact } from '../compact.js';
import { timestampSchema } from './webhook-schemas.js';

// `pricing` and `conversation` of a `statuses[]` item (Meta sends them on sent, delivered and read
// statuses, https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#statuses-object).
// Read leniently: a field that is not what Meta documents is left out (it stays in `raw`).

const optionalText = z
  .string()
  .nullish()
  .catch(undefined)
  .transform((value) => (value ? value : undefined));

const pricingSchema = z.looseObject({
  billable: z.boolean().nullish().catch(undefined),
  category: optionalText,
  pricing_model: optionalText,
  type: optionalText,
});

/** `pricing`: `billable`, `category`, `pricing_model` (as `model`) and `type`; `undefined` when empty. */
export function mapPricing(pricing: unknown): InboundPricing | undefined {
  const parsed = pricingSchema.safeParse(pricing);
  if (!parsed.success) return undefined;
  const { billable, category, pricing_model: model, type } = parsed.data;
  const mapped = compact({ billable: billable ?? undefined, category, model, type }) as InboundPricing;
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}

const conversationSchema = z.looseObject({
  id: z.string().min(1),
  origin: z.looseObject({ type: optionalText }).nullish().catch(undefined),
  expiration_timestamp: timestampSchema.nullish().catch(undefined),
});

/** `conversation`: its `id`, `origin.type` and `expiration_timestamp` (as a Date); `undefined` without an id. */
export function mapConversation(conversation: unknown): InboundConversation | undefined {
  const parsed = conversationSchema.safeParse(conversation);
  if (!parsed.success) return undefined;
  const { id, origin, expiration_timestamp: expiresAt } = parsed.data;
  return compact({ id, origin: origin?.type, expiresAt: expiresAt ?? undefined }) as InboundConversation;
}
