import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/errors.js';
import type { BulkRequest, BulkResult } from '../model/send-result.js';
import type { MessagingProvider } from '../provider/messaging-provider.js';
import { type BulkStreamResult, collectBulk, streamBulk } from './bulk-stream.js';
import { fanOutStream } from './fan-out.js';

/** A send whose completion the test controls, one promise per recipient. */
function controlledSends() {
  const pending = new Map<string, (outcome: { id: string; raw: unknown } | Error) => void>();
  const started: string[] = [];
  let onStart: (() => void) | undefined;
  const send = (recipient: { to: string }) =>
    new Promise<{ id: string; raw: unknown }>((resolve, reject) => {
      started.push(recipient.to);
      pending.set(recipient.to, (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)));
      onStart?.();
    });
  const settle = (to: string, outcome: { id: string; raw: unknown } | Error) => {
    const finish = pending.get(to);
    if (finish === undefined) throw new Error(`${to} was not started`);
    pending.delete(to);
    finish(outcome);
  };
  /** Resolves once `count` sends have started in all. */
  const startedCount = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (started.length >= count) {
          onStart = undefined;
          resolve();
        }
      };
      onStart = check;
      check();
    });
  return { send, settle, started, startedCount, pending };
}

async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const recipients = (count: number) => Array.from({ length: count }, (_, i) => ({ to: `r${i}` }));

describe('fanOutStream', () => {
  it('yields each result as it settles, with its index, and raw only when asked', async () => {
    const sends = controlledSends();
    const stream = fanOutStream(recipients(3), sends.send, { concurrency: 3 });
    const first = stream.next();
    await sends.startedCount(3);
    sends.settle('r2', { id: 'id-2', raw: { big: 'body' } });
    expect((await first).value).toStrictEqual({ index: 2, to: 'r2', ok: true, id: 'id-2' });
    sends.settle('r0', new ApiError('not on WhatsApp', { code: 'invalid_recipient', status: 400 }));
    expect((await stream.next()).value).toMatchObject({
      index: 0,
      to: 'r0',
      ok: false,
      error: { code: 'invalid_recipient', retryable: false },
    });
    sends.settle('r1', { id: 'id-1', raw: 'kept?' });
    expect((await stream.next()).value).toStrictEqual({ index: 1, to: 'r1', ok: true, id: 'id-1' });
    expect((await stream.next()).done).toBe(true);

    const withRaw = fanOutStream(recipients(1), async () => ({ id: 'x', raw: { body: 1 } }), { raw: true });
    expect((await withRaw.next()).value).toStrictEqual({
      index: 0,
      to: 'r0',
      ok: true,
      id: 'x',
      raw: { body: 1 },
    });
  });

  it('stops starting sends while the consumer does not read (bounded backlog)', async () => {
    let started = 0;
    const stream = fanOutStream(
      recipients(1000),
      async (recipient) => {
        started++;
        return { id: recipient.to };
      },
      { concurrency: 2 },
    );
    const first = await stream.next();
    expect(first.done).toBe(false);
    // Let every microtask and macrotask run: the producers must be parked on the full queue.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    // The one consumed, `concurrency` queued, and one held by each paused send: 2 × 2 + 1.
    expect(started).toBe(2 * 2 + 1);
    let count = 1;
    for await (const _ of stream) count++;
    expect(count).toBe(1000);
    expect(started).toBe(1000);
  });

  it('leaving the loop early stops the sends and aborts those in flight', async () => {
    const sends = controlledSends();
    const signals: AbortSignal[] = [];
    const stream = fanOutStream(
      recipients(100),
      (recipient, signal) => {
        signals.push(signal);
        return sends.send(recipient);
      },
      { concurrency: 2 },
    );
    const first = stream.next();
    await sends.startedCount(2);
    sends.settle('r0', { id: 'a', raw: null });
    await first;
    await stream.return();
    const startedBeforeReturn = [...sends.started];
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    for (const to of [...sends.pending.keys()]) sends.settle(to, { id: to, raw: null });
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(sends.started).toStrictEqual(startedBeforeReturn);
    expect(sends.started.length).toBeLessThanOrEqual(3);
  });

  it("reports the recipients after the caller's abort as not sent", async () => {
    const controller = new AbortController();
    const results: BulkStreamResult[] = [];
    for await (const result of fanOutStream(
      recipients(3),
      async (recipient) => {
        controller.abort();
        return { id: recipient.to };
      },
      { concurrency: 1, signal: controller.signal },
    )) {
      results.push(result);
    }
    expect(results.map((r) => [r.index, r.ok, r.error?.message])).toStrictEqual([
      [0, true, undefined],
      [1, false, 'not sent: the bulk send was aborted'],
      [2, false, 'not sent: the bulk send was aborted'],
    ]);
  });
});

describe('collectBulk', () => {
  it('puts results back in recipient order and drops raw', async () => {
    async function* settled(): AsyncGenerator<BulkStreamResult> {
      yield { index: 1, to: 'b', ok: true, id: 'id-b', raw: { big: true } };
      yield { index: 0, to: 'a', ok: false, error: { code: 'unknown', message: 'x', retryable: false } };
    }
    expect(await collectBulk(settled())).toStrictEqual({
      results: [
        { to: 'a', ok: false, error: { code: 'unknown', message: 'x', retryable: false } },
        { to: 'b', ok: true, id: 'id-b' },
      ],
    });
  });
});

describe('streamBulk', () => {
  const request: BulkRequest = {
    template: { name: 'promo', language: 'en' },
    recipients: [{ to: '+14155550100' }, { to: '+14155550101' }],
  };

  it("uses the provider's sendBulkStream when it has one", async () => {
    const seen: unknown[] = [];
    const provider = {
      sendBulk: () => Promise.reject(new Error('not this one')),
      async *sendBulkStream(input: BulkRequest, options: unknown) {
        seen.push(input, options);
        yield { index: 0, to: '14155550100', ok: true, id: 'one' };
      },
    } as unknown as MessagingProvider;
    const results = await toArray(streamBulk(provider, request, { raw: true }));
    expect(results).toStrictEqual([{ index: 0, to: '14155550100', ok: true, id: 'one' }]);
    expect(seen).toStrictEqual([request, { raw: true }]);
  });

  it("falls back to sendBulk's result, entry by entry with its index", async () => {
    const controller = new AbortController();
    const calls: unknown[] = [];
    const provider = {
      async sendBulk(input: BulkRequest, options: unknown): Promise<BulkResult> {
        calls.push(input, options);
        return {
          results: [
            { to: '14155550100', ok: true, id: 'one' },
            { to: '14155550101', ok: false, error: { code: 'unknown', message: 'no', retryable: false } },
          ],
        };
      },
    } as unknown as MessagingProvider;
    const results = await toArray(
      streamBulk(provider, request, { signal: controller.signal, providerOptions: { fake: { a: 1 } } }),
    );
    expect(results.map((r) => [r.index, r.to, r.ok])).toStrictEqual([
      [0, '14155550100', true],
      [1, '14155550101', false],
    ]);
    expect(calls).toStrictEqual([
      request,
      { signal: controller.signal, providerOptions: { fake: { a: 1 } } },
    ]);
  });
});
