import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { useCliWorkspace } from '../test-support/cli-workspace.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];

const workspace = useCliWorkspace();
const { run } = workspace;

describe('help and usage', () => {
  it('prints help at the top level and for every command', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: switchboard <command> [options]');
    for (const argv of [
      ['send', '--help'],
      ['bulk', '-h'],
      ['templates', '--help'],
      ['contacts', 'list', '--help'],
      ['serve', '--help'],
      ['help', 'send'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stdout, argv.join(' ')).toMatch(/^Usage: switchboard /);
    }
  });

  it.each([
    [[], 'error: missing command'],
    [['launch'], 'error: unknown command "launch"'],
    [['templates'], 'error: say what to do: templates list'],
    [['send', '--text', 'hi'], 'error: --to <phone> is required'],
    [['send', '--to', '1', '--text', 'hi', '--image', 'a.png'], 'error: give only one of --text, --image'],
    [['send', '--to', '1'], 'error: say what to send: --text, --image, --template or --message <file>'],
    [['send', '--to', '1', '--text', 'x', '--colour', 'red'], "error: Unknown option '--colour'"],
    [
      ['send', '--to', '1', '--image', 'photo.gif'],
      'error: --image photo.gif: use a .jpg, .jpeg or .png file, or an http(s) URL',
    ],
    [['bulk', '--csv', 'x.csv'], 'error: --template <name> is required'],
    [
      ['serve', '--port', 'eighty'],
      'error: port must be an integer from 0 to 65535 (0 picks a free one), got "eighty"',
    ],
  ])('exits 2 for %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('reports a bad configuration with exit code 2 and no stack', async () => {
    const result = await run(['send', '--to', ada.phone, '--text', 'hi'], {
      env: { SWITCHBOARD_CONFIG: join(workspace.cwd, 'nope.json') },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `Configuration error: Config file ${join(workspace.cwd, 'nope.json')} does not exist: create it or point SWITCHBOARD_CONFIG elsewhere\n  - (config): config file does not exist\n`,
    );
  });
});
