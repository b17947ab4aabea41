// Every decision rule of the router, table-driven, over the real adapters against the emulators:
// the primary fails in one way, and the test checks what the router did (who sent, or which error
// it threw) and, on the server side, how many send requests each provider received.
import {
  createRouter,
  type ErrorCode,
  type MessagingProvider,
  type OutboundMessage,
  SwitchboardError,
} from '@switchboard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from './__fixtures__/faulty-send-endpoint.js';
import {
  JOHN,
  NOT_ON_WHATSAPP,
  type RouterHarness,
  startRouterHarness,
} from './__fixtures__/router-harness.js';

type ProviderId = 'wati' | 'whatsapp-cloud';

interface Row {
  rule: string;
  primary: ProviderId;
  /** What the primary's send endpoint answers ('refused': its base URL has no server). */
  fault?: Fault | 'refused' | 'bad-token';
  message?: OutboundMessage;
  idempotencyKey?: boolean;
  /** The provider that sent, or the code of the error the router threw. */
  expected: { sentBy: ProviderId | 'fallback' } | { thrown: ErrorCode };
  /** Send requests the primary's server received. */
  primaryRequests: number;
}

const text = (to = JOHN): OutboundMessage => ({ type: 'text', to, text: 'Your order shipped' });
const other = (id: ProviderId): ProviderId => (id === 'wati' ? 'whatsapp-cloud' : 'wati');
const graphError = (status: number, code: number, message: string): Fault => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbC' } },
});

const bothWays = (row: Omit<Row, 'primary'>): Row[] => [
  { ...row, primary: 'wati' },
  { ...row, primary: 'whatsapp-cloud' },
];

const rows: Row[] = [
  // Not sent, provably: fail over.
  ...bothWays({
    rule: '429 rate_limited fails over',
    fault: '429',
    expected: { sentBy: 'fallback' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: '503 provider_unavailable fails over',
    fault: '503',
    expected: { sentBy: 'fallback' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'a connection that never opened fails over',
    fault: 'refused',
    expected: { sentBy: 'fallback' },
    primaryRequests: 0,
  }),
  {
    rule: 'unsupported_feature (WATI cannot send a location) goes to a provider that can, without a request',
    primary: 'wati',
    message: { type: 'location', to: JOHN, latitude: 38.72, longitude: -9.14, name: 'Shop' },
    expected: { sentBy: 'whatsapp-cloud' },
    primaryRequests: 0,
  },
  // Ambiguous: thrown without a key, failed over with one.
  ...bothWays({
    rule: 'a reset after the write is thrown',
    fault: 'reset',
    expected: { thrown: 'network_error' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'a reset after the write fails over with an idempotencyKey',
    fault: 'reset',
    idempotencyKey: true,
    expected: { sentBy: 'fallback' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'a 500 is thrown',
    fault: '500',
    expected: { thrown: 'provider_unavailable' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'a 500 fails over with an idempotencyKey',
    fault: '500',
    idempotencyKey: true,
    expected: { sentBy: 'fallback' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'a timeout is thrown',
    fault: 'timeout',
    expected: { thrown: 'timeout' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'a timeout fails over with an idempotencyKey',
    fault: 'timeout',
    idempotencyKey: true,
    expected: { sentBy: 'fallback' },
    primaryRequests: 1,
  }),
  // Final: thrown, even with a key.
  {
    rule: 'invalid_recipient is thrown (WATI: not on WhatsApp)',
    primary: 'wati',
    message: text(NOT_ON_WHATSAPP),
    idempotencyKey: true,
    expected: { thrown: 'invalid_recipient' },
    primaryRequests: 1,
  },
  {
    rule: 'invalid_recipient is thrown (Cloud 131026)',
    primary: 'whatsapp-cloud',
    fault: graphError(400, 131026, 'Message undeliverable'),
    idempotencyKey: true,
    expected: { thrown: 'invalid_recipient' },
    primaryRequests: 1,
  },
  ...bothWays({
    rule: 'template_not_found is thrown',
    message: { type: 'template', to: JOHN, template: { name: 'no_such_template', language: 'en' } },
    idempotencyKey: true,
    expected: { thrown: 'template_not_found' },
    primaryRequests: 1,
  }),
  {
    rule: 'session_window_closed is thrown (WATI: no open ticket)',
    primary: 'wati',
    message: text('14155559999'),
    idempotencyKey: true,
    expected: { thrown: 'session_window_closed' },
    primaryRequests: 1,
  },
  ...bothWays({
    rule: 'auth_failed is thrown',
    fault: 'bad-token',
    idempotencyKey: true,
    expected: { thrown: 'auth_failed' },
    primaryRequests: 1,
  }),
  ...bothWays({
    rule: 'validation_failed is thrown by the router before any request',
    message: { type: 'text', to: JOHN, text: 'x'.repeat(5000) },
    idempotencyKey: true,
    expected: { thrown: 'validation_failed' },
    primaryRequests: 0,
  }),
];

let h: RouterHarness;
beforeAll(async () => {
  h = await startRouterHarness();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

function provider(id: ProviderId, fault: Row['fault']): MessagingProvider {
  const timeoutMs = fault === 'timeout' ? 300 : undefined;
  if (id === 'wati') {
    return h.watiProvider({
      ...(fault === 'refused' ? { baseUrl: `${h.closedUrl}/123456` } : {}),
      ...(fault === 'bad-token' ? { token: 'wrong-token' } : {}),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  }
  return h.cloudProvider({
    ...(fault === 'refused' ? { baseUrl: h.closedUrl } : {}),
    ...(fault === 'bad-token' ? { accessToken: 'wrong-token' } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

describe('failover rules over the real adapters', () => {
  let counter = 0;
  it.each(rows)('$rule (primary $primary)', async (row) => {
    const fallbackId = other(row.primary);
    const endpoints = { wati: h.watiFaults, 'whatsapp-cloud': h.cloudFaults };
    if (row.fault !== undefined && typeof row.fault !== 'string')
      endpoints[row.primary].queue.push(row.fault);
    else if (row.fault !== undefined && !['refused', 'bad-token'].includes(row.fault)) {
      endpoints[row.primary].queue.push(row.fault as Fault);
    }
    const router = createRouter({
      providers: [provider(row.primary, row.fault), provider(fallbackId, undefined)],
      circuitBreaker: false,
    });
    counter += 1;
    const options = row.idempotencyKey === true ? { idempotencyKey: `rule-${counter}` } : {};
    const outcome = await router.send(row.message ?? text(), options).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    const primaryLog = endpoints[row.primary].log;
    const fallbackLog = endpoints[fallbackId].log;
    expect(primaryLog).toHaveLength(row.primaryRequests);
    if ('sentBy' in row.expected) {
      const sentBy = row.expected.sentBy === 'fallback' ? fallbackId : row.expected.sentBy;
      if (!('result' in outcome)) throw outcome.error;
      expect(outcome.result.provider).toBe(sentBy);
      expect(router.id).toBe('router');
      expect(fallbackLog).toEqual(sentBy === fallbackId ? ['ok'] : []);
    } else {
      expect('error' in outcome).toBe(true);
      const error = (outcome as { error: unknown }).error;
      expect(SwitchboardError.isInstance(error)).toBe(true);
      expect((error as SwitchboardError).code).toBe(row.expected.thrown);
      // A thrown error never reached the fallback.
      expect(fallbackLog).toEqual([]);
    }
    await router.close();
  });
});
