import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWhatsAppCloudEmulator, DEFAULT_CLOUD_PHONE_NUMBER } from '@switchboard/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../../sandbox/demo-contacts.js';
import { useCliWorkspace } from '../../test-support/cli-workspace.js';

const [ada, grace] = DEMO_CONTACTS as [(typeof DEMO_CONTACTS)[number], (typeof DEMO_CONTACTS)[number]];

const workspace = useCliWorkspace();
const { run } = workspace;

describe('bulk (sandbox)', () => {
  const CSV = `phone,1,2\n+${ada.phone},Ada,1001\n${grace.phone},Grace,1002\n`;

  beforeEach(() => writeFile(join(workspace.cwd, 'customers.csv'), CSV));

  it('refuses to send without a terminal or --yes, and sends nothing', async () => {
    const result = await run([
      'bulk',
      '--template',
      'order_confirmation',
      '--csv',
      'customers.csv',
      '--out',
      'results.jsonl',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'refusing to send to 2 recipient(s) without confirmation: stdin is not a terminal',
    );
    await expect(readFile(join(workspace.cwd, 'results.jsonl'))).rejects.toThrow('ENOENT');
  });

  it('sends with --yes, shows progress, and writes one result per recipient', async () => {
    const result = await run([
      'bulk',
      '--template',
      'order_confirmation',
      '--csv',
      'customers.csv',
      '--out',
      'results.jsonl',
      '--yes',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual({
      sent: 2,
      failed: 0,
      notAttempted: 0,
      total: 2,
      resultsFile: join(workspace.cwd, 'results.jsonl'),
    });
    expect(result.stderr).toContain('[####################]  2/2  100%  0 failed');
    const lines = (await readFile(join(workspace.cwd, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toStrictEqual([
      { line: 2, to: ada.phone, ok: true, id: expect.stringMatching(/^wamid\./) },
      { line: 3, to: grace.phone, ok: true, id: expect.stringMatching(/^wamid\./) },
    ]);
  });

  it('asks on a terminal, naming the count and the provider, and sends on yes', async () => {
    await writeFile(join(workspace.cwd, 'named.csv'), `phone,name,ordernumber\n${ada.phone},Ada,1001\n`);
    const result = await run(
      ['bulk', '--template', 'order_update', '--language', 'en', '--csv', 'named.csv'],
      {
        env: { SWITCHBOARD_PROVIDER: 'wati' },
        stdinIsTty: true,
        input: 'y\n',
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'Send template "order_update" (en) to 1 recipient(s) via WATI (direct, sandbox)? [y/N] ',
    );
    expect(result.stdout).toMatch(
      /^Sent 1 of 1 via WATI \(direct, sandbox\); 0 failed\.\nResults: .*bulk-results-.*\.jsonl\n$/,
    );
  });

  it('sends nothing when the answer is not yes', async () => {
    const result = await run(
      ['bulk', '--template', 'order_confirmation', '--csv', 'customers.csv', '--out', 'r.jsonl'],
      {
        stdinIsTty: true,
        input: 'n\n',
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cancelled: nothing was sent.');
    await expect(readFile(join(workspace.cwd, 'r.jsonl'))).rejects.toThrow('ENOENT');
  });

  it('never overwrites an earlier run’s results, and sends nothing then', async () => {
    await writeFile(join(workspace.cwd, 'results.jsonl'), '{"line":2,"ok":true}\n');
    const result = await run([
      'bulk',
      '--template',
      'order_confirmation',
      '--csv',
      'customers.csv',
      '--out',
      'results.jsonl',
      '--yes',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error: the results file ${join(workspace.cwd, 'results.jsonl')} already exists and would be overwritten`,
    );
    expect(result.stderr).not.toContain('sandbox:');
    expect(await readFile(join(workspace.cwd, 'results.jsonl'), 'utf8')).toBe('{"line":2,"ok":true}\n');
  });

  it('exits 2 for a CSV with bad rows', async () => {
    await writeFile(join(workspace.cwd, 'bad.csv'), 'phone,1\n12,Ada\n');
    const result = await run(['bulk', '--template', 'order_confirmation', '--csv', 'bad.csv', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'bad.csv has 1 problem(s); nothing was sent:\n  line 2: phone: phone number must have at least 8 digits',
    );
  });

  it('marks failed recipients and exits 1', async () => {
    // WhatsApp Cloud fans out: each recipient fails on its own, and the run reports them all.
    const result = await run([
      'bulk',
      '--template',
      'no_such_template',
      '--csv',
      'customers.csv',
      '--out',
      'r.jsonl',
      '--yes',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Sent 0 of 2 via WhatsApp Cloud API (direct, sandbox); 2 failed.');
    const lines = (await readFile(join(workspace.cwd, 'r.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.ok, line.error?.code])).toStrictEqual([
      [false, 'template_not_found'],
      [false, 'template_not_found'],
    ]);
  });

  it('stops at an error every later recipient would hit too', async () => {
    const emulator = createWhatsAppCloudEmulator({ accessTokens: ['right-token'] });
    const server = await emulator.listen();
    try {
      await writeFile(
        join(workspace.cwd, 'switchboard.config.json'),
        JSON.stringify({
          provider: 'whatsapp-cloud',
          'whatsapp-cloud': {
            transport: 'direct',
            accessToken: 'wrong-token',
            phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
            baseUrl: server.url,
            retry: false,
          },
        }),
      );
      const rows = Array.from(
        { length: 25 },
        (_, index) => `4477009${String(index).padStart(5, '0')},Ada,${index}`,
      );
      await writeFile(join(workspace.cwd, 'many.csv'), `phone,1,2\n${rows.join('\n')}\n`);
      const result = await run([
        'bulk',
        '--template',
        'order_confirmation',
        '--csv',
        'many.csv',
        '--out',
        'r.jsonl',
        '--yes',
        '--json',
      ]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({
        sent: 0,
        failed: 10,
        notAttempted: 15,
        stoppedBy: { code: 'auth_failed' },
      });
      expect(result.stdout).not.toContain('wrong-token');
    } finally {
      await emulator.close();
    }
  });
});
