// The router's bulk send over scripted providers: which recipients go where, and that every
// recipient gets exactly one result whatever a later round does. The real adapters' bulk failover
// over their emulators is in tests/router (router-behaviour.test.ts).
import { describe, expect, it } from 'vitest';
import { BULK_SEND_ABORTED, type BulkStreamOptions, type BulkStreamResult } from '../bulk/bulk-stream.js';
import { ApiError, RateLimitError, TimeoutError, ValidationError } from '../errors/errors.js';
import type { BulkRecipientError, BulkRequest } from '../model/send-result.js';
import type { Capability } from '../provider/capability.js';
import type { MessagingProvider } from '../provider/messaging-provider.js';
import { WHATSAPP_MESSAGE_LIMITS } from '../provider/whatsapp-limits.js';
import { createRouter } from './create-router.js';

const THROTTLED: BulkRecipientError = { code: 'rate_limited', message: 'throttled', retryable: true };

type Script = (
  request: BulkRequest,
  options: BulkStreamOptions,
) => AsyncGenerator<BulkStreamResult, void, undefined>;

/** A provider whose bulk stream is `script`; `calls` records the recipients of each bulk call. */
function scripted(id: string, script: Script) {
  const calls: string[][] = [];
  let closedStreams = 0;
  const provider: MessagingProvider = {
    id,
    capabilities: new Set<Capability>(['send.text', 'send.template', 'send.bulk']),
    limits: { ...WHATSAPP_MESSAGE_LIMITS, bulkBatchSize: 100, media: {} },
    send: () => Promise.reject(new Error('not used')),
    sendBulk: () => Promise.reject(new Error('the router streams')),
    async *sendBulkStream(request, options = {}) {
      calls.push(request.recipients.map((recipient) => recipient.to));
      try {
        yield* script(request, options);
      } finally {
        closedStreams++;
      }
    },
    webhooks: { parse: () => Promise.resolve([]) } as unknown as MessagingProvider['webhooks'],
    close: () => Promise.resolve(),
  };
  return {
    provider,
    calls,
    get closedStreams() {
      return closedStreams;
    },
  };
}

/** Every recipient sent, in order. */
const sendsAll: Script = async function* (request) {
  for (const [index, { to }] of request.recipients.entries()) yield { index, to, ok: true, id: `id-${to}` };
};

/** The first recipient sent, the others throttled (not sent). */
const throttlesAllButFirst: Script = async function* (request) {
  for (const [index, { to }] of request.recipients.entries()) {
    yield index === 0 ? { index, to, ok: true, id: `id-${to}` } : { index, to, ok: false, error: THROTTLED };
  }
};

const request: BulkRequest = {
  template: { name: 'promo', language: 'en' },
  recipients: [{ to: '14155550100' }, { to: '14155550101' }, { to: '14155550102' }],
};

async function collect(stream: AsyncIterable<BulkStreamResult>): Promise<BulkStreamResult[]> {
  const results: BulkStreamResult[] = [];
  for await (const result of stream) results.push(result);
  return results;
}

