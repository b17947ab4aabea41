import { readFileSync } from 'node:fs';
import type { RawWebhookRequest } from '@switchboard/core';
import { signPayload } from '@switchboard/testing';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from '../index.js';
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN } from './graph-server.js';

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
    ...options,
  });
}
