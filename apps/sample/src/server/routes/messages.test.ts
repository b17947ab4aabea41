import {
  type BulkRequest,
  type Capability,
  type MessagingProvider,
  type OutboundMessage,
  WHATSAPP_MEDIA_LIMITS,
  WHATSAPP_MESSAGE_LIMITS,
} from '@switchboard/core';
import type { EnqueueOptions, Outbox } from '@switchboard/queue';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { SandboxAppConfig } from '../../config/app-config.js';
import { InboxStore } from '../../inbox/inbox-store.js';
import { silentLogger } from '../../logger.js';
import type { AppServices } from '../app-services.js';
import { createApp } from '../create-app.js';
import { EventStream } from '../event-stream.js';

const PHONE = '+1 415 555 1234';
const DIGITS = '14155551234';
const TEMPLATE = { name: 'order_update', language: 'en_US' };

/**
 * A provider that validates nothing and records every call: whatever reaches `send` or `sendBulk`
 * is exactly what the route let through.
 */
function recordingProvider() {
  const sent: OutboundMessage[] = [];
  const bulks: BulkRequest[] = [];
  const provider: MessagingProvider = {
    id: 'whatsapp-cloud',
    capabilities: new Set<Capability>(['send.text', 'send.template', 'send.bulk']),
    limits: { ...WHATSAPP_MESSAGE_LIMITS, bulkBatchSize: 100, media: WHATSAPP_MEDIA_LIMITS },
    send: async (message) => {
      sent.push(message);
      return {
        id: `fake-${sent.length}`,
        provider: 'whatsapp-cloud',
        to: message.to,
        status: 'accepted',
        raw: {},
      };
    },
    sendBulk: async (request) => {
      bulks.push(request);
      return {
        results: request.recipients.map((recipient, index) => ({
          to: recipient.to,
          ok: true,
          id: `fake-bulk-${index}`,
        })),
      };
    },
    webhooks: { handleVerification: () => new Response(null, { status: 403 }), parse: async () => [] },
    close: async () => undefined,
  };
  return { provider, sent, bulks };
}

/** The outbox methods the queued routes call, validating nothing and recording every call. */
function recordingOutbox() {
  const enqueued: { message: OutboundMessage; options: EnqueueOptions | undefined }[] = [];
  const bulks: BulkRequest[] = [];
  const outbox: Pick<Outbox, 'enqueue' | 'enqueueBulk' | 'getBulkResult' | 'getJob'> = {
    enqueue: async (message, options) => {
      enqueued.push({ message, options });
      return { jobId: `job-${enqueued.length}`, duplicate: false };
    },
    enqueueBulk: async (request) => {
      bulks.push(request);
      return { bulkId: 'bulk-1', jobIds: request.recipients.map((_, index) => `bulk-1-${index}`) };
    },
    getBulkResult: async () => undefined,
    getJob: async () => undefined,
  };
  // The routes use only these four methods; the rest of an Outbox needs Redis.
  return { outbox: outbox as unknown as Outbox, enqueued, bulks };
}

function appWith(provider: MessagingProvider, outbox?: Outbox): Promise<Hono> {
  const config: SandboxAppConfig = {
    mode: 'sandbox',
    providerId: 'whatsapp-cloud',
    transport: 'direct',
    source: { kind: 'default' },
    reason: 'test',
  };
  const services: AppServices = {
    runtime: {
      config,
      providerId: 'whatsapp-cloud',
      transport: 'direct',
      provider,
      sandbox: undefined,
      close: async () => undefined,
    },
    store: new InboxStore(),
    events: new EventStream(),
    logger: silentLogger,
    ...(outbox === undefined ? {} : { outbox }),
  };
  return createApp(services);
}

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    error?: { name?: string; code?: string; message?: string; issues?: { path: string }[] };
  };
}

async function post(app: Hono, path: string, body: unknown): Promise<Answer> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function expectRefused(answer: Answer, path: string, what: 'message' | 'bulk request'): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body.error).toMatchObject({
    name: 'ValidationError',
    code: 'validation_failed',
    message: expect.stringContaining(`Invalid ${what}: ${path}: `),
    issues: [{ path }],
  });
}

const INVALID_MESSAGES = [
  {
    name: 'a phone number that is not one',
    body: { type: 'text', to: 'not a number', text: 'hi' },
    path: 'to',
  },
  { name: 'a text without text', body: { type: 'text', to: PHONE }, path: 'text' },
  { name: 'an unknown type', body: { type: 'fax', to: PHONE }, path: 'type' },
  {
    name: 'an empty button title',
    body: { type: 'buttons', to: PHONE, body: 'Arrived?', buttons: [{ id: 'y', title: '' }] },
    path: 'buttons.0.title',
  },
  {
    name: 'a media URL that is not http(s)',
    body: { type: 'image', to: PHONE, media: { url: 'file:///etc/passwd' } },
    path: 'media.url',
  },
];

