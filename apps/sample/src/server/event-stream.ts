/** Options of {@link EventStream}. */
export interface EventStreamOptions {
  /** Events kept for `Last-Event-ID` replay. Default 500. */
  bufferSize?: number;
  /** Bytes those events may take at most; the oldest go first. Default 4 MiB. */
  maxBufferedBytes?: number;
  /** Interval of the comment lines that keep proxies from closing an idle stream. Default 15 s. */
  heartbeatMs?: number;
  /** A client with more than this many bytes unread is dropped; it reconnects and replays. Default 1 MiB. */
  maxQueuedBytes?: number;
}

interface BufferedEvent {
  /** `<epoch>-<sequence>`. */
  id: string;
  sequence: number;
  chunk: Uint8Array;
}

interface Client {
  controller: ReadableStreamDefaultController<Uint8Array>;
  heartbeat: NodeJS.Timeout;
}

const utf8 = new TextEncoder();
const HEARTBEAT = utf8.encode(': heartbeat\n\n');
/** Tells EventSource how long to wait before reconnecting. */
const PREAMBLE = utf8.encode('retry: 3000\n: connected\n\n');
/** Bytes a stream buffers before it counts as behind. */
const HIGH_WATER_MARK = 64 * 1024;

/**
 * Server-Sent Events to any number of clients, with a bounded buffer replayed after `Last-Event-ID`.
 *
 * Event ids are `<epoch>-<sequence>`, the epoch changing with every process: a client reconnecting
 * with an id from before a restart gets the whole buffer instead of silently missing events.
 *
 * @example
 * ```ts
 * const stream = new EventStream();
 * app.get('/api/events', (c) => stream.response(c.req.header('last-event-id')));
 * stream.publish({ kind: 'status', status: 'read' });          // an unnamed ("message") event
 * stream.publish({ message: { id: 'wamid.1' } }, 'inbox');     // a named event
 * ```
 */
export class EventStream {
  readonly #epoch = Date.now().toString(36);
  readonly #buffer: BufferedEvent[] = [];
  readonly #clients = new Set<Client>();
  readonly #bufferSize: number;
  readonly #maxBufferedBytes: number;
  #bufferedBytes = 0;
  readonly #heartbeatMs: number;
  readonly #maxQueuedBytes: number;
  #sequence = 0;
  #closed = false;

  constructor(options: EventStreamOptions = {}) {
    this.#bufferSize = options.bufferSize ?? 500;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
  }

  /** Connected clients. */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Sends `data` as JSON to every client and keeps it for replay; `event` names the event type. */
  publish(data: unknown, event?: string): void {
    if (this.#closed) return;
    this.#sequence += 1;
    const id = `${this.#epoch}-${this.#sequence}`;
    const lines = [
      `id: ${id}`,
      ...(event === undefined ? [] : [`event: ${event}`]),
      `data: ${JSON.stringify(data)}`,
    ];
    const buffered: BufferedEvent = {
      id,
      sequence: this.#sequence,
      chunk: utf8.encode(`${lines.join('\n')}\n\n`),
    };
    this.#buffer.push(buffered);
    this.#bufferedBytes += buffered.chunk.byteLength;
    while (this.#buffer.length > this.#bufferSize || this.#bufferedBytes > this.#maxBufferedBytes) {
      const dropped = this.#buffer.shift();
      if (dropped === undefined) break;
      this.#bufferedBytes -= dropped.chunk.byteLength;
    }
    for (const client of this.#clients) this.#write(client, buffered.chunk);
  }

  /**
   * A streaming `text/event-stream` response for one client, starting with the buffered events after
   * `lastEventId` (none when it is absent). 503 once the stream is closed.
   */
  response(lastEventId?: string | null): Response {
    if (this.#closed) return new Response('Shutting down', { status: 503, headers: { 'retry-after': '5' } });
    let client: Client | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          const heartbeat = setInterval(() => {
            if (client !== undefined) this.#write(client, HEARTBEAT);
          }, this.#heartbeatMs);
          heartbeat.unref();
          client = { controller, heartbeat };
          this.#clients.add(client);
          controller.enqueue(PREAMBLE);
          for (const event of this.#replay(lastEventId)) controller.enqueue(event.chunk);
        },
        cancel: () => {
          if (client !== undefined) this.#drop(client);
        },
      },
      { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    );
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // nginx and some proxies buffer responses unless told not to.
        'x-accel-buffering': 'no',
      },
    });
  }

  /** Ends every stream and refuses new ones; for shutdown. */
  close(): void {
    this.#closed = true;
    for (const client of [...this.#clients]) {
      this.#drop(client);
      try {
        client.controller.close();
      } catch {
        // Already closed or errored by the client going away.
      }
    }
  }

  #replay(lastEventId: string | null | undefined): BufferedEvent[] {
    if (lastEventId === undefined || lastEventId === null || lastEventId.trim() === '') return [];
    const match = /^([0-9a-z]+)-(\d+)$/.exec(lastEventId.trim());
    if (match === null || match[1] !== this.#epoch) return [...this.#buffer];
    const after = Number(match[2]);
    return this.#buffer.filter((event) => event.sequence > after);
  }

  #write(client: Client, chunk: Uint8Array): void {
    const queued = HIGH_WATER_MARK - (client.controller.desiredSize ?? 0);
    if (queued > this.#maxQueuedBytes) {
      this.#drop(client);
      client.controller.error(new Error('The client did not keep up with the event stream'));
      return;
    }
    try {
      client.controller.enqueue(chunk);
    } catch {
      this.#drop(client);
    }
  }

  #drop(client: Client): void {
    clearInterval(client.heartbeat);
    this.#clients.delete(client);
  }
}
