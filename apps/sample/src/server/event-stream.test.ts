import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStream } from './event-stream.js';

/** Reads what a response body has produced so far (or until it ends). */
async function readAvailable(reader: ReadableStreamDefaultReader<Uint8Array>, chunks = 1): Promise<string> {
  let text = '';
  for (let index = 0; index < chunks; index++) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  return text;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('EventStream', () => {
  it('answers with an event-stream that starts with a retry hint', async () => {
    const stream = new EventStream();
    const response = stream.response();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(await readAvailable(reader)).toBe('retry: 3000\n: connected\n\n');
    stream.close();
  });

  it('sends published events with ids, and names them when asked', async () => {
    const stream = new EventStream();
    const reader = (stream.response().body as ReadableStream<Uint8Array>).getReader();
    await readAvailable(reader);
    stream.publish({ kind: 'status', status: 'read' });
    stream.publish({ message: { id: 'm1' } }, 'inbox');
    const text = await readAvailable(reader, 2);
    expect(text).toMatch(
      /^id: [0-9a-z]+-1\ndata: \{"kind":"status","status":"read"\}\n\nid: [0-9a-z]+-2\nevent: inbox\ndata: \{"message":\{"id":"m1"\}\}\n\n$/,
    );
    stream.close();
  });

  it('replays after Last-Event-ID, and everything buffered for an id from another process', async () => {
    const replaying = new EventStream({ bufferSize: 3 });
    for (const n of [1, 2, 3, 4]) replaying.publish({ n });
    // An id of another epoch replays the buffer, which tells this process's epoch.
    const epochId = (await collect(replaying.response('x-0'))).match(/id: ([0-9a-z]+)-2/)?.[1];
    expect(epochId).toBeDefined();
    const after3 = await collect(replaying.response(`${epochId}-3`));
    expect(dataOf(after3)).toStrictEqual([{ n: 4 }]);
    // The buffer holds 3 events: 1 has been dropped.
    expect(dataOf(await collect(replaying.response('oldepoch-1')))).toStrictEqual([
      { n: 2 },
      { n: 3 },
      { n: 4 },
    ]);
    expect(dataOf(await collect(replaying.response()))).toStrictEqual([]);
    replaying.close();
  });

  it('bounds the replay buffer by bytes as well as by count', async () => {
    const stream = new EventStream({ bufferSize: 500, maxBufferedBytes: 1000 });
    for (const n of [1, 2, 3, 4, 5]) stream.publish({ n, padding: 'x'.repeat(250) });
    expect(
      dataOf(await collect(stream.response('oldepoch-1'))).map((data) => (data as { n: number }).n),
    ).toStrictEqual([3, 4, 5]);
    stream.close();
  });

  it('sends a heartbeat comment on idle streams', async () => {
    vi.useFakeTimers();
    const stream = new EventStream({ heartbeatMs: 15_000 });
    const reader = (stream.response().body as ReadableStream<Uint8Array>).getReader();
    await readAvailable(reader);
    vi.advanceTimersByTime(15_000);
    expect(await readAvailable(reader)).toBe(': heartbeat\n\n');
    stream.close();
  });

  it('ends every stream on close and refuses new ones', async () => {
    const stream = new EventStream();
    const reader = (stream.response().body as ReadableStream<Uint8Array>).getReader();
    await readAvailable(reader);
    expect(stream.clientCount).toBe(1);
    stream.close();
    expect(await reader.read()).toStrictEqual({ done: true, value: undefined });
    expect(stream.clientCount).toBe(0);
    expect(stream.response().status).toBe(503);
  });

  it('forgets a client that went away', async () => {
    const stream = new EventStream();
    const reader = (stream.response().body as ReadableStream<Uint8Array>).getReader();
    await readAvailable(reader);
    await reader.cancel();
    expect(stream.clientCount).toBe(0);
    stream.publish({ after: 'cancel' });
    stream.close();
  });

  it('drops a client that stops reading once too much is queued', async () => {
    const stream = new EventStream({ maxQueuedBytes: 1000 });
    const reader = (stream.response().body as ReadableStream<Uint8Array>).getReader();
    await readAvailable(reader);
    for (let index = 0; index < 200; index++) stream.publish({ padding: 'x'.repeat(500) });
    expect(stream.clientCount).toBe(0);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow('The client did not keep up with the event stream');
  });
});

/** The replayed part of a fresh response: everything already queued at connect time. */
async function collect(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  // Everything replayed is enqueued synchronously in start(), so a read of a queued chunk settles
  // within microtasks; one still pending at the next macrotask means the queue is empty. No clock.
  for (;;) {
    const result = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
    ]);
    if (result === undefined || result.done) break;
    text += new TextDecoder().decode(result.value);
  }
  await reader.cancel();
  return text;
}

function dataOf(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as unknown);
}