const INVALID_BULKS = [
  { name: 'no recipients', body: { template: TEMPLATE, recipients: [] }, path: 'recipients' },
  {
    name: 'a second recipient that is not a phone number',
    body: { template: TEMPLATE, recipients: [{ to: PHONE }, { to: 'abc' }] },
    path: 'recipients.1.to',
  },
  {
    name: 'a template without a name',
    body: { template: { language: 'en_US' }, recipients: [{ to: PHONE }] },
    path: 'template.name',
  },
  {
    name: 'parameters that are neither a list nor named values',
    body: { template: TEMPLATE, recipients: [{ to: PHONE, parameters: 5 }] },
    path: 'recipients.0.parameters',
  },
];

describe('POST /api/messages and /api/bulk: the route parses the body before the provider sees it', () => {
  it.each(INVALID_MESSAGES)(
    'answers 400 naming $path for $name, and never calls send',
    async ({ body, path }) => {
      const { provider, sent, bulks } = recordingProvider();
      const app = await appWith(provider);
      expectRefused(await post(app, '/api/messages', body), path, 'message');
      expect(sent).toStrictEqual([]);
      expect(bulks).toStrictEqual([]);
    },
  );

  it.each(INVALID_BULKS)(
    'answers 400 naming $path for $name, and never calls sendBulk',
    async ({ body, path }) => {
      const { provider, sent, bulks } = recordingProvider();
      const app = await appWith(provider);
      expectRefused(await post(app, '/api/bulk', body), path, 'bulk request');
      expect(bulks).toStrictEqual([]);
      expect(sent).toStrictEqual([]);
    },
  );

  it('hands send the parsed message: the phone number normalized to digits', async () => {
    const { provider, sent } = recordingProvider();
    const app = await appWith(provider);
    const answer = await post(app, '/api/messages', { type: 'text', to: PHONE, text: 'Your order shipped' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ id: 'fake-1', to: DIGITS, status: 'accepted' });
    expect(sent).toStrictEqual([{ type: 'text', to: DIGITS, text: 'Your order shipped' }]);
  });

  it('hands sendBulk the parsed request: every recipient normalized to digits', async () => {
    const { provider, bulks } = recordingProvider();
    const app = await appWith(provider);
    const answer = await post(app, '/api/bulk', {
      template: TEMPLATE,
      recipients: [{ to: PHONE, parameters: ['Ada'] }, { to: '+44 7700 900123' }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(bulks).toStrictEqual([
      {
        template: TEMPLATE,
        recipients: [{ to: DIGITS, parameters: ['Ada'] }, { to: '447700900123' }],
      },
    ]);
  });
});

describe('POST /api/messages and /api/bulk with an outbox: the route parses the body before enqueueing', () => {
  it.each(INVALID_MESSAGES)(
    'answers 400 naming $path for $name, and enqueues nothing',
    async ({ body, path }) => {
      const { provider, sent } = recordingProvider();
      const { outbox, enqueued, bulks } = recordingOutbox();
      const app = await appWith(provider, outbox);
      expectRefused(await post(app, '/api/messages', body), path, 'message');
      expect(enqueued).toStrictEqual([]);
      expect(bulks).toStrictEqual([]);
      expect(sent).toStrictEqual([]);
    },
  );

  it.each(INVALID_BULKS)(
    'answers 400 naming $path for $name, and enqueues nothing',
    async ({ body, path }) => {
      const { provider } = recordingProvider();
      const { outbox, enqueued, bulks } = recordingOutbox();
      const app = await appWith(provider, outbox);
      expectRefused(await post(app, '/api/bulk', body), path, 'bulk request');
      expect(bulks).toStrictEqual([]);
      expect(enqueued).toStrictEqual([]);
    },
  );

  it('enqueues the parsed message and the parsed bulk request', async () => {
    const { provider } = recordingProvider();
    const { outbox, enqueued, bulks } = recordingOutbox();
    const app = await appWith(provider, outbox);
    const one = await post(app, '/api/messages', { type: 'text', to: PHONE, text: 'Queued' });
    expect(one.status, JSON.stringify(one.body)).toBe(202);
    expect(one.body).toStrictEqual({ jobId: 'job-1', duplicate: false, status: 'queued', to: DIGITS });
    expect(enqueued).toStrictEqual([{ message: { type: 'text', to: DIGITS, text: 'Queued' }, options: {} }]);

    const many = await post(app, '/api/bulk', { template: TEMPLATE, recipients: [{ to: PHONE }] });
    expect(many.status, JSON.stringify(many.body)).toBe(202);
    expect(bulks).toStrictEqual([{ template: TEMPLATE, recipients: [{ to: DIGITS }] }]);
  });
});
