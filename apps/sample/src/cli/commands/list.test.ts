import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../../sandbox/demo-contacts.js';
import { useCliWorkspace } from '../../test-support/cli-workspace.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];

const { run } = useCliWorkspace();

describe('templates and contacts (sandbox)', () => {
  it('lists templates as a table, and as JSON without raw records', async () => {
    const human = await run(['templates', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^NAME\s+LANGUAGE\s+CATEGORY\s+STATUS\s+PARAMETERS\n/);
    expect(human.stdout).toMatch(/order_confirmation\s+en_US\s+utility\s+approved\s+1, 2/);
    const json = await run(['templates', 'list', '--page-size', '1', '--json'], {
      env: { SWITCHBOARD_PROVIDER: 'wati' },
    });
    const page = JSON.parse(json.stdout) as { items: Record<string, unknown>[]; nextCursor?: string };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).not.toHaveProperty('raw');
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('lists WATI contacts, and exits 2 on WhatsApp Cloud, which has none', async () => {
    const wati = await run(['contacts', 'list', '--name', 'Ada', '--json'], {
      env: { SWITCHBOARD_PROVIDER: 'wati' },
    });
    expect(wati.code).toBe(0);
    expect(JSON.parse(wati.stdout).items).toStrictEqual([
      expect.objectContaining({ phone: ada.phone, name: ada.name }),
    ]);
    const cloud = await run(['contacts', 'list']);
    expect(cloud.code).toBe(2);
    expect(cloud.stderr).toContain('does not support contacts.list');
  });
});
