// The 24-hour window over the real adapters: WATI (window enforced by the emulator) refuses a session
// message outside the window at once, so withTemplateFallback sends the template; the WhatsApp Cloud
// API accepts it and reports 131047 later in a failed status, which the tracker exposes.
import {
  createRouter,
  createWindowTracker,
  type OutboundMessage,
  type SessionWindowClosedFailure,
  type TemplateFallbackReason,
  withTemplateFallback,
} from '@switchboard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOHN, type RouterHarness, startRouterHarness, WATI_NUMBER } from './__fixtures__/router-harness.js';

let h: RouterHarness;
beforeAll(async () => {
  h = await startRouterHarness({ wati: { sessionWindow: 'enforce' } });
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const text: OutboundMessage = { type: 'text', to: JOHN, text: 'Your table is ready' };
const watiTemplate = () => ({
  name: 'order_update',
  language: 'en',
  parameters: { name: 'John', ordernumber: 'A-42' },
});

describe('withTemplateFallback over WATI', () => {
  it('sends the template when the tracker has seen no message from the customer', async () => {
    const reasons: TemplateFallbackReason[] = [];
    const wati = withTemplateFallback(h.watiProvider(), {
      tracker: createWindowTracker(),
      fallback: watiTemplate,
      onFallback: ({ reason }) => reasons.push(reason),
    });
    await wati.send(text);
    expect(reasons).toEqual(['window_closed']);
    expect(h.wati.state.messages.at(-1)).toMatchObject({ kind: 'template' });
    expect(h.watiFaults.log).toEqual(['ok']); // no session attempt
    await wati.close();
  });

  it('falls back when WATI refuses the session message (session_window_closed, synchronously)', async () => {
    const tracker = createWindowTracker();
    const reasons: TemplateFallbackReason[] = [];
    const wati = withTemplateFallback(h.watiProvider(), {
      tracker,
      fallback: watiTemplate,
      unknownWindow: 'session',
      onFallback: ({ reason }) => reasons.push(reason),
    });
    const result = await wati.send({ ...text, to: '14155555678' });
    expect(result.provider).toBe('wati');
    expect(reasons).toEqual(['provider_refused']);
    expect(h.watiFaults.log).toEqual(['ok', 'ok']); // the refused session message, then the template
    expect(await tracker.window({ provider: 'wati', customer: '14155555678' })).toMatchObject({
      state: 'closed',
    });
    await wati.close();
  });

  it('sends the session message once the customer wrote (the tracker observed the webhook)', async () => {
    const tracker = createWindowTracker();
    const plain = h.watiProvider();
    h.receiveWith(plain);
    await h.wati.simulateInboundMessage({ from: JOHN, name: 'John', text: 'Is my table ready?' });
    for (const event of h.events) await tracker.observe(event);
    const window = await tracker.window({ provider: 'wati', businessNumber: WATI_NUMBER, customer: JOHN });
    expect(window.state).toBe('open');
    const wati = withTemplateFallback(plain, {
      tracker,
      fallback: watiTemplate,
      businessNumber: WATI_NUMBER,
    });
    await wati.send(text);
    expect(h.wati.state.messages.at(-1)).toMatchObject({ kind: 'session' });
    await wati.close();
  });

  it('composes with the router: each provider keeps its own window', async () => {
    const tracker = createWindowTracker();
    const router = createRouter({
      providers: [
        withTemplateFallback(h.watiProvider(), { tracker, fallback: watiTemplate }),
        h.cloudProvider(),
      ],
    });
    const result = await router.send(text);
    expect(result.provider).toBe('wati');
    expect(h.wati.state.messages.at(-1)).toMatchObject({ kind: 'template' });
    await router.close();
  });
});

describe('the WhatsApp Cloud API reports a closed window later (131047)', () => {
  it('the tracker exposes the failed status as a SessionWindowClosedFailure and marks the window closed', async () => {
    const failures: SessionWindowClosedFailure[] = [];
    const tracker = createWindowTracker({ onSessionWindowClosed: (failure) => void failures.push(failure) });
    const router = createRouter({ providers: [h.cloudProvider()] });
    h.receiveWith(router);
    const sent = await router.send(text); // Meta accepts a session message outside the window
    await h.cloud.flushWebhooks();
    await h.cloud.deliverStatus(sent.id, 'failed', { code: 131047, title: 'Re-engagement message' });
    const observed = [];
    for (const event of h.events) observed.push(await tracker.observe(event));
    const failure = observed.find((item) => item !== undefined);
    expect(failure).toMatchObject({ provider: 'whatsapp-cloud', messageId: sent.id, customer: JOHN });
    expect(failures).toHaveLength(1);
    expect(failure?.event.error?.category).toBe('session_window_closed');
    expect(await tracker.window({ provider: 'whatsapp-cloud', customer: JOHN })).toMatchObject({
      state: 'closed',
    });
    await router.close();
  });
});
