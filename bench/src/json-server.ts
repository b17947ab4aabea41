// A minimal HTTP server answering like the Graph API's send endpoint and WATI's session send. Run
// in its own process so the client under test does not share its event loop.
import { createServer } from 'node:http';

const graphSend = JSON.stringify({
  messaging_product: 'whatsapp',
  contacts: [{ input: '16505551234', wa_id: '16505551234' }],
  messages: [
    { id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', message_status: 'accepted' },
  ],
});
const watiSend = JSON.stringify({
  ok: true,
  result: 'success',
  message: {
    id: '693fd65f961dc81779391640',
    whatsappMessageId: 'wamid.HBgNODYxMzEzMzg4Nzg2MDU0FQIAERgSQzE3N0IyMTEyMzA0OEMzMzlGAA==',
    conversationId: '68cba32b3349e57578adb12b',
    ticketId: '693f7a0a8545f54d1d45f540',
    text: 'Hello from the benchmark',
    type: 'text',
    isOwner: true,
    status: 1,
    statusString: 'SENT',
    created: '2026-09-15T09:35:26.117Z',
  },
});

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const body = request.url?.includes('/api/v1/') ? watiSend : graphSend;
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
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
