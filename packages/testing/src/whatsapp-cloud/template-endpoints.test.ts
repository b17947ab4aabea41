import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import { callGraph, type Loose, VERSION, WABA_ID } from './__fixtures__/cloud-test-kit.js';
import { DEFAULT_CLOUD_TEMPLATES } from './cloud-defaults.js';
import type { EmulatorTemplate } from './cloud-emulator-types.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const extraTemplates: EmulatorTemplate[] = Array.from({ length: 4 }, (_, index) => ({
  name: `reminder_${index}`,
  language: index % 2 === 0 ? 'en_US' : 'pt_BR',
  category: 'UTILITY',
  status: index === 3 ? 'REJECTED' : 'APPROVED',
  components: [{ type: 'BODY', text: `Reminder number ${index}` }],
}));

const emulator = createWhatsAppCloudEmulator({ templates: [...DEFAULT_CLOUD_TEMPLATES, ...extraTemplates] });
let server: LoopbackServer;
const templatesPath = `/${VERSION}/${WABA_ID}/message_templates`;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

describe('GET /{waba-id}/message_templates', () => {
  it('lists templates with Meta’s default fields, in Meta’s order', async () => {
    const result = await callGraph(server.url, 'GET', templatesPath);

    expect(result.status).toBe(200);
    const confirmation = result.body.data.find((template: Loose) => template.name === 'order_confirmation');
    expect(Object.keys(confirmation)).toEqual([
      'name',
      'parameter_format',
      'components',
      'language',
      'status',
      'category',
      'id',
    ]);
    expect(confirmation).toMatchObject({
      id: '1192339204654487',
      status: 'APPROVED',
      parameter_format: 'POSITIONAL',
    });
    expect(result.body.data).toHaveLength(7);
    expect(result.body.paging.next).toBeUndefined();
  });

  it('walks every page with the `next` URL and its `after` cursor, then back with `previous`', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${server.url}${templatesPath}?limit=2&fields=name`;
    let last: Loose;
    let pages = 0;
    while (url !== undefined) {
      const path: string = url.slice(server.url.length);
      last = await callGraph(server.url, 'GET', path);
      expect(last.status).toBe(200);
      pages++;
      for (const template of last.body.data) seen.push(template.name);
      expect(Object.keys(last.body.data[0])).toEqual(['name', 'id']);
      expect(last.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
      url = last.body.paging.next;
      if (url !== undefined) expect(new URL(url).searchParams.get('fields')).toBe('name');
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(emulator.state.templates.map((template) => template.name));

    const previous = await callGraph(server.url, 'GET', last.body.paging.previous.slice(server.url.length));
    expect(previous.body.data.map((template: Loose) => template.name)).toEqual(seen.slice(4, 6));
  });

  it('filters by status, name (substring) and language', async () => {
    const rejected = await callGraph(server.url, 'GET', `${templatesPath}?status=REJECTED`);
    expect(rejected.body.data.map((template: Loose) => template.name)).toEqual(['reminder_3']);
    const byName = await callGraph(server.url, 'GET', `${templatesPath}?name=order&fields=name,status`);
    expect(byName.body.data).toEqual([
      { name: 'order_confirmation', status: 'APPROVED', id: '1192339204654487' },
    ]);
    const portuguese = await callGraph(server.url, 'GET', `${templatesPath}?language=pt_BR`);
    expect(portuguese.body.data.map((template: Loose) => template.name)).toEqual([
      'reminder_1',
      'reminder_3',
    ]);
  });

  it('rejects an unknown field, a bad limit and a forged cursor', async () => {
    const field = await callGraph(server.url, 'GET', `${templatesPath}?fields=name,colour`);
    expect(field.status).toBe(400);
    expect(field.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppMessageTemplate)',
    );
    expect((await callGraph(server.url, 'GET', `${templatesPath}?limit=0`)).body.error.code).toBe(100);
    expect(
      (await callGraph(server.url, 'GET', `${templatesPath}?after=bm9wZQ`)).body.error.error_data.details,
    ).toMatch(/not a valid cursor/);
  });
});

describe('DELETE /{waba-id}/message_templates and GET /{template-id}', () => {
  it('deletes every language of a name, or one version by hsm_id', async () => {
    const portuguese: EmulatorTemplate = { ...extraTemplates[0], language: 'pt_BR' } as EmulatorTemplate;
    const local = createWhatsAppCloudEmulator({
      templates: [extraTemplates[0] as EmulatorTemplate, portuguese],
    });
    await using localServer = await local.listen();
    const [english] = local.state.templates;

    const one = await callGraph(
      localServer.url,
      'DELETE',
      `${templatesPath}?name=reminder_0&hsm_id=${english?.id}`,
    );
    expect(one.body).toEqual({ success: true });
    expect(local.state.templates.map((template) => template.language)).toEqual(['pt_BR']);
    const all = await callGraph(localServer.url, 'DELETE', `${templatesPath}?name=reminder_0`);
    expect(all.body).toEqual({ success: true });
    expect(local.state.templates).toEqual([]);
    await local.close();
  });

  it('answers an error for an unknown name and for a missing name', async () => {
    const unknown = await callGraph(server.url, 'DELETE', `${templatesPath}?name=nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.error_data.details).toBe('Message template "nope" was not found');
    const missing = await callGraph(server.url, 'DELETE', templatesPath);
    expect(missing.body.error.code).toBe(131008);
  });

  it('reads one template by id, honouring fields', async () => {
    const result = await callGraph(server.url, 'GET', `/${VERSION}/1192339204654487?fields=name,language`);
    expect(result.body).toStrictEqual({
      name: 'order_confirmation',
      language: 'en_US',
      id: '1192339204654487',
    });
  });
});
