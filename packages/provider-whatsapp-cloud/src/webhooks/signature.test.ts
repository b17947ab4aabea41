import { type InboundEvent, WebhookVerificationError } from '@switchboard/core';
import { signPayload } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { APP_SECRET } from '../__fixtures__/graph-server.js';
import { fixtureBytes, signedDelivery, webhookCloud } from '../__fixtures__/webhook-deliveries.js';

const raw = fixtureBytes('webhook-non-ascii-text.json');
const rawText = new TextDecoder().decode(raw);

async function verificationError(promise: Promise<InboundEvent[]>): Promise<WebhookVerificationError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!WebhookVerificationError.isInstance(error))
    throw new Error(`expected a WebhookVerificationError, got ${String(error)}`);
  return error;
}

describe('webhooks.parse: X-Hub-Signature-256', () => {
  it('accepts a delivery signed over its raw bytes', async () => {
    const events = await webhookCloud().webhooks.parse(signedDelivery(raw));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'message', message: { text: 'Café na praça? 😀 ¡Sí!' } });
  });

  it('verifies the raw bytes, never a re-serialized body: Meta escapes non-ASCII as \\uXXXX', async () => {
    // The fixture is exactly what Meta sends: escaped, compact.
    expect(rawText).toContain('Caf\\u00e9');
    const reserialized = JSON.stringify(JSON.parse(rawText));
    expect(reserialized).not.toBe(rawText);
    const header = signedDelivery(raw).headers;

    const cloud = webhookCloud();
    await expect(cloud.webhooks.parse({ body: raw, headers: header })).resolves.toHaveLength(1);
    await expect(cloud.webhooks.parse({ body: rawText, headers: header })).resolves.toHaveLength(1);
    await verificationError(cloud.webhooks.parse({ body: reserialized, headers: header }));
  });

  it('accepts a Fetch Request and reads its body as received', async () => {
    const { headers } = signedDelivery(raw);
    const request = new Request('https://hooks.example.com/whatsapp', {
      method: 'POST',
      body: raw,
      headers: headers as Record<string, string>,
    });
    await expect(webhookCloud().webhooks.parse(request)).resolves.toHaveLength(1);
  });

  it('accepts an upper-case hex digest', async () => {
    const signature = `sha256=${signPayload(raw, APP_SECRET).toUpperCase()}`;
    await expect(
      webhookCloud().webhooks.parse({ body: raw, headers: { 'X-Hub-Signature-256': signature } }),
    ).resolves.toHaveLength(1);
  });

  it('rejects a signature made with another secret, without quoting secret or signatures', async () => {
    const delivery = signedDelivery(raw, 'another-app-secret');
    const error = await verificationError(webhookCloud().webhooks.parse(delivery));
    expect(error).toMatchObject({
      code: 'webhook_verification_failed',
      provider: 'whatsapp-cloud',
      retryable: false,
    });
    expect(error.message).toContain('does not match');
    const logged = `${error.message} ${JSON.stringify(error)}`;
    expect(logged).not.toContain(APP_SECRET);
    expect(logged).not.toContain(signPayload(raw, APP_SECRET));
  });

  it('rejects a delivery without the header', async () => {
    const error = await verificationError(
      webhookCloud().webhooks.parse({ body: raw, headers: { 'content-type': 'application/json' } }),
    );
    expect(error.message).toContain('no X-Hub-Signature-256 header');
  });

  it.each([
    [
      'a tampered byte',
      () => {
        const tampered = raw.slice();
        tampered[tampered.length - 10] = (tampered[tampered.length - 10] as number) ^ 0x01;
        return { body: tampered, headers: signedDelivery(raw).headers };
      },
    ],
    [
      'a sha1 header in place of sha256',
      () => ({ body: raw, headers: { 'x-hub-signature-256': `sha1=${'0'.repeat(40)}` } }),
    ],
    [
      'a digest that is not hex',
      () => ({ body: raw, headers: { 'x-hub-signature-256': `sha256=${'z'.repeat(64)}` } }),
    ],
  ])('rejects %s', async (_label, delivery) => {
    await verificationError(webhookCloud().webhooks.parse(delivery()));
  });

  it('checks nothing without appSecret (deliveries are then not authenticated)', async () => {
    const events = await webhookCloud({ appSecret: undefined }).webhooks.parse({ body: raw, headers: {} });
    expect(events).toHaveLength(1);
  });
});
