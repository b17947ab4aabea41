import { describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, RateLimitError, TimeoutError, ValidationError } from '../errors/errors.js';
import { BULK_SEND_ABORTED, isBulkSendAborted } from './bulk-stream.js';
import { fanOut, fanOutStream, toBulkRecipientError } from './fan-out.js';

describe('fanOut', () => {
  it('keeps recipient order, isolates failures and limits concurrency', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const recipients = Array.from({ length: 10 }, (_, i) => ({ to: `1415555000${i}` }));
    const progress: number[] = [];
    const result = await fanOut(
      recipients,
      async (recipient) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // 0 to 2 turns of the event loop, by the last digit: recipients finish out of order, the
        // same way on any machine, and the results must still come back in recipient order.
        const turns = Number(recipient.to.slice(-1)) % 3;
        for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        if (recipient.to.endsWith('3'))
          throw new ApiError('not on WhatsApp', {
            code: 'invalid_recipient',
            providerCode: 131026,
            status: 400,
          });
        return { id: `id-${recipient.to}` };
      },
      { concurrency: 3, onResult: (_, index) => progress.push(index) },
    );
    expect(maxInFlight).toBe(3);
    expect(result.results.map((r) => r.to)).toStrictEqual(recipients.map((r) => r.to));
    expect(result.results[3]).toStrictEqual({
      to: '14155550003',
      ok: false,
      error: {
        code: 'invalid_recipient',
        message: 'not on WhatsApp',
        retryable: false,
        providerCode: 131026,
        status: 400,
      },
    });
    expect(result.results.filter((r) => r.ok)).toHaveLength(9);
    const inIndexOrder = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(progress).not.toStrictEqual(inIndexOrder);
    expect(progress.toSorted((a, b) => a - b)).toStrictEqual(inIndexOrder);
  });

  it('reports recipients not reached after an abort instead of sending them', async () => {
    const controller = new AbortController();
    const sent: string[] = [];
    const result = await fanOut(
      [{ to: 'a' }, { to: 'b' }, { to: 'c' }],
      async (recipient) => {
        sent.push(recipient.to);
        controller.abort();
        return { id: recipient.to };
      },
      { concurrency: 1, signal: controller.signal },
    );
    expect(sent).toStrictEqual(['a']);
    expect(result.results.map((r) => r.ok)).toStrictEqual([true, false, false]);
    expect(result.results[1]?.error?.message).toContain('aborted');
  });

  it('never invites a blind resend of a send that may have gone out', async () => {
    const result = await fanOut([{ to: 'a' }, { to: 'b' }, { to: 'c' }], async (recipient) => {
      if (recipient.to === 'a') throw new TimeoutError('no answer in time', { provider: 'test' });
      if (recipient.to === 'b')
        throw new RateLimitError('throttled', { provider: 'test', retryAfterMs: 1000 });
      throw new NetworkError('refused', { provider: 'test', requestMayHaveBeenSent: false });
    });
    const [timeout, throttled, refused] = result.results.map((entry) => entry.error);
    expect(timeout).toMatchObject({ code: 'timeout', retryable: false });
    expect(timeout?.message).toContain('may have been sent anyway');
    expect(throttled).toMatchObject({ code: 'rate_limited', retryable: true, message: 'throttled' });
    expect(refused).toMatchObject({ code: 'network_error', retryable: true, message: 'refused' });
  });

  it('refuses a concurrency that is not a whole number from 1, before any send', async () => {
    let sends = 0;
    const send = async () => {
      sends++;
      return { id: 'x' };
    };
    for (const concurrency of [Number.NaN, 0, 1.5, Number.POSITIVE_INFINITY]) {
      const error = await fanOut([{ to: 'a' }], send, { concurrency }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toStrictEqual(['concurrency']);
    }
    const stream = fanOutStream([{ to: 'a' }], send, { concurrency: Number.NaN });
    await expect(stream.next()).rejects.toBeInstanceOf(ValidationError);
    expect(sends).toBe(0);
  });

  it('keeps sending and keeps every result when onResult throws, warning once per throw', async () => {
    const warnings: string[] = [];
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation((warning) => {
      warnings.push(String(warning));
    });
    try {
      const result = await fanOut(
        [{ to: 'a' }, { to: 'b' }, { to: 'c' }],
        async (recipient) => ({ id: `id-${recipient.to}` }),
        {
          concurrency: 1,
          onResult: (_, index) => {
            if (index === 0) throw new Error('progress bar broke');
          },
        },
      );
      expect(result.results.map((entry) => entry.id)).toStrictEqual(['id-a', 'id-b', 'id-c']);
      expect(warnings).toStrictEqual(['Switchboard fanOut onResult callback threw: progress bar broke']);
    } finally {
      warn.mockRestore();
    }
  });

  it('reports a send the abort interrupted as possibly sent, and those not started as not sent', async () => {
    const controller = new AbortController();
    const result = await fanOut(
      [{ to: 'a' }, { to: 'b' }],
      (_recipient, signal) =>
        new Promise<{ id: string }>((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          controller.abort();
        }),
      { concurrency: 1, signal: controller.signal },
    );
    const [interrupted, notStarted] = result.results.map((entry) => entry.error);
    expect(interrupted).toMatchObject({ code: 'unknown', retryable: false });
    expect(interrupted?.message).toContain('may have been sent anyway');
    expect(isBulkSendAborted(interrupted)).toBe(false);
    expect(notStarted).toStrictEqual(BULK_SEND_ABORTED);
    expect(isBulkSendAborted(JSON.parse(JSON.stringify(notStarted)))).toBe(true);
  });

  it('keeps the real reason of a send that failed for itself after the abort', async () => {
    const controller = new AbortController();
    const result = await fanOut(
      [{ to: 'a' }],
      async () => {
        controller.abort();
        throw new Error('recipient a is not on WhatsApp');
      },
      { signal: controller.signal },
    );
    expect(result.results[0]?.error).toStrictEqual({
      code: 'unknown',
      message: 'recipient a is not on WhatsApp',
      retryable: false,
    });
  });

  it('turns unknown throwables into plain error data', () => {
    expect(toBulkRecipientError(new Error('boom'))).toStrictEqual({
      code: 'unknown',
      message: 'boom',
      retryable: false,
    });
    expect(toBulkRecipientError('text')).toStrictEqual({
      code: 'unknown',
      message: 'text',
      retryable: false,
    });
  });
});
