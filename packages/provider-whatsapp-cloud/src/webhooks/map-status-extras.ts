import type { InboundConversation, InboundPricing } from '@switchboard/core';
import * as z from 'zod/mini';
import { compact } from '../compact.js';
import { onFirstUse } from '../on-first-use.js';
import { webhookSchemas } from './webhook-schemas.js';

// `pricing` and `conversation` of a `statuses[]` item (Meta sends them on sent, delivered and read
// statuses, https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#statuses-object).
// Read leniently: a field that is not what Meta documents is left out (it stays in `raw`).

const schemas = onFirstUse(() => {
  const { lenientTextSchema: optionalText, timestampSchema } = webhookSchemas();
  return {
    pricingSchema: z.looseObject({
      billable: z.catch(z.nullish(z.boolean()), undefined),
      category: optionalText,
      pricing_model: optionalText,
      type: optionalText,
    }),
    conversationSchema: z.looseObject({
      id: z.string().check(z.minLength(1)),
      origin: z.catch(z.nullish(z.looseObject({ type: optionalText })), undefined),
      expiration_timestamp: z.catch(z.nullish(timestampSchema), undefined),
    }),
  };
});

/** `pricing`: `billable`, `category`, `pricing_model` (as `model`) and `type`; `undefined` when empty. */
export function mapPricing(pricing: unknown): InboundPricing | undefined {
  const parsed = schemas().pricingSchema.safeParse(pricing);
  if (!parsed.success) return undefined;
  const { billable, category, pricing_model: model, type } = parsed.data;
  const mapped = compact({ billable: billable ?? undefined, category, model, type }) as InboundPricing;
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}

/** `conversation`: its `id`, `origin.type` and `expiration_timestamp` (as a Date); `undefined` without an id. */
export function mapConversation(conversation: unknown): InboundConversation | undefined {
  const parsed = schemas().conversationSchema.safeParse(conversation);
  if (!parsed.success) return undefined;
  const { id, origin, expiration_timestamp: expiresAt } = parsed.data;
  return compact({ id, origin: origin?.type, expiresAt: expiresAt ?? undefined }) as InboundConversation;
}
