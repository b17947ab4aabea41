import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test-support/capture-io.js';
import { main } from '../main.js';
import { runServe } from './serve.js';

let cwd: string;

/** A live WhatsApp Cloud config; nothing is sent, starting does not call the provider. */
const LIVE_CONFIG = {
  provider: 'whatsapp-cloud',
  'whatsapp-cloud': {
    transport: 'direct',
    accessToken: 'secret-access-token',
    phoneNumberId: '106540352242922',
    baseUrl: 'http://127.0.0.1:9',
  },
};

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'switchboard-serve-'));
});
afterEach(() => rm(cwd, { recursive: true, force: true }));

describe('serve', () => {
  it('warns at start when live webhooks are not authenticated, and stops on SIGTERM', async () => {
    await writeFile(
      join(cwd, 'switchboard.config.json'),
      JSON.stringify({
        provider: 'whatsapp-cloud',
        // Nothing is sent: starting does not call the provider.
        'whatsapp-cloud': {
          transport: 'direct',
          accessToken: 'secret-access-token',
          phoneNumberId: '106540352242922',
          baseUrl: 'http://127.0.0.1:9',
        },
      }),
    );
    const io = captureIo({ cwd });
    const signals = new EventEmitter();
    const exit = runServe(['--port', '0'], { config: undefined, json: false, help: false }, io, signals);
    // Listening once it printed where to open the inbox; an early exit fails the test at once.
    await Promise.race([
      io.untilOut('Open '),
      exit.then((code) => {
        throw new Error(`serve exited with ${code} before listening: ${io.err()}`);
      }),
    ]);
    expect(io.out()).toContain('mode       live');
    expect(io.err()).toContain(
      'warning: no appSecret: deliveries to /webhooks/whatsapp-cloud are not authenticated',
    );
    expect(io.err()).toContain('warning: no verifyToken:');
    expect(io.err()).not.toContain('secret-access-token');
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses to listen beyond loopback in live mode without an access token (exit 2)', async () => {
    await writeFile(join(cwd, 'switchboard.config.json'), JSON.stringify(LIVE_CONFIG));
    const io = captureIo({ cwd });
    expect(await main(['serve', '--host', '0.0.0.0', '--port', '0'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^Configuration error: Refusing to listen on 0\.0\.0\.0 in live mode without an access token/,
    );
    expect(io.err()).toContain('Set SWITCHBOARD_ACCESS_TOKEN');
    expect(io.err()).toContain('  - SWITCHBOARD_ACCESS_TOKEN: required in live mode');
    expect(io.err()).not.toContain('secret-access-token');
    expect(io.out()).toBe('');
    // HOST does the same.
    const fromEnv = captureIo({ cwd, env: { HOST: '0.0.0.0' } });
    expect(await main(['serve', '--port', '0'], fromEnv)).toBe(2);
    expect(fromEnv.err()).toContain('SWITCHBOARD_ACCESS_TOKEN');
  });

  it('requires the access token when one is set, and never prints it', async () => {
    const token = 'serve-test-token-0123456789abcdef';
    const io = captureIo({ cwd, env: { SWITCHBOARD_ACCESS_TOKEN: token } });
    const signals = new EventEmitter();
    const exit = runServe(['--port', '0'], { config: undefined, json: false, help: false }, io, signals);
    await Promise.race([
      io.untilOut('Open '),
      exit.then((code) => {
        throw new Error(`serve exited with ${code} before listening: ${io.err()}`);
      }),
    ]);
    expect(io.out()).toContain('  access     SWITCHBOARD_ACCESS_TOKEN required: log in at http://127.0.0.1:');
    const url = /Open (\S+)/.exec(io.out())?.[1];
    expect((await fetch(`${url}/api/capabilities`)).status).toBe(401);
    expect(
      (await fetch(`${url}/api/capabilities`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(io.out() + io.err()).not.toContain(token);
  });

  it('says what to do when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const io = captureIo({ cwd });
      expect(await main(['serve', '--port', String(port)], io)).toBe(1);
      expect(io.err()).toBe(
        `error: port ${port} on 127.0.0.1 is already in use: stop what listens there, or pass --port <n> (PORT=0 picks a free port)\n`,
      );
    } finally {
      blocker.close();
    }
  });
});
