/**
 * How long {@link EventStreamClient.waitFor} waits by default. A watchdog, not an expectation: it
 * only turns a hang into a readable failure (listing the events received) before the 60 s test
 * timeout, and is generous because a loaded machine can take seconds to deliver an event.
 */
export const EVENT_WAIT_WATCHDOG_MS = 30_000;

/** One Server-Sent Event as received. */
export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: unknown;
}

/** A test client of `/api/events` that collects events and waits for the ones a test expects. */
export interface EventStreamClient {
  readonly events: readonly ReceivedEvent[];
  /**
   * Resolves with the first event (already received or coming) that matches, or rejects after
   * `timeoutMs` (default {@link EVENT_WAIT_WATCHDOG_MS}), a watchdog against hangs.
   */
  waitFor(predicate: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

/** Connects to an SSE endpoint with `fetch` and parses the stream as EventSource does. */
export async function connectEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || response.body === null) throw new Error(`GET ${url} answered ${response.status}`);
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const parsed = parseBlock(block);
          if (parsed !== undefined) {
            events.push(parsed);
            for (const wake of waiters) wake();
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    waitFor(predicate, timeoutMs = EVENT_WAIT_WATCHDOG_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.data))}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
}

function parseBlock(block: string): ReceivedEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { id, event, data: JSON.parse(data.join('\n')) as unknown };
}
