import { freePort, type RedisServer, startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudHarness } from './__fixtures__/outbox-harness.js';
import { createOutbox } from './create-outbox.js';
import { RedisConnectionError } from './queue-errors.js';
import { assertRedisReachable, describeRedisConnection } from './redis-connection.js';

describe('describeRedisConnection', () => {
  it('redacts the password of a URL and of options', () => {
    expect(describeRedisConnection('redis://app:s3cret-pass@cache.internal:6380/2')).toBe(
      'redis://app:***@cache.internal:6380/2',
    );
    expect(describeRedisConnection('rediss://:s3cret-pass@cache.internal')).toBe(
      'rediss://:***@cache.internal',
    );
    expect(describeRedisConnection({ host: '10.0.0.5', port: 6390, password: 's3cret-pass', db: 3 })).toBe(
      'redis://:***@10.0.0.5:6390/3',
    );
    expect(describeRedisConnection('s3cret-pass')).toBe('(unparseable Redis URL)');
  });
});

describe('Redis down at start', () => {
  it('fails with a RedisConnectionError naming the URL, credentials redacted', async () => {
    const port = await freePort(); // nothing listens there
    const url = `redis://worker:hunter2-secret@127.0.0.1:${port}/0`;
    const error = (await assertRedisReachable(url).catch(
      (caught: unknown) => caught,
    )) as RedisConnectionError;
    expect(RedisConnectionError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(RedisConnectionError);
    expect(error.code).toBe('network_error');
    expect(error.target).toBe(`redis://worker:***@127.0.0.1:${port}/0`);
    expect(error.message).toContain(`Cannot connect to Redis at redis://worker:***@127.0.0.1:${port}/0`);
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2-secret');
    expect(error.message).not.toContain('hunter2-secret');
  });

  it('makes createOutbox reject before any queue is created', async () => {
    const cloud = await startCloudHarness();
    try {
      const port = await freePort();
      await expect(
        createOutbox({
          connection: { host: '127.0.0.1', port, password: 'hunter2-secret' },
          provider: cloud.provider(),
        }),
      ).rejects.toMatchObject({ name: 'RedisConnectionError', target: `redis://:***@127.0.0.1:${port}/0` });
    } finally {
      await cloud.close();
    }
  });

  it('rejects bad options with a ValidationError naming the field', async () => {
    await expect(
      createOutbox({ connection: 'http://localhost:6379', provider: undefined as never }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: expect.arrayContaining(['connection']) });
  });
});

describe('a reachable Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.[Symbol.asyncDispose]();
  });

  it('passes the startup check', async () => {
    await expect(assertRedisReachable(redis.url)).resolves.toBeUndefined();
  });
});
