// One outbox worker process of the outbox benchmark. argv: redis url, queue name, server origin,
// requests per second (the shared limit), concurrency. Reports its RSS to the parent every second,
// and its live heap (after a full GC; the parent forks it with --expose-gc) once ready and when told
// to stop: RSS also counts garbage V8 has not collected yet, the live heap only what is held.
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import { createOutbox } from '@switchboard/queue';

const [url, queueName, origin, rate, concurrency] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const provider = createWhatsAppCloud({
  transport: 'direct',
  baseUrl: origin,
  accessToken: 'bench-access-token',
  phoneNumberId: '106540352242922',
  retry: false,
});
const outbox = await createOutbox({
  connection: url,
  provider,
  queueName,
  // One bucket in Redis for all four processes: together they may send `rate` per second.
  rateLimit: { requestsPerSecond: Number(rate), burst: 1 },
  idempotencyTtlMs: 60 * 60 * 1000,
});
const { worker } = outbox.startWorker({
  concurrency: Number(concurrency),
  lockDurationMs: 5_000,
  stalledIntervalMs: 1_000,
});
await worker.waitUntilReady();
const report = () => process.send?.({ rss: process.memoryUsage.rss() });
const liveHeap = (): number | undefined => {
  if (typeof globalThis.gc !== 'function') return undefined;
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
report();
setInterval(report, 1_000).unref();
process.send?.({ ready: true, liveHeap: liveHeap() });
process.on('message', async (message) => {
  if ((message as { stop?: boolean }).stop) {
    process.send?.({ liveHeap: liveHeap() });
    await outbox.close();
    await provider.close();
    process.exit(0);
  }
});
