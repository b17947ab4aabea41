// One bulk send of the bulk-memory benchmark, in a fresh process so its RSS is its own:
// `node bulk-memory.child.ts <whatsapp-cloud|wati|router|router-failover> <stream|collect> <recipients> <requests/s>`
// (`router`: core's router over the WhatsApp Cloud provider; `router-failover`: a router whose first
// provider, WATI, refuses every batch with a 429, so every recipient is held until the second, Cloud,
// sends it: the most a router's bulk stream holds).
// Prints one JSON line: RSS before and at peak, results seen, and the rate the server saw.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { type BulkRequest, createRouter } from '@switchboard/core';
import { createWati } from '@switchboard/provider-wati';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';

const [provider = 'whatsapp-cloud', mode = 'stream', count = '100000', rate = '2000'] = process.argv.slice(2);
const requestsPerSecond = Number(rate);

const worker = new Worker(new URL('./bulk-server.worker.ts', import.meta.url));
const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
const origin = `http://127.0.0.1:${port}`;
// Fifty milliseconds' worth of burst (100 at 2,000/s, 1 at WATI's 3/s): a bucket hands out no more
// than its burst after a pause, and the collector's pauses in a capped heap reach 10 ms and more.
// With a burst of 1 the Cloud stream sent 1,274 requests/s of 2,000, with 20 about 1,900
// (`docs/performance.md`, "The limiter's burst and the abort links").
const burst = Math.max(1, Math.ceil(requestsPerSecond / 20));
const common = {
  transport: 'direct' as const,
  retry: false as const,
  rateLimit: { requestsPerSecond, burst },
};
const cloud = () =>
  createWhatsAppCloud({
    ...common,
    baseUrl: origin,
    accessToken: 'bench-token-123456',
    phoneNumberId: '106540352242922',
  });
const client =
  provider === 'wati'
    ? createWati({ ...common, baseUrl: `${origin}/123456`, token: 'bench-token-123456' })
    : provider === 'router'
      ? createRouter({ providers: [cloud()] })
      : provider === 'router-failover'
        ? createRouter({
            providers: [
              createWati({ ...common, baseUrl: `${origin}/throttled`, token: 'bench-token-123456' }),
              cloud(),
            ],
          })
        : cloud();

const request: BulkRequest = {
  template: { name: 'order_update', language: 'en' },
  campaign: 'bench',
  recipients: Array.from({ length: Number(count) }, (_, index) => ({
    to: `+1415${String(index).padStart(7, '0')}`,
  })),
};
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage.rss();
let peakRss = rssBefore;
const heapTotalBefore = process.memoryUsage().heapTotal;
let peakHeapTotal = heapTotalBefore;
const serverHeapBefore = (await worker.getHeapStatistics()).total_heap_size;
let peakServerHeap = serverHeapBefore;
const sampler = setInterval(() => {
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, memory.rss);
  peakHeapTotal = Math.max(peakHeapTotal, memory.heapTotal);
  void worker.getHeapStatistics().then((stats) => {
    peakServerHeap = Math.max(peakServerHeap, stats.total_heap_size);
  });
}, 20);

let ok = 0;
let failed = 0;
const started = performance.now();
if (mode === 'stream') {
  // 16 in flight so a fan-out can reach the limiter's rate on a loopback round trip.
  for await (const result of client.sendBulkStream(request, { concurrency: 16 })) {
    if (result.ok) ok++;
    else failed++;
  }
} else {
  const { results } = await client.sendBulk(request);
  for (const result of results) {
    if (result.ok) ok++;
    else failed++;
  }
}
const elapsedMs = performance.now() - started;
peakRss = Math.max(peakRss, process.memoryUsage.rss());
clearInterval(sampler);
globalThis.gc?.();
// What the send left behind once collected: near zero when nothing is held per recipient.
const heapRetained = process.memoryUsage().heapUsed - heapBefore;
worker.postMessage('stats');
const [server] = (await once(worker, 'message')) as [{ count: number; spanMs: number }];
worker.postMessage('close');
await client.close();
const achieved = server.count > 1 ? ((server.count - 1) / server.spanMs) * 1000 : 0;
process.stdout.write(
  `${JSON.stringify({ provider, mode, recipients: Number(count), ok, failed, elapsedMs, rssBefore, peakRss, heapRetained, heapGrowth: peakHeapTotal - heapTotalBefore, serverHeapGrowth: peakServerHeap - serverHeapBefore, requests: server.count, requestsPerSecond, burst, achieved })}\n`,
);
process.exit(0);
