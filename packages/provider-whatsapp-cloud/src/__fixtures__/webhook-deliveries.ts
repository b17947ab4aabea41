import { readFileSync } from 'node:fs';
import { type InboundEvent, inboundEventSchema, type RawWebhookRequest } from '@switchboard/core';
import { signPayload } from '@switchboard/testing';
import { expect } from 'vitest';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from '../index.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  BUSINESS_ACCOUNT_ID,
  PHONE_NUMBER_ID,
  VERIFY_TOKEN,
} from './graph-server.js';

/** The envelope fields of every event parsed from the fixtures (one WABA, one number). */
export const FIXTURE_ORIGIN = {
  provider: 'whatsapp-cloud',
  businessAccountId: BUSINESS_ACCOUNT_ID,
  phoneNumberId: PHONE_NUMBER_ID,
} as const;

/** The bytes of a fixture file exactly as stored. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./${name}`, import.meta.url)));
}

/** A fixture parsed as JSON, to state expectations about its items. */
export function fixtureJson<T = WebhookPayload>(name: string): T {
  return JSON.parse(new TextDecoder().decode(fixtureBytes(name))) as T;
}

/** Enough of a webhook payload's shape to pick items out of it in tests. */
export interface WebhookPayload {
  entry: {
    id: string;
    changes: { field: string; value: Record<string, unknown[]> & Record<string, unknown> }[];
  }[];
}

/** The `messages[i]` of the first change of a fixture. */
export function messageOf(name: string, index = 0): Record<string, unknown> {
  return fixtureJson(name).entry[0]?.changes[0]?.value.messages?.[index] as Record<string, unknown>;
}

/** The `statuses[i]` of the first change of a fixture. */
export function statusOf(name: string, index = 0): Record<string, unknown> {
  return fixtureJson(name).entry[0]?.changes[0]?.value.statuses?.[index] as Record<string, unknown>;
}

/** A delivery of `body` signed with `secret` the way Meta signs it. */
export function signedDelivery(body: Uint8Array | string, secret = APP_SECRET): RawWebhookRequest {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${signPayload(body, secret)}`,
    },
  };
}

/** A provider that verifies signatures with {@link APP_SECRET}; webhooks need no server. */
export function webhookCloud(
  options: { appSecret?: string | undefined; verifyToken?: string | undefined } = {},
): WhatsAppCloudProvider {
  return createWhatsAppCloud({
    transport: 'direct',
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    env: {},
    ...options,
  });
}

/** Parses a signed delivery of `body`, checking that every event is a valid neutral event. */
export async function parseSigned(body: Uint8Array | string): Promise<InboundEvent[]> {
  const events = await webhookCloud().webhooks.parse(signedDelivery(body));
  for (const event of events) expect(inboundEventSchema.parse(event)).toStrictEqual(event);
  return events;
}

/** What the delivered fixture (and the sent one) report of pricing and conversation. */
export const MARKETING_PRICING = { billable: true, category: 'marketing', model: 'PMP', type: 'regular' };
export const MARKETING_CONVERSATION = { id: '6ceb9d929c1a5a7d2b0f1b2c3d4e5f60', origin: 'marketing' };

/** The status event a single-status fixture should produce, with `overrides`. */
export function statusEvent(name: string, overrides: Record<string, unknown> = {}) {
  const raw = statusOf(name);
  return {
    kind: 'status',
    ...FIXTURE_ORIGIN,
    messageId: raw.id,
    providerIds: { wamid: raw.id },
    to: '16505551234',
    status: raw.status,
    timestamp: new Date(Number(raw.timestamp) * 1000),
    raw,
    ...overrides,
  };
}
