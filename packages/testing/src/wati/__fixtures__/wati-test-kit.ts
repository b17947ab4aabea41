import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// Test-only helpers (this folder is excluded from the build): plain fetch calls typed for loose JSON
// inspection, and a bare node:http webhook receiver that shares nothing with the emulator.

/** The emulator's default token, as an Authorization header. */
export const auth = { authorization: 'Bearer test-wati-token' };

// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON answers with expect().
export type Loose = any;

/** A `Response` whose `json()` is typed for free-form inspection. */
export interface LooseResponse extends Response {
  json(): Promise<Loose>;
}

/** The global `fetch`, with a {@link LooseResponse}. */
export const looseFetch = fetch as (input: string | URL, init?: RequestInit) => Promise<LooseResponse>;

/** One webhook request as the receiver got it. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  payload: Loose;
}

/** A bare node:http webhook receiver; `statusFor(n)` picks the status of the n-th request (0-based). */
export async function startWebhookReceiver(statusFor: (index: number) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const status = statusFor(received.length);
      received.push({ headers: req.headers, raw, payload: JSON.parse(raw) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
      for (const waiter of waiters.filter((candidate) => received.length >= candidate.count))
        waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/wati`;
  return {
    url,
    received,
    /** The `eventType` of each received payload, in arrival order. */
    events: (): string[] => received.map((entry) => entry.payload.eventType),
    /** Resolves once `count` webhooks have arrived, however long that takes (the test timeout bounds it). */
    waitFor: (count: number): Promise<void> =>
      received.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    [Symbol.asyncDispose](): Promise<void> {
      return this.close();
    },
  };
}
