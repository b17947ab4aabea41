// A separate process drawing tokens from a shared Redis bucket: argv = redis url, key, count.
// Prints one JSON line: the admission times the bucket gave it, on Redis's clock.
import { RedisTokenBucketRateLimiter } from '@switchboard/queue';
import { Redis } from 'ioredis';

const [url, key, count] = process.argv.slice(2) as [string, string, string];
const redis = new Redis(url, { maxRetriesPerRequest: null });
const limiter = new RedisTokenBucketRateLimiter({ redis, key, requestsPerSecond: 20, burst: 5 });
const admitted: number[] = [];
await Promise.all(
  Array.from({ length: Number(count) }, async () => {
    const { admittedAt } = await limiter.reserve();
    admitted.push(admittedAt);
  }),
);
process.stdout.write(`${JSON.stringify(admitted)}\n`);
await redis.quit();
