import { describe, expect, it } from 'vitest';
import { configError, useConfigDirectory, WATI_SECTION } from '../test-support/config-directory.js';
import { describeAppConfig } from './app-config.js';
import { formatConfigError } from './format-config-error.js';
import { loadAppConfig } from './load-app-config.js';
import { DEFAULT_SAMPLE_QUEUE_NAME, describeRedisUrl } from './queue-config.js';

const directory = useConfigDirectory();
const REDIS_URL = 'redis://:s3cret-redis-password@127.0.0.1:6390/2';

describe('the outbox in the configuration', () => {
  it('is off unless configured: without Redis nothing changes', async () => {
    const config = await loadAppConfig({ env: {}, cwd: directory.path });
    expect(config).not.toHaveProperty('queue');
    expect(await loadAppConfig({ env: { REDIS_URL: '  ' }, cwd: directory.path })).not.toHaveProperty(
      'queue',
    );
  });

  it('comes from REDIS_URL in every mode, and the log line masks its password', async () => {
    const sandbox = await loadAppConfig({ env: { REDIS_URL: ` ${REDIS_URL}\n` }, cwd: directory.path });
    expect(sandbox).toMatchObject({
      mode: 'sandbox',
      queue: { redisUrl: REDIS_URL, queueName: DEFAULT_SAMPLE_QUEUE_NAME },
    });
    const line = describeAppConfig(sandbox);
    expect(line).toContain('sends through the outbox on redis://:***@127.0.0.1:6390/2');
    expect(line).not.toContain('s3cret');

    const live = await loadAppConfig({
      env: {
        REDIS_URL,
        WATI_API_URL: 'https://live-mt-server.wati.io/123456',
        WATI_API_TOKEN: 'wati-secret',
      },
      cwd: directory.path,
    });
    expect(live).toMatchObject({ mode: 'live', providerId: 'wati', queue: { redisUrl: REDIS_URL } });
  });

  it('comes from the file\'s "queue" (an env: reference too), kept out of the provider section; REDIS_URL wins', async () => {
    await directory.write({
      provider: 'wati',
      wati: WATI_SECTION,
      queue: { redisUrl: 'env:REDIS_FOR_TEST', queueName: 'campaigns' },
    });
    const env = { WATI_TOKEN_FOR_TEST: 'wati-secret', REDIS_FOR_TEST: REDIS_URL };
    const live = await loadAppConfig({ env, cwd: directory.path });
    if (live.mode !== 'live') throw new Error('expected live mode');
    expect(live.queue).toStrictEqual({ redisUrl: REDIS_URL, queueName: 'campaigns' });
    expect(live.resolved.options).not.toHaveProperty('queue');

    const fromEnv = await loadAppConfig({
      env: { ...env, REDIS_URL: 'rediss://cache.internal:6380' },
      cwd: directory.path,
    });
    expect(fromEnv.queue).toStrictEqual({
      redisUrl: 'rediss://cache.internal:6380',
      queueName: DEFAULT_SAMPLE_QUEUE_NAME,
    });
  });

  it('refuses what is not a Redis URL, naming the variable or field but never the value', async () => {
    const http = await configError(
      loadAppConfig({ env: { REDIS_URL: 'https://user:hunter2@cache.example' }, cwd: directory.path }),
    );
    expect(http.issues).toStrictEqual([
      { path: 'REDIS_URL', message: 'expected a redis:// or rediss:// URL' },
    ]);
    expect(formatConfigError(http)).not.toContain('hunter2');

    const garbage = await configError(
      loadAppConfig({ env: { REDIS_URL: 'not a url hunter2' }, cwd: directory.path }),
    );
    expect(garbage.issues[0]?.path).toBe('REDIS_URL');
    expect(formatConfigError(garbage)).not.toContain('hunter2');

    const cases: [unknown, string][] = [
      ['redis://127.0.0.1', 'queue'],
      [{ redisUrl: 42 }, 'queue.redisUrl'],
      [{ redisUrl: 'redis://127.0.0.1', queueName: 'has spaces' }, 'queue.queueName'],
      [{ redisUrl: 'redis://127.0.0.1', password: 'hunter2' }, 'queue.password'],
      [{ redisUrl: 'env:UNSET_REDIS_FOR_TEST' }, 'queue.redisUrl'],
    ];
    for (const [queue, path] of cases) {
      await directory.write({ provider: 'wati', sandbox: true, queue });
      const error = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
      expect(error.issues[0]?.path, JSON.stringify(queue)).toBe(path);
      expect(formatConfigError(error)).not.toContain('hunter2');
    }
  });

  it('masks a password given in the query string too', () => {
    expect(describeRedisUrl('redis://127.0.0.1:6379/0?password=hunter2')).toBe(
      'redis://127.0.0.1:6379/0?password=***',
    );
  });
});
