// An outbox worker in its own process, to be SIGKILLed by a test.
// argv: redis url, queue name, WhatsApp Cloud base url, concurrency, requests per second.
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import { createOutbox } from '@switchboard/queue';

const [url, queueName, baseUrl, concurrency, requestsPerSecond] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const provider = createWhatsAppCloud({
  transport: 'direct',
  baseUrl,
  accessToken: 'test-access-token',
  phoneNumberId: '106540352242922',
  retry: false,
});
const outbox = await createOutbox({
  connection: url,
  provider,
  queueName,
  rateLimit: { requestsPerSecond: Number(requestsPerSecond), burst: 1 },
});
outbox.on('sent', (event) => process.stdout.write(`${JSON.stringify({ sent: event.jobId })}\n`));
const { worker } = outbox.startWorker({
  concurrency: Number(concurrency),
  lockDurationMs: 1_000,
  stalledIntervalMs: 300,
});
await worker.waitUntilReady();
process.stdout.write('ready\n');
