import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createWatiEmulator,
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_PHONE_NUMBER,
} from '@switchboard/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../../sandbox/demo-contacts.js';
import { useCliWorkspace } from '../../test-support/cli-workspace.js';

const [ada, grace] = DEMO_CONTACTS as [(typeof DEMO_CONTACTS)[number], (typeof DEMO_CONTACTS)[number]];

const workspace = useCliWorkspace();
const { run } = workspace;

/** The bulk command's arguments: the template, a CSV and a results file in the workspace, then `extra`. */
function bulkArgs(template: string, csv: string, out: string, ...extra: string[]): string[] {
  return ['bulk', '--template', template, '--csv', csv, '--out', out, ...extra];
}

/** The lines of a results file in the workspace, parsed. */
async function readResults(out: string) {
  return (await readFile(join(workspace.cwd, out), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('bulk (sandbox)', () => {
  const CSV = `phone,1,2\n+${ada.phone},Ada,1001\n${grace.phone},Grace,1002\n`;

  beforeEach(() => writeFile(join(workspace.cwd, 'customers.csv'), CSV));

  it('refuses to send without a terminal or --yes, and sends nothing', async () => {
    const result = await run(bulkArgs('order_confirmation', 'customers.csv', 'results.jsonl'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'refusing to send to 2 recipient(s) without confirmation: stdin is not a terminal',
    );
    await expect(readFile(join(workspace.cwd, 'results.jsonl'))).rejects.toThrow('ENOENT');
  });

  it('sends with --yes, shows progress, and writes one result per recipient', async () => {
    const result = await run(
      bulkArgs('order_confirmation', 'customers.csv', 'results.jsonl', '--yes', '--json'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual({
      sent: 2,
      failed: 0,
      notAttempted: 0,
      total: 2,
      resultsFile: join(workspace.cwd, 'results.jsonl'),
    });
    expect(result.stderr).toContain('[####################]  2/2  100%  0 failed');
    const lines = await readResults('results.jsonl');
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
    const result = await run(bulkArgs('order_confirmation', 'customers.csv', 'results.jsonl', '--yes'));
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

  it('sends to a business-scoped user id on WhatsApp Cloud; refuses its line on legacy WATI, sending nothing', async () => {
    const bsuid = 'US.13491208655302741918';
    await writeFile(
      join(workspace.cwd, 'bsuid.csv'),
      `phone,1,2\n${ada.phone},Ada,1001\n${bsuid},Grace,1002\n`,
    );
    const cloud = await run(bulkArgs('order_confirmation', 'bsuid.csv', 'cloud.jsonl', '--yes'));
    expect(cloud.code, cloud.stderr).toBe(0);
    const lines = await readResults('cloud.jsonl');
    expect(lines).toStrictEqual([
      { line: 2, to: ada.phone, ok: true, id: expect.stringMatching(/^wamid\./) },
      { line: 3, to: bsuid, ok: true, id: expect.stringMatching(/^wamid\./) },
    ]);

    const wati = await run(
      ['bulk', '--template', 'order_confirmation', '--csv', 'bsuid.csv', '--out', 'wati.jsonl', '--yes'],
      { env: { SWITCHBOARD_PROVIDER: 'wati' } },
    );
    expect(wati.code).toBe(2);
    expect(wati.stderr).toContain(
      'bsuid.csv: 1 row(s) address a business-scoped user id, which wati cannot send to here (line 3); nothing was sent',
    );
    await expect(readFile(join(workspace.cwd, 'wati.jsonl'))).rejects.toThrow('ENOENT');
  });

  it('sends through the router of both sandboxes, writing each result as it settles', async () => {
    await writeFile(
      join(workspace.cwd, 'switchboard.config.json'),
      JSON.stringify({ sandbox: true, providers: ['wati', 'whatsapp-cloud'] }),
    );
    const result = await run(
      bulkArgs('order_confirmation', 'customers.csv', 'routed.jsonl', '--yes', '--json'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sent: 2, failed: 0, notAttempted: 0, total: 2 });
    const lines = await readResults('routed.jsonl');
    expect(lines.map((line) => [line.to, line.ok])).toStrictEqual([
      [ada.phone, true],
      [grace.phone, true],
    ]);
  });

  it('marks failed recipients and exits 1', async () => {
    // WATI reports a number that is not on WhatsApp per recipient: the run goes on and reports it.
    const emulator = createWatiEmulator({ tokens: ['wati-token'], invalidNumbers: [grace.phone] });
    const server = await emulator.listen();
    try {
      await writeFile(
        join(workspace.cwd, 'switchboard.config.json'),
        JSON.stringify({
          provider: 'wati',
          wati: { transport: 'direct', baseUrl: server.tenantUrl, token: 'wati-token', retry: false },
        }),
      );
      await writeFile(
        join(workspace.cwd, 'named.csv'),
        `phone,name,ordernumber\n${ada.phone},Ada,1001\n${grace.phone},Grace,1002\n`,
      );
      const result = await run(bulkArgs('order_update', 'named.csv', 'r.jsonl', '--yes'));
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain('Sent 1 of 2 via WATI (direct); 1 failed.');
      const lines = await readResults('r.jsonl');
      expect(lines.map((line) => [line.to, line.ok])).toStrictEqual([
        [ada.phone, true],
        [grace.phone, false],
      ]);
    } finally {
      await emulator.close();
    }
  });

  it('refuses an unknown template before sending anything', async () => {
    const result = await run(bulkArgs('no_such_template', 'customers.csv', 'r.jsonl', '--yes'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'no template named "no_such_template" on whatsapp-cloud: nothing was sent (see: switchboard templates list)',
    );
    await expect(readFile(join(workspace.cwd, 'r.jsonl'))).rejects.toThrow('ENOENT');
  });

  it.each([
    [
      'no parameter column',
      `phone\n${ada.phone}\n`,
      'it has no parameter columns. It takes the parameters 1, 2, so the CSV needs the columns phone,1,2',
    ],
    [
      'too few numbered columns',
      `phone,1\n${ada.phone},Ada\n`,
      'it has 1 numbered parameter column(s), the template 2',
    ],
    [
      'named columns for a positional template',
      `phone,name,ordernumber\n${ada.phone},Ada,1001\n`,
      'column(s) "1", "2" missing; column(s) "name", "ordernumber" not in the template',
    ],
  ])('checks the template parameters of every row before sending anything: %s', async (_, csv, problem) => {
    await writeFile(join(workspace.cwd, 'rows.csv'), csv);
    const result = await run(bulkArgs('order_confirmation', 'rows.csv', 'r.jsonl', '--yes'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `rows.csv does not fit template "order_confirmation" (en_US): ${problem}`,
    );
    expect(result.stderr).toContain('nothing was sent');
    await expect(readFile(join(workspace.cwd, 'r.jsonl'))).rejects.toThrow('ENOENT');
  });

  it('takes named columns for a named template, on either provider', async () => {
    await writeFile(join(workspace.cwd, 'named.csv'), `phone,name,ordernumber\n${ada.phone},Ada,1001\n`);
    for (const provider of ['whatsapp-cloud', 'wati']) {
      const out = `r-${provider}.jsonl`;
      const result = await run(
        ['bulk', '--template', 'order_update', '--csv', 'named.csv', '--out', out, '--yes', '--json'],
        { env: { SWITCHBOARD_PROVIDER: provider } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ sent: 1, failed: 0 });
    }
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
      const result = await run(bulkArgs('order_confirmation', 'many.csv', 'r.jsonl', '--yes', '--json'));
      expect(result.code).toBe(1);
      const summary = JSON.parse(result.stdout);
      expect(summary).toMatchObject({ sent: 0, stoppedBy: { code: 'auth_failed' } });
      // Ten in a row stop the run; what the fan-out had started by then (its 4 sends, and up to 4
      // results queued for the reader) still reports, and every recipient not attempted gets its
      // own line saying so.
      expect(summary.failed).toBeGreaterThanOrEqual(10);
      expect(summary.failed).toBeLessThanOrEqual(18);
      expect(summary.failed + summary.notAttempted).toBe(25);
      const lines = await readResults('r.jsonl');
      expect(lines).toHaveLength(25);
      expect(
        lines.filter((line) => line.error?.message === 'not sent: the bulk send was aborted'),
      ).toHaveLength(summary.notAttempted);
      expect(result.stdout).not.toContain('wrong-token');
    } finally {
      await emulator.close();
    }
  });
});
