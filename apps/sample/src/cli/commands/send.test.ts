import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../../sandbox/demo-contacts.js';
import { useCliWorkspace } from '../../test-support/cli-workspace.js';

const [ada, grace] = DEMO_CONTACTS as [(typeof DEMO_CONTACTS)[number], (typeof DEMO_CONTACTS)[number]];
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

const workspace = useCliWorkspace();
const { run } = workspace;

describe('send (sandbox)', () => {
  it('sends a text and prints the SendResult as JSON', async () => {
    const result = await run(['send', '--to', `+${ada.phone}`, '--text', 'Your order shipped', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      provider: 'whatsapp-cloud',
      to: ada.phone,
      status: 'accepted',
      id: expect.stringMatching(/^wamid\./),
    });
    expect(result.stderr).toMatch(
      /^sandbox: WhatsApp Cloud API emulator \(transport direct\) running in-process at http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it('sends through WATI when SWITCHBOARD_PROVIDER says so, with human output', async () => {
    const result = await run(['send', '--to', grace.phone, '--text', 'Hello'], {
      env: { SWITCHBOARD_PROVIDER: 'wati' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Sent text to 14155550142 via WATI \(direct, sandbox\)\nid: [0-9a-f]{24}\n$/,
    );
  });

  it('sends a local image file as bytes', async () => {
    await writeFile(join(workspace.cwd, 'dot.png'), PNG);
    for (const provider of ['whatsapp-cloud', 'wati']) {
      const result = await run(
        ['send', '--to', ada.phone, '--image', 'dot.png', '--caption', 'A dot', '--json'],
        {
          env: { SWITCHBOARD_PROVIDER: provider },
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ provider, status: 'accepted' });
    }
  });

  it('sends a template with --param values', async () => {
    const positional = await run([
      'send',
      '--to',
      ada.phone,
      '--template',
      'order_confirmation',
      '--param',
      '1=Ada',
      '--param',
      '2=1001',
    ]);
    expect(positional.code, positional.stderr).toBe(0);
    const named = await run(
      [
        'send',
        '--to',
        ada.phone,
        '--template',
        'order_update',
        '--language',
        'en',
        '--param',
        'name=Ada',
        '--param',
        'ordernumber=1001',
      ],
      { env: { SWITCHBOARD_PROVIDER: 'wati' } },
    );
    expect(named.code, named.stderr).toBe(0);
  });

  it('sends a full OutboundMessage from a JSON file, with --message or --json <file>', async () => {
    await writeFile(
      join(workspace.cwd, 'buttons.json'),
      JSON.stringify({
        type: 'buttons',
        to: ada.phone,
        body: 'Arrived?',
        buttons: [{ id: 'y', title: 'Yes' }],
      }),
    );
    const viaMessage = await run(['send', '--message', 'buttons.json', '--json']);
    expect(viaMessage.code, viaMessage.stderr).toBe(0);
    expect(JSON.parse(viaMessage.stdout)).toMatchObject({ status: 'accepted' });
    const viaJson = await run(['send', '--json', 'buttons.json']);
    expect(viaJson.code, viaJson.stderr).toBe(0);
    expect(viaJson.stdout).toMatch(/^Sent buttons to 447700900123 via WhatsApp Cloud API/);
  });

  it('exits 2 with the error as JSON for invalid input', async () => {
    const result = await run(['send', '--to', '12', '--text', 'hi', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'to', message: expect.any(String) }] },
    });
  });

  it.each([
    {
      name: 'an empty button title',
      message: { type: 'buttons', to: ada.phone, body: 'Arrived?', buttons: [{ id: 'y', title: '' }] },
      path: 'buttons.0.title',
    },
    {
      name: 'a recipient that is not a phone number',
      message: { type: 'text', to: 'Ada', text: 'hi' },
      path: 'to',
    },
    { name: 'an unknown type', message: { type: 'fax', to: ada.phone }, path: 'type' },
  ])(
    'exits 2 naming $path for a message file with $name, before any provider starts',
    async ({ message, path }) => {
      await writeFile(join(workspace.cwd, 'invalid.json'), JSON.stringify(message));
      const result = await run(['send', '--message', 'invalid.json', '--json']);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({
        error: { name: 'ValidationError', code: 'validation_failed', issues: [{ path }] },
      });
      expect(result.stderr).toContain(`error: Invalid message: ${path}: `);
      // Validated by the command itself: the sandbox (and any provider) never started.
      expect(result.stderr).not.toContain('sandbox:');
    },
  );

  it('exits 2 for a message type the provider cannot send', async () => {
    await writeFile(
      join(workspace.cwd, 'location.json'),
      JSON.stringify({ type: 'location', to: ada.phone, latitude: 1, longitude: 2 }),
    );
    const result = await run(['send', '--message', 'location.json', '--json'], {
      env: { SWITCHBOARD_PROVIDER: 'wati' },
    });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { code: 'unsupported_feature', capability: 'send.location' },
    });
    expect(result.stderr).toContain(
      'error (unsupported_feature): Provider "wati" does not support send.location',
    );
  });
});
