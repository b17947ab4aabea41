import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * How long a child may take to print its URL before the test gives up with what it printed. Only a
 * watchdog against hangs, below the 60 s test timeout: under load, starting Node can take seconds.
 */
const STARTUP_WATCHDOG_MS = 45_000;

/** The built CLI, as `pnpm start` and the `switchboard` bin run it. */
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

let cwd: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build first (turbo's test task does)`);
});
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'switchboard-bin-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(cwd, { recursive: true, force: true });
});

/**
 * A clean environment: no provider variables from the machine running the tests, and the test's own
 * temporary directory (where the CLI keeps V8's compile cache), removed after it.
 */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: cwd, TMPDIR: cwd, ...extra };
}

function runCli(args: string[], extra: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: environment(extra) });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built switchboard CLI', () => {
  it('starts with a node shebang', async () => {
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Commands:');
  });

  it('keeps V8’s compile cache in the temporary directory, unless NODE_DISABLE_COMPILE_CACHE is set', async () => {
    const cache = join(cwd, 'node-compile-cache');
    const disabled = await runCli(['send', '--to', '447700900123', '--text', 'No cache'], {
      NODE_DISABLE_COMPILE_CACHE: '1',
    });
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(existsSync(cache)).toBe(false);

    const first = await runCli(['send', '--to', '447700900123', '--text', 'Cached']);
    expect(first.code, first.stderr).toBe(0);
    // One folder per Node build, holding one cache file per compiled module: the CLI's, core's and
    // the provider's among them.
    const cached = (await readdir(cache, { recursive: true, withFileTypes: true })).filter((entry) =>
      entry.isFile(),
    );
    expect(cached.length).toBeGreaterThan(10);

    const second = await runCli(['send', '--to', '447700900123', '--text', 'From the cache']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Sent text to 447700900123');
  });

  it('sends in the sandbox and prints one JSON document', async () => {
    const result = await runCli(['send', '--to', '447700900123', '--text', 'From a real process', '--json'], {
      SWITCHBOARD_PROVIDER: 'wati',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      provider: 'wati',
      to: '447700900123',
      status: 'accepted',
    });
  });

  it('exits 2 with a one-line reason for a bad config, without a stack trace or the secret', async () => {
    await writeFile(
      join(cwd, 'switchboard.config.json'),
      JSON.stringify({ provider: 'wati', wati: { transport: 'direct', token: 'super-secret-token' } }),
    );
    const result = await runCli(['templates', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Configuration error: Invalid config for provider "wati": wati.baseUrl: is required',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('super-secret-token');
  });

  it('serves the inbox in sandbox mode, prints the URL, and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve'], { cwd, env: environment({ PORT: '0' }) });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    // Awaited by its output, however long a loaded machine takes to start it: the timer is only a
    // watchdog that names what the process printed before the 60 s test timeout would hit.
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed; stdout: ${stdout} stderr: ${stderr}`)),
        STARTUP_WATCHDOG_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const match = /Open (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`exited (${signal ?? code}) before printing a URL; stdout: ${stdout} stderr: ${stderr}`),
        );
      });
    });
    expect(stdout).toContain('provider   WhatsApp Cloud API (whatsapp-cloud)');
    expect(stdout).toContain('transport  direct');
    expect(stdout).toMatch(/mode {7}sandbox: emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(await (await fetch(`${url}/healthz`)).json()).toStrictEqual({
      ok: true,
      provider: 'whatsapp-cloud',
      transport: 'direct',
      sandbox: true,
      outbox: false,
    });
    // An open event stream must not keep the process from stopping. (That it does not even wait
    // for the grace period is proven in-process, in create-app.test.ts, without a clock.)
    const events = await fetch(`${url}/api/events`);
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();

    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    // Ended by the server, or cut when the process went away: either way it must end.
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return;
    })().catch(() => undefined);
    expect(await exit).toBe(0);
    await ended;
    expect(stderr).toContain('SIGTERM: shutting down…');
    expect(stderr).toContain('stopped');
  });
});
