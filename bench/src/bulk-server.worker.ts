// The bulk benchmark's loopback server, in a worker thread of the process under test (as a
// serverless function's sidecar would be): answers Graph sends and WATI v2 `sendTemplateMessages`
// (one receiver per number) and records when each request arrived, to measure the achieved rate.
// Requests to the `/throttled/` WATI tenant are refused with a 429.
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';

const arrivals: number[] = [];
const server = createServer((request, response) => {
  arrivals.push(performance.now());
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: string;
    if (request.url?.startsWith('/throttled/')) {
      // The tenant of the router-failover case: every request refused as a rate limit (nothing sent).
      body = JSON.stringify({ result: false, info: 'Too many requests' });
      response.writeHead(429, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
      return;
    }
    if (request.url?.includes('/sendTemplateMessages')) {
      const sent = JSON.parse(Buffer.concat(chunks).toString()) as {
        receivers: { whatsappNumber: string }[];
      };
      body = JSON.stringify({
        result: true,
        receivers: sent.receivers.map(({ whatsappNumber }) => ({
          localMessageId: `lm-${whatsappNumber}`,
          waId: whatsappNumber,
          isValidWhatsAppNumber: true,
          errors: [],
        })),
      });
    } else {
      const { to } = JSON.parse(Buffer.concat(chunks).toString()) as { to: string };
      body = JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: `wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA${to}` }],
      });
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});
parentPort?.on('message', (message: string) => {
  if (message === 'stats') {
    const count = arrivals.length;
    const spanMs = count > 1 ? (arrivals[count - 1] as number) - (arrivals[0] as number) : 0;
    parentPort?.postMessage({ count, spanMs });
  } else if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
