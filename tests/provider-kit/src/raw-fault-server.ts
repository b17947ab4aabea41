// Fault-suite support: a raw `node:http` loopback server for the fault suite,
// whose answers each test scripts per path, one fault per request. Not msw: resets, held requests
// and partial bodies need the socket itself. `fault-checks.ts` drives and checks the sends.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Core's default `maxResponseBytes` (64 MiB): the providers do not change it. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A request the server holds unanswered until the test writes to it, resets it or closes the server. */
export interface HeldExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Sends the status line and headers now. */
  head(status: number, headers: Record<string, string | number>): void;
  /** Writes a body chunk; resolves once it was handed to the OS (or the client left). */
  write(chunk: string): Promise<void>;
  end(chunk?: string): void;
  /** Closes the connection under the response (`socket.destroy()`). */
  reset(): void;
  /** True once the client dropped the connection (or it was reset). */
  readonly closed: boolean;
}

/** How the server answers one request, called once the whole request body was read. */
export type Responder = (exchange: HeldExchange) => void;

/** The loopback server; see {@link startRawFaultServer}. */
export interface RawFaultServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Requests received at `path` (query excluded), counted when they arrive. */
  count(path: string): number;
  /** Queues one answer per request to `path`, in order. */
  script(path: string, ...responders: Responder[]): void;
  /** Requests answered by {@link held}, in arrival order. */
  readonly held: readonly HeldExchange[];
  /** `METHOD path` of each request nothing was scripted for (answered 599). */
  readonly unscripted: readonly string[];
  /** Forgets scripts, counts and held requests (destroying their connections). */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a raw HTTP server on 127.0.0.1, port 0. */
export async function startRawFaultServer(): Promise<RawFaultServer> {
  const counts = new Map<string, number>();
  const scripts = new Map<string, Responder[]>();
  const heldExchanges: HeldExchange[] = [];
  const unscripted: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fault.test').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    res.on('error', () => undefined);
    const respond = scripts.get(path)?.shift();
    req.resume();
    req.on('end', () => {
      if (respond === held) {
        heldExchanges.push(toExchange(req, res));
        return;
      }
      if (respond !== undefined) {
        respond(toExchange(req, res));
        return;
      }
      unscripted.push(`${req.method} ${path}`);
      res.writeHead(599, { 'content-type': 'text/plain' }).end('unscripted');
    });
  });
  // Held requests must not be cut by the server's own timers; a long keep-alive keeps the client
  // from reusing a connection the server is closing between two tests.
  server.keepAliveTimeout = 120_000;
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    count: (path) => counts.get(path) ?? 0,
    script: (path, ...responders) => scripts.set(path, [...(scripts.get(path) ?? []), ...responders]),
    held: heldExchanges,
    unscripted,
    reset() {
      for (const exchange of heldExchanges) exchange.reset();
      heldExchanges.length = 0;
      unscripted.length = 0;
      counts.clear();
      scripts.clear();
    },
    close() {
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function toExchange(req: IncomingMessage, res: ServerResponse): HeldExchange {
  return {
    req,
    res,
    head: (status, headers) => {
      res.writeHead(status, headers);
      res.flushHeaders();
    },
    write: (chunk) =>
      new Promise<void>((resolve) => {
        if (res.destroyed) resolve();
        else res.write(chunk, () => resolve());
      }),
    end: (chunk) => {
      res.end(chunk);
    },
    reset: () => req.socket.destroy(),
    get closed() {
      return res.destroyed || req.socket.destroyed;
    },
  };
}

/** Holds the request unanswered (a server that never answers, or one the test answers slowly). */
export const held: Responder = () => undefined;

/** Extra response headers, or a function making them when the request is answered (an HTTP-date). */
export type ExtraHeaders = Record<string, string> | (() => Record<string, string>);

/** A complete JSON answer. */
export function json(status: number, body: unknown, headers: ExtraHeaders = {}): Responder {
  return text(status, JSON.stringify(body), 'application/json', headers);
}

/** A complete answer with any body, e.g. an HTML gateway page or malformed JSON. */
export function text(
  status: number,
  body: string,
  contentType: string,
  headers: ExtraHeaders = {},
): Responder {
  return ({ res }) => {
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      ...(typeof headers === 'function' ? headers() : headers),
    });
    res.end(body);
  };
}

/** `Retry-After` as an HTTP-date `ms` from now (whole seconds under `useFakeClock`). */
export function retryAfterDate(ms: number): () => Record<string, string> {
  return () => ({ 'retry-after': new Date(Date.now() + ms).toUTCString() });
}

/** Closes the connection after reading the request, before writing anything (`socket.destroy()`). */
export const resetBeforeResponse: Responder = ({ req }) => req.socket.destroy();

/** Aborts the connection with a TCP RST after reading the request, before writing anything. */
export const rstBeforeResponse: Responder = ({ req }) => req.socket.resetAndDestroy();

/** The 502 page a load balancer shows when the API behind it is down. */
export const BAD_GATEWAY_PAGE =
  '<html><head><title>Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';

/** A 200 whose `content-length` says it is over the limit: the client must drop it on the headers. */
export const declaredOversized: Responder = (exchange) => {
  exchange.head(200, { 'content-type': 'application/json', 'content-length': MAX_RESPONSE_BYTES + 1 });
  void exchange.write('{"messages":[');
};

/** A chunked 200 that streams 1 MiB chunks until it is past the limit or the client left. */
export const streamedOversized: Responder = ({ res }) => {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  res.writeHead(200, { 'content-type': 'application/json' });
  let sent = 0;
  const pump = () => {
    while (sent <= MAX_RESPONSE_BYTES && !res.destroyed) {
      sent += chunk.byteLength;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(']');
  };
  pump();
};
