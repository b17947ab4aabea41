// Property: whatever the providers answer (429, 503, 500, resets, timeouts, in any order, with
// circuits opening and half-opening), the router never lets one logical message reach the servers
// twice without an idempotency key. Counted on the server side: every send request answered by the
// emulator, or by a failure after which the server may have acted (500, reset, timeout).
import { createRouter } from '@switchboard/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fault, MAY_HAVE_SENT } from './__fixtures__/faulty-send-endpoint.js';
import { fuzzParameters, fuzzTimeoutMs } from './__fixtures__/fuzz-runs.js';
import { JOHN, type RouterHarness, startRouterHarness } from './__fixtures__/router-harness.js';

let h: RouterHarness;
beforeAll(async () => {
  h = await startRouterHarness();
});
afterAll(() => h.close());

const fault: fc.Arbitrary<Fault> = fc.oneof(
  { arbitrary: fc.constant('ok' as const), weight: 3 },
  { arbitrary: fc.constantFrom('429' as const, '503' as const), weight: 4 },
  { arbitrary: fc.constantFrom('500' as const, 'reset' as const), weight: 2 },
  { arbitrary: fc.constant('timeout' as const), weight: 1 },
);

const scenario = fc.record({
  watiFaults: fc.array(fault, { maxLength: 8 }),
  cloudFaults: fc.array(fault, { maxLength: 8 }),
  messages: fc.integer({ min: 1, max: 4 }),
  primary: fc.constantFrom('wati' as const, 'whatsapp-cloud' as const),
  policy: fc.constantFrom('priority' as const, 'round-robin' as const),
  /** Clock steps between sends, so circuits open, cool down and half-open. */
  steps: fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 4, maxLength: 4 }),
});

const RUNS = 25;

describe('no duplicate sends without an idempotency key', () => {
  it(
    'no sequence of failures makes one logical message reach a server twice',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          h.reset();
          h.watiFaults.queue.push(...s.watiFaults);
          h.cloudFaults.queue.push(...s.cloudFaults);
          let now = 0;
          const wati = h.watiProvider({ timeoutMs: 150 });
          const cloud = h.cloudProvider({ timeoutMs: 150 });
          const router = createRouter({
            providers: s.primary === 'wati' ? [wati, cloud] : [cloud, wati],
            policy: s.policy,
            circuitBreaker: { failureThreshold: 2, cooldownMs: 1_000, now: () => now },
          });
          try {
            for (let i = 0; i < s.messages; i++) {
              const before = { wati: h.watiFaults.log.length, cloud: h.cloudFaults.log.length };
              const outcome = await router
                .send({ type: 'text', to: JOHN, text: `logical message ${i}` })
                .then(
                  (result) => result.provider,
                  () => undefined,
                );
              const answered = [
                ...h.watiFaults.log.slice(before.wati).map((f) => ['wati', f] as const),
                ...h.cloudFaults.log.slice(before.cloud).map((f) => ['whatsapp-cloud', f] as const),
              ];
              const mayHaveSent = answered.filter(([, f]) => MAY_HAVE_SENT.has(f));
              expect(mayHaveSent.length).toBeLessThanOrEqual(1);
              if (outcome !== undefined) expect(mayHaveSent).toEqual([[outcome, 'ok']]);
              now += s.steps[i] ?? 0;
            }
          } finally {
            await router.close();
          }
        }),
        fuzzParameters(RUNS),
      );
    },
    fuzzTimeoutMs(RUNS),
  );

  it(
    'a repeated idempotency key never reaches a server again once a send succeeded',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          h.reset();
          h.watiFaults.queue.push(...s.watiFaults);
          h.cloudFaults.queue.push(...s.cloudFaults);
          const wati = h.watiProvider({ timeoutMs: 150 });
          const cloud = h.cloudProvider({ timeoutMs: 150 });
          const router = createRouter({
            providers: s.primary === 'wati' ? [wati, cloud] : [cloud, wati],
            policy: s.policy,
            circuitBreaker: false,
          });
          try {
            let first: string | undefined;
            for (let i = 0; i < s.messages; i++) {
              const before = h.watiFaults.log.length + h.cloudFaults.log.length;
              const id = await router
                .send({ type: 'text', to: JOHN, text: 'keyed message' }, { idempotencyKey: 'the-one' })
                .then(
                  (result) => result.id,
                  () => undefined,
                );
              const requests = h.watiFaults.log.length + h.cloudFaults.log.length - before;
              if (first !== undefined) {
                expect(requests).toBe(0);
                expect(id).toBe(first);
              }
              first ??= id;
            }
          } finally {
            await router.close();
          }
        }),
        fuzzParameters(RUNS),
      );
    },
    fuzzTimeoutMs(RUNS),
  );
});
