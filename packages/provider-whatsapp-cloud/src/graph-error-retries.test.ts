import { until, useFakeWaits } from '@switchboard/provider-test-kit';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { graphError } from './__fixtures__/graph-error-body.js';
import { directCloud, startGraphServer } from './__fixtures__/graph-server.js';

const HOUR = 60 * 60 * 1000;

describe('retries', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a throttled send (130429) after the documented 1 s, and then succeeds', async () => {
    let calls = 0;
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(graphError(130429), { status: 400 })
          : HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.after-retry' }] });
      }),
    );
    const attempts: number[] = [];
    const waits: number[] = [];
    const sending = directCloud(server, {
      retry: { maxRetries: 2 },
      hooks: {
        onRequest: (event) => attempts.push(event.attempt),
        onRetry: (event) => {
          waits.push(event.delayMs);
          // The first attempt ran on real timers; the wait before the next one is stepped, not slept.
          useFakeWaits();
        },
      },
    }).send({ type: 'text', to: '16505551234', text: 'x' });
    await until(() => waits.length > 0);
    // No Retry-After: the documented default wait of 130429 (1 s), and no second attempt before it.
    expect(waits).toStrictEqual([1000]);
    await vi.advanceTimersByTimeAsync(999);
    expect(attempts).toStrictEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toStrictEqual([1, 2]);
    const result = await sending;
    expect(result.id).toBe('wamid.after-retry');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 131047 (session window closed)', async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', () => HttpResponse.json(graphError(131047), { status: 400 })),
    );
    const error = await directCloud(server, { retry: { maxRetries: 3, baseDelayMs: 1 } })
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'session_window_closed', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('does not wait an hour itself: a 131048 reaches the caller with retryAfterMs', async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:phone/messages', () => HttpResponse.json(graphError(131048), { status: 400 })),
    );
    const error = await directCloud(server, { retry: { maxRetries: 3 } })
      .send({ type: 'text', to: '16505551234', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: HOUR });
    expect(server.requests).toHaveLength(1);
  });
});