describe('router bulk', () => {
  it('sends what the first provider did not through the next, each recipient settled once', async () => {
    const first = scripted('first', throttlesAllButFirst);
    const second = scripted('second', sendsAll);
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request);
    expect(result.results.map((entry) => [entry.to, entry.ok, entry.id])).toStrictEqual([
      ['14155550100', true, 'id-14155550100'],
      ['14155550101', true, 'id-14155550101'],
      ['14155550102', true, 'id-14155550102'],
    ]);
    expect(second.calls).toStrictEqual([['14155550101', '14155550102']]);
  });

  it('keeps the first round’s results when the next provider refuses the whole call', async () => {
    const first = scripted('first', throttlesAllButFirst);
    const second = scripted('second', async function* () {
      yield* [];
      throw new RateLimitError('the whole call was refused', { provider: 'second', status: 429 });
    });
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request);
    expect(result.results.map((entry) => [entry.ok, entry.id ?? entry.error?.code])).toStrictEqual([
      [true, 'id-14155550100'],
      [false, 'rate_limited'],
      [false, 'rate_limited'],
    ]);
    expect(second.calls).toHaveLength(1);
  });

  it('keeps the first round’s results when the signal is aborted between rounds', async () => {
    const controller = new AbortController();
    const first = scripted('first', async function* (input, options) {
      yield* throttlesAllButFirst(input, options);
      controller.abort(new Error('user cancelled'));
    });
    const second = scripted('second', sendsAll);
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request, { signal: controller.signal });
    expect(result.results.map((entry) => [entry.ok, entry.error?.code])).toStrictEqual([
      [true, undefined],
      [false, 'rate_limited'],
      [false, 'rate_limited'],
    ]);
    expect(second.calls).toStrictEqual([]);
  });

  it('reports every recipient as not sent when the signal is aborted before it starts', async () => {
    const first = scripted('first', sendsAll);
    const router = createRouter({ providers: [first.provider] });
    const controller = new AbortController();
    controller.abort();
    const result = await router.sendBulk(request, { signal: controller.signal });
    expect(result.results.map((entry) => entry.error)).toStrictEqual([
      BULK_SEND_ABORTED,
      BULK_SEND_ABORTED,
      BULK_SEND_ABORTED,
    ]);
    expect(first.calls).toStrictEqual([]);
  });

  it('rejects an invalid request instead of throwing synchronously, before any provider is asked', async () => {
    const first = scripted('first', sendsAll);
    const router = createRouter({ providers: [first.provider] });
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = router.sendBulk({ ...request, recipients: [] });
    }).not.toThrow();
    await expect(pending).rejects.toBeInstanceOf(ValidationError);
    await expect(router.sendBulk(request, { concurrency: Number.NaN } as never)).rejects.toThrow(
      /concurrency/,
    );
    expect(first.calls).toStrictEqual([]);
  });

  it('fails the whole call over when the first provider refuses it before any result', async () => {
    const first = scripted('first', async function* () {
      yield* [];
      throw new ApiError('down for maintenance', {
        provider: 'first',
        status: 503,
        code: 'provider_unavailable',
        retryable: true,
      });
    });
    const second = scripted('second', sendsAll);
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request);
    expect(result.results.every((entry) => entry.ok)).toBe(true);
    expect(second.calls).toStrictEqual([request.recipients.map((recipient) => recipient.to)]);
  });

  it('marks recipients a broken stream never reported as possibly sent, not to be retried', async () => {
    const first = scripted('first', async function* (input) {
      yield { index: 0, to: input.recipients[0]?.to ?? '', ok: true, id: 'one' };
      throw new Error('socket hang up');
    });
    const second = scripted('second', sendsAll);
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request);
    expect(result.results[0]).toStrictEqual({ to: '14155550100', ok: true, id: 'one' });
    for (const entry of result.results.slice(1)) {
      expect(entry.ok).toBe(false);
      expect(entry.error?.retryable).toBe(false);
      expect(entry.error?.message).toContain('it may have been sent');
    }
    expect(second.calls).toStrictEqual([]);
    expect(first.closedStreams).toBe(1);
  });

  it('sendBulkStream yields results as they settle and stops the provider when left early', async () => {
    let reachedSecond = false;
    const first = scripted('first', async function* (input) {
      yield { index: 1, to: input.recipients[1]?.to ?? '', ok: true, id: 'second-recipient' };
      reachedSecond = true;
      yield { index: 0, to: input.recipients[0]?.to ?? '', ok: true, id: 'first-recipient' };
    });
    const router = createRouter({ providers: [first.provider] });
    const stream = router.sendBulkStream(request)[Symbol.asyncIterator]();
    expect((await stream.next()).value).toStrictEqual({
      index: 1,
      to: '14155550101',
      ok: true,
      id: 'second-recipient',
    });
    // Handed over before the provider went on to its next recipient.
    expect(reachedSecond).toBe(false);
    await stream.return?.();
    expect(reachedSecond).toBe(false);
    expect(first.closedStreams).toBe(1);
  });

  it('rethrows an abort that interrupted the first call instead of calling its recipients not sent', async () => {
    const controller = new AbortController();
    const posted: string[] = [];
    const provider: MessagingProvider = {
      ...scripted('posts-then-aborts', sendsAll).provider,
      sendBulk: async (input) => {
        posted.push(...input.recipients.map((recipient) => recipient.to));
        controller.abort(new Error('user cancelled'));
        throw controller.signal.reason;
      },
    };
    delete (provider as { sendBulkStream?: unknown }).sendBulkStream;
    const router = createRouter({ providers: [provider] });
    await expect(router.sendBulk(request, { signal: controller.signal })).rejects.toThrow('user cancelled');
    expect(posted).toHaveLength(3);
  });

  it('marks recipients possibly sent when the next provider failed in a way that may have sent them', async () => {
    const first = scripted('first', throttlesAllButFirst);
    const second = scripted('second', async function* () {
      yield* [];
      throw new TimeoutError('no answer in time', { provider: 'second' });
    });
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request);
    expect(result.results[0]?.ok).toBe(true);
    for (const entry of result.results.slice(1)) {
      expect(entry.error).toMatchObject({ code: 'timeout', retryable: false });
      expect(entry.error?.message).toContain('it may have been sent');
    }
  });

  it('settles each recipient once despite duplicate or out-of-range indices, and names those never reported', async () => {
    const first = scripted('sloppy', async function* (input) {
      const to = input.recipients[0]?.to ?? '';
      yield { index: 0, to, ok: true, id: 'once' };
      yield { index: 0, to, ok: true, id: 'twice' };
      yield { index: 7, to: 'nobody', ok: true, id: 'out of range' };
      yield { index: 1.5, to: 'nobody', ok: true, id: 'not an index' };
    });
    const router = createRouter({ providers: [first.provider] });
    const results = await collect(router.sendBulkStream(request));
    expect(results.map((entry) => [entry.index, entry.id ?? entry.error?.message])).toStrictEqual([
      [0, 'once'],
      [1, 'The provider returned no result for this recipient'],
      [2, 'The provider returned no result for this recipient'],
    ]);
  });

  it('skips a malformed entry without closing a stream that goes on', async () => {
    const first = scripted('sloppy', async function* (input) {
      yield null as unknown as BulkStreamResult;
      for (const [index, { to }] of input.recipients.entries()) yield { index, to, ok: true, id: `id-${to}` };
    });
    const router = createRouter({ providers: [first.provider] });
    const results = await collect(router.sendBulkStream(request));
    expect(results.map((entry) => entry.ok)).toStrictEqual([true, true, true]);
  });

  it("stops the provider's stream when the consumer throws into the router's", async () => {
    const first = scripted('first', sendsAll);
    const router = createRouter({ providers: [first.provider] });
    const stream = router.sendBulkStream(request)[Symbol.asyncIterator]();
    await stream.next();
    await expect(stream.throw?.(new Error('consumer failed'))).rejects.toThrow('consumer failed');
    expect(first.closedStreams).toBe(1);
  });

  it('marks recipients possibly sent after a 500 from the next provider, with one hint', async () => {
    const first = scripted('first', throttlesAllButFirst);
    const second = scripted('second', async function* () {
      yield* [];
      throw new ApiError('internal error', { provider: 'second', status: 500 });
    });
    const router = createRouter({ providers: [first.provider, second.provider], circuitBreaker: false });
    const result = await router.sendBulk(request);
    for (const entry of result.results.slice(1)) {
      expect(entry.error?.retryable).toBe(false);
      expect(entry.error?.message.match(/may have been sent/g)).toHaveLength(1);
    }
  });

  it('ignores a provider stream whose return() throws when the consumer leaves early', async () => {
    const first = scripted('first', sendsAll);
    const provider: MessagingProvider = {
      ...first.provider,
      sendBulkStream: (input, options) => {
        const inner = first.provider.sendBulkStream?.(input, options)[Symbol.asyncIterator]();
        return {
          [Symbol.asyncIterator]: () => ({
            next: () => inner?.next() ?? Promise.reject(new Error('no stream')),
            return: () => Promise.reject(new Error('return failed')),
          }),
        };
      },
    };
    const router = createRouter({ providers: [provider] });
    const stream = router.sendBulkStream(request)[Symbol.asyncIterator]();
    expect((await stream.next()).value).toMatchObject({ index: 0, ok: true });
    await expect(stream.return?.()).resolves.toMatchObject({ done: true });
  });

  it('streams through a provider without sendBulkStream, reading its sendBulk', async () => {
    const plain: MessagingProvider = {
      ...scripted('plain', sendsAll).provider,
      sendBulk: async (input) => ({
        results: input.recipients.map(({ to }) => ({ to, ok: true, id: `bulk-${to}` })),
      }),
    };
    delete (plain as { sendBulkStream?: unknown }).sendBulkStream;
    const router = createRouter({ providers: [plain] });
    const results = await collect(router.sendBulkStream(request));
    expect(results.map((entry) => [entry.index, entry.id])).toStrictEqual([
      [0, 'bulk-14155550100'],
      [1, 'bulk-14155550101'],
      [2, 'bulk-14155550102'],
    ]);
  });
});
