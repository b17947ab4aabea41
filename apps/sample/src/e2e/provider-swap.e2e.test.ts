import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../config/load-app-config.js';
import { PROVIDER_IDS, type ProviderId } from '../providers.js';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { connectEventStream, type EventStreamClient } from '../test-support/event-stream-client.js';
import { FIXED_TYPES, PNG_BASE64, sampleMessage } from '../test-support/sample-messages.js';
import { FAST_STATUSES, getJson, postJson } from '../test-support/sandbox-app.js';

const [ada, grace] = DEMO_CONTACTS as [(typeof DEMO_CONTACTS)[number], (typeof DEMO_CONTACTS)[number]];

// WATI twice: on its legacy v1/v2 API (the default) and on V3 (`WATI_API=v3`), against the same emulator.
const VARIANTS: readonly [string, ProviderId, Record<string, string>][] = [
  ...PROVIDER_IDS.map((id) => [id, id, {}] as [string, ProviderId, Record<string, string>]),
  ['wati (V3 API)', 'wati', { WATI_API: 'v3' }],
];

describe.each(VARIANTS)(
  'the same app on %s, selected by environment variables only',
  (_name: string, providerId: ProviderId, extraEnv: Record<string, string>) => {
    let app: RunningServer;
    let stream: EventStreamClient;
    let cwd: string;
    let capabilities: string[];
    let inboundId: string;

    beforeAll(async () => {
      cwd = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
      const config = await loadAppConfig({ env: { SWITCHBOARD_PROVIDER: providerId, ...extraEnv }, cwd });
      expect(config).toMatchObject({ mode: 'sandbox', providerId, transport: 'direct' });
      app = await startServer({ config, port: 0, statusDelaysMs: FAST_STATUSES, seed: false });
      stream = await connectEventStream(`${app.url}/api/events`);
      capabilities = ((await getJson(`${app.url}/api/capabilities`)).body.capabilities as string[]) ?? [];
      const inbound = await postJson(`${app.url}/api/sandbox/inbound`, {
        from: ada.phone,
        name: ada.name,
        text: 'Where is my parcel?',
      });
      expect(inbound.status).toBe(200);
      const event = await stream.waitFor(
        (received) => received.event === 'message' && (received.data as { kind: string }).kind === 'message',
      );
      inboundId = (event.data as { id: string }).id;
    });

    afterAll(async () => {
      stream?.close();
      await app?.close();
      await rm(cwd, { recursive: true, force: true });
    });

    it('describes the provider, transport and sandbox mode', async () => {
      const { status, body } = await getJson(`${app.url}/api/capabilities`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ provider: providerId, transport: 'direct', sandbox: true });
      expect(body.capabilities).toContain('send.text');
      expect(body.limits).toMatchObject({ textMaxLength: 4096 });
      expect(await getJson(`${app.url}/healthz`)).toStrictEqual({
        status: 200,
        body: { ok: true, provider: providerId, transport: 'direct', sandbox: true, outbox: false },
      });
    });

    it.each(FIXED_TYPES)(
      'sends a %s message when the provider can, else answers 422 naming the capability',
      async (type) => {
        const response = await postJson(`${app.url}/api/messages`, sampleMessage(type, inboundId));
        if (capabilities.includes(`send.${type}`)) {
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          expect(response.body).toMatchObject({ provider: providerId, to: ada.phone, status: 'accepted' });
          expect(response.body.id).toEqual(expect.any(String));
        } else {
          expect(response.status).toBe(422);
          expect(response.body.error).toMatchObject({
            code: 'unsupported_feature',
            capability: `send.${type}`,
            provider: providerId,
          });
        }
      },
    );

    it('sends an image given as base64 bytes', async () => {
      const response = await postJson(`${app.url}/api/messages`, {
        type: 'image',
        to: ada.phone,
        media: { data: PNG_BASE64, mimeType: 'image/png', filename: 'dot.png' },
        caption: 'A dot',
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ provider: providerId, status: 'accepted' });
    });

    it('sends a template from the provider’s own list, filling its parameter names', async () => {
      const { body } = await getJson(`${app.url}/api/templates?pageSize=50`);
      const templates = body.items as Template[];
      const template = templates.find(
        (candidate) => candidate.status === 'approved' && candidate.parameterNames.length > 0,
      );
      if (template === undefined) throw new Error('the sandbox has no approved template with parameters');
      const values = template.parameterNames.map((name, index) => `value-${index + 1}-${name}`);
      const parameters =
        template.parameterFormat === 'named'
          ? Object.fromEntries(template.parameterNames.map((name, index) => [name, values[index] as string]))
          : values;
      const response = await postJson(`${app.url}/api/messages`, {
        type: 'template',
        to: ada.phone,
        template: { name: template.name, language: template.language, parameters },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ provider: providerId, to: ada.phone, status: 'accepted' });
    });

    it('streams sent → delivered → read for the SendResult id, and the inbox shows read', async () => {
      const sent = await postJson(`${app.url}/api/messages`, {
        type: 'text',
        to: ada.phone,
        text: 'Tracking: ZX-1001',
      });
      expect(sent.status).toBe(200);
      const id = sent.body.id as string;
      const isStatus = (status: string) => (event: { event: string; data: unknown }) =>
        event.event === 'message' &&
        (event.data as { kind: string; messageId?: string; status?: string }).kind === 'status' &&
        (event.data as { messageId: string }).messageId === id &&
        (event.data as { status: string }).status === status;
      const read = await stream.waitFor(isStatus('read'));
      const order = stream.events.filter((event) =>
        ['sent', 'delivered', 'read'].some((status) => isStatus(status)(event)),
      );
      expect(order.map((event) => (event.data as { status: string }).status)).toStrictEqual([
        'sent',
        'delivered',
        'read',
      ]);
      expect(read.data).toMatchObject({
        provider: providerId,
        kind: 'status',
        status: 'read',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(read.data).not.toHaveProperty('raw');

      const inboxUpdate = await stream.waitFor(
        (event) =>
          event.event === 'inbox' &&
          (event.data as { message: { id: string; status: string } }).message.id === id &&
          (event.data as { message: { status: string } }).message.status === 'read',
      );
      expect(inboxUpdate.data).toMatchObject({ conversation: { phone: ada.phone, name: ada.name } });
      const { body } = await getJson(`${app.url}/api/conversations`);
      const conversation = (
        body.conversations as { phone: string; messages: { id: string; status: string }[] }[]
      ).find((candidate) => candidate.phone === ada.phone);
      expect(conversation?.messages.find((message) => message.id === id)?.status).toBe('read');
    });

    it('receives a simulated inbound message through the real webhook path, parsed', async () => {
      const response = await postJson(`${app.url}/api/sandbox/inbound`, {
        from: `+${grace.phone}`,
        name: grace.name,
        text: 'Is the shop open on Sunday?',
      });
      expect(response.status).toBe(200);
      const event = await stream.waitFor(
        (received) =>
          (received.data as { kind?: string; from?: string }).kind === 'message' &&
          (received.data as { from?: string }).from === grace.phone,
      );
      expect(event.data).toMatchObject({
        kind: 'message',
        provider: providerId,
        from: grace.phone,
        contactName: grace.name,
        message: { type: 'text', text: 'Is the shop open on Sunday?' },
      });
      expect(event.id).toMatch(/^[0-9a-z]+-\d+$/);
    });

    it('answers 400 with the path of every invalid field, before calling the provider', async () => {
      const response = await postJson(`${app.url}/api/messages`, {
        type: 'buttons',
        to: '12',
        body: '',
        buttons: [{ id: 'a', title: 'This title is longer than twenty characters' }],
      });
      expect(response.status).toBe(400);
      const error = response.body.error as {
        code: string;
        message: string;
        issues: { path: string; message: string }[];
      };
      expect(error.code).toBe('validation_failed');
      expect(error.issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining(['to', 'body', 'buttons.0.title']),
      );
    });

    it('lists templates page by page, without raw records', async () => {
      const first = await getJson(`${app.url}/api/templates?pageSize=2`);
      expect(first.status).toBe(200);
      const items = first.body.items as Record<string, unknown>[];
      expect(items).toHaveLength(2);
      for (const item of items) {
        expect(item).toMatchObject({
          name: expect.any(String),
          language: expect.any(String),
          parameterNames: expect.any(Array),
        });
        expect(item).not.toHaveProperty('raw');
      }
      const cursor = first.body.nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      const second = await getJson(
        `${app.url}/api/templates?pageSize=2&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(second.status).toBe(200);
      const names = (second.body.items as { name: string }[]).map((item) => item.name);
      expect(names.some((name) => items.some((item) => item.name === name))).toBe(false);
      expect((await getJson(`${app.url}/api/templates?pageSize=abc`)).body.error).toMatchObject({
        issues: [{ path: 'pageSize', message: 'must be a positive integer' }],
      });
    });

    it('lists contacts where the provider has an address book, else 422', async () => {
      const { status, body } = await getJson(`${app.url}/api/contacts?pageSize=10&name=Grace`);
      if (capabilities.includes('contacts.list')) {
        expect(status).toBe(200);
        expect(body.items).toStrictEqual([
          expect.objectContaining({
            phone: grace.phone,
            name: grace.name,
            attributes: expect.objectContaining({ city: 'Arlington' }),
          }),
        ]);
      } else {
        expect(status).toBe(422);
        expect(body.error).toMatchObject({ code: 'unsupported_feature', capability: 'contacts.list' });
      }
    });

    it('sends a bulk template and adds each recipient to the inbox', async () => {
      const { body } = await getJson(`${app.url}/api/templates?pageSize=50`);
      const template = (body.items as Template[]).find(
        (candidate) => candidate.status === 'approved' && candidate.parameterNames.length === 0,
      );
      if (template === undefined) throw new Error('the sandbox has no approved template without parameters');
      const response = await postJson(`${app.url}/api/bulk`, {
        template: { name: template.name, language: template.language },
        recipients: [{ to: ada.phone }, { to: grace.phone }],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const results = response.body.results as { to: string; ok: boolean; id?: string }[];
      expect(results.map(({ to, ok }) => ({ to, ok }))).toStrictEqual([
        { to: ada.phone, ok: true },
        { to: grace.phone, ok: true },
      ]);
      for (const result of results) {
        await stream.waitFor(
          (event) =>
            event.event === 'inbox' && (event.data as { message: { id: string } }).message.id === result.id,
        );
      }
    });
  },
);
