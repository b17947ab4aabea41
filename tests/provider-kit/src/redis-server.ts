import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real `redis-server` on 127.0.0.1, started for one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, no save) and waits for it to exit. */
  stop(): Promise<void>;
  /**
   * Stops it (SIGTERM, or SIGKILL for a crash) and starts it again on the same port, for "Redis lost
   * mid-run". Without `persistence` the data is gone; with `'aof'` Redis reloads its append-only
   * file, which holds every write (`appendfsync always`), a crash included.
   */
  restart(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A port nothing listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** `'aof'`: an append-only file synced on every write, so a restart (even after SIGKILL) keeps the data. Default none. */
  persistence?: 'none' | 'aof';
}

/**
 * Starts `redis-server` (Debian's `redis-server` package, Redis 7) in a temp directory, with no
 * persistence unless asked, and resolves once it logs that it accepts connections.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-redis-'));
  const port = await freePort();
  const persistence =
    options.persistence === 'aof'
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no'];
  let child = await launch(port, dir, persistence);
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => stop(),
    async restart(restartOptions = {}) {
      await stop(restartOptions.signal);
      child = await launch(port, dir, persistence);
    },
    async [Symbol.asyncDispose]() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(port: number, dir: string, persistence: readonly string[]): Promise<ChildProcess> {
  const child = spawn(
    process.env.REDIS_SERVER ?? 'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) =>
      reject(new Error(`cannot start redis-server (apt-get install redis-server): ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  return child;
}
