import { createServer, type Server } from 'node:http';

/** A loopback server answering the Graph send endpoint, counting each message text it receives. */
export interface CountingServer {
  origin: string;
  /** Sends received per text. */
  counts: Map<string, number>;
  /** Arrival times (performance.now()) of the first and the last send. */
  first: number | undefined;
  last: number | undefined;
  received: number;
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  let sequence = 0;
  const state: CountingServer = {
    origin: '',
    counts: new Map(),
    first: undefined,
    last: undefined,
    received: 0,
    close: async () => undefined,
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const now = performance.now();
      state.first ??= now;
      state.last = now;
      state.received += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        to: string;
        text?: { body?: string };
      };
      const text = body.text?.body ?? '';
      state.counts.set(text, (state.counts.get(text) ?? 0) + 1);
      sequence += 1;
      const answer = JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.bench${sequence}` }],
      });
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(answer),
      });
      response.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  state.origin = `http://127.0.0.1:${address.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
