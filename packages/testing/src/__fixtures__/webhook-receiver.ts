import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// Test-only (this folder is excluded from the build): a bare node:http webhook receiver that shares no
// code with the emulators it checks.

// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON payloads with expect().
export type Loose = any;

/** One webhook POST as received. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  payload: Loose;
}

/** A running receiver; `statusFor(n)` picks the HTTP status of the n-th request (0-based). */
export interface WebhookReceiver extends AsyncDisposable {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  statusFor: (index: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = statusFor(received.length);
      received.push({ headers: req.headers, payload: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    received,
    close,
    [Symbol.asyncDispose]: close,
  };
}
