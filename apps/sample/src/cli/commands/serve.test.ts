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
