import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

// `npm start` / `pnpm start` run scripts/bootstrap.mjs, which runs the app as its direct child: a
// configuration error is the last thing printed, not buried under turbo's or pnpm's lines.
const BOOTSTRAP = fileURLToPath(new URL('../../../../scripts/bootstrap.mjs', import.meta.url));

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'switchboard-start-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

it('prints a configuration error last and exits 2', async () => {
  const child = spawn(process.execPath, [BOOTSTRAP, 'start'], {
    // No CI: the workspace is installed, so nothing is installed here; the tests' build is current.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      INIT_CWD: cwd,
      SWITCHBOARD_SKIP_BUILD: '1',
      WATI_API_TOKEN: 'a-token-without-its-url',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code, stderr).toBe(2);
  const lines = stderr.trim().split('\n');
  const first = lines.findIndex((line) => line.startsWith('Configuration error: '));
  expect(first, stderr).toBeGreaterThanOrEqual(0);
  expect(lines.slice(first).join('\n')).toContain('wati.baseUrl: is required');
  expect(lines.slice(first + 1).every((line) => line.startsWith('  - '))).toBe(true);
  expect(`${stdout}${stderr}`).not.toMatch(/ELIFECYCLE|turbo|Command failed/);
  expect(stderr).not.toContain('a-token-without-its-url');
});
