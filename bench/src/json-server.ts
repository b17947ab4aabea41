// A minimal HTTP server answering like the Graph API's send endpoint and WATI's session send. Run
// in its own process so the client under test does not share its event loop.
import { createServer } from 'node:http';
import { graphSend, watiSend } from './send-answers.ts';

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
