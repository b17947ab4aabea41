import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { faults } from '../faults.js';
import { startLoopbackServer } from '../loopback-server.js';
import { TaskScheduler } from './task-scheduler.js';
import {
  checkDispatchOptions,
  type EmulatorWebhookDelivery,
  WebhookDispatcher,
} from './webhook-dispatcher.js';

function dispatcher() {
  const scheduler = new TaskScheduler();
  const log: EmulatorWebhookDelivery<{ n: number }>[] = [];
  const now = new Date('2026-01-02T03:04:05Z');
  return {
    scheduler,
    log,
    dispatcher: new WebhookDispatcher<{ n: number }>({
      scheduler,
      now: () => now,
      record: (d) => log.push(d),
    }),
  };
}

describe('WebhookDispatcher', () => {
  it('delivers one at a time in the order asked, with headers and signature, recording each attempt', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await using app = await startLoopbackServer({
      handlers: [
        http.post('/hook', async ({ request }) => {
          const { n } = (await request.json()) as { n: number };
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await faults.delay(5);
          inFlight--;
          return HttpResponse.text(n === 2 ? 'no' : 'ok', { status: n === 2 ? 500 : 200 });
        }),
      ],
    });
    const { dispatcher: d, log } = dispatcher();
    const target = { url: `${app.url}/hook`, headers: { 'x-extra': 'yes' }, signWith: { secret: 's' } };

    const results = await Promise.all([1, 2, 3].map((n) => d.deliver(target, { n })));

    expect(maxInFlight).toBe(1);
    expect(app.requests.map((request) => request.json<{ n: number }>().n)).toEqual([1, 2, 3]);
    expect(app.requests[0]?.headers.get('x-extra')).toBe('yes');
    expect(app.requests[0]?.headers.get('x-hub-signature-256')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(results.map((result) => result.status)).toEqual([200, 500, 200]);
    expect(
      log.map(({ payload, attempt, status, ok, error }) => [payload.n, attempt, status, ok, error]),
    ).toEqual([
      [1, 1, 200, true, undefined],
      [2, 1, 500, false, undefined],
      [3, 1, 200, true, undefined],
    ]);
    expect(log[0]?.at).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('gives up on a receiver that does not answer within timeoutMs, recording status 0', async () => {
    await using app = await startLoopbackServer({
      handlers: [http.post('/hook', ({ request }) => faults.hang(request))],
    });
    const { dispatcher: d, log } = dispatcher();

    // The receiver never answers, so only the timeout can end the attempt: however late it fires under
    // load (before or after the request reached the receiver), the outcome is the same.
    const result = await d.deliver({ url: `${app.url}/hook`, timeoutMs: 50 }, { n: 1 });

    expect(result.status).toBe(0);
    expect(log[0]).toMatchObject({ status: 0, ok: false, error: expect.stringMatching(/timeout/i) });
  });

  it('aborts deliveries in flight when asked, and the next one goes out normally', async () => {
    let arrived: () => void = () => {};
    const slowArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    await using app = await startLoopbackServer({
      handlers: [
        http.post('/slow', ({ request }) => {
          arrived();
          return faults.hang(request);
        }),
        http.post('/fast', () => HttpResponse.text('ok')),
      ],
    });
    const { dispatcher: d, log } = dispatcher();

    const hanging = d.deliver({ url: `${app.url}/slow` }, { n: 1 });
    await slowArrived;
    d.abortInFlight();
    const after = d.deliver({ url: `${app.url}/fast` }, { n: 2 });

    expect((await hanging).status).toBe(0);
    expect((await after).status).toBe(200);
    expect(log.map((entry) => entry.error)).toEqual(['The emulator was closed', undefined]);
  });

  it('redelivers an unaccepted webhook the given number of times through the scheduler', async () => {
    let calls = 0;
    await using app = await startLoopbackServer({
      handlers: [http.post('/hook', () => HttpResponse.text('', { status: ++calls < 3 ? 503 : 204 }))],
    });
    const { dispatcher: d, log, scheduler } = dispatcher();

    await d.deliver({ url: `${app.url}/hook`, redeliver: { attempts: 5, delayMs: 60_000 } }, { n: 1 });
    expect(scheduler.pendingCount).toBe(1);
    await scheduler.flush();
    await d.drain();

    expect(log.map((entry) => [entry.attempt, entry.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 204],
    ]);
    expect(scheduler.pendingCount).toBe(0);
  });
});

describe('checkDispatchOptions', () => {
  it('refuses targets that could never work, naming the field', () => {
    expect(() => checkDispatchOptions('setWebhook', { url: '/relative' })).toThrow(
      'setWebhook: webhook url must be an absolute URL, got "/relative"',
    );
    expect(() => checkDispatchOptions('setWebhook', { url: 'ftp://x.example/hook' })).toThrow(/http\(s\)/);
    expect(() => checkDispatchOptions('setWebhook', { url: 'http://x.example', timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
    expect(() =>
      checkDispatchOptions('setWebhook', {
        url: 'http://x.example',
        redeliver: { attempts: 1.5, delayMs: 0 },
      }),
    ).toThrow(/redeliver\.attempts/);
    expect(() =>
      checkDispatchOptions('setWebhook', {
        url: 'http://x.example',
        redeliver: { attempts: 1, delayMs: -1 },
      }),
    ).toThrow(/redeliver\.delayMs/);
    expect(() =>
      checkDispatchOptions('setWebhook', {
        url: 'https://x.example/h',
        redeliver: { attempts: 0, delayMs: 0 },
      }),
    ).not.toThrow();
  });
});
