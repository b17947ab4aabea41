import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { anyValue, canonicalJson, deepJson, reverseKeys } from '../__fixtures__/fuzz-values.js';
import { ValidationError } from '../errors/errors.js';
import type { InboundEvent } from '../model/inbound-event.js';
import { webhookEventKey } from './event-identity.js';

const RUNS = 500;
/** Values thousands of levels deep: fewer runs, FUZZ_RUNS / 10 when set. */
const DEEP_RUNS = 50;
const DEEP_WEIGHT = 10;

function unknownEvent(raw: unknown, provider = 'fake'): InboundEvent {
  return { kind: 'unknown', provider, raw };
}

/** The key the docs promise for an unknown event: the sha256 of its JSON with sorted keys. */
function expectedKey(raw: unknown, provider = 'fake'): string {
  return `${provider}:unknown:${createHash('sha256').update(canonicalJson(raw)).digest('hex')}`;
}

describe('webhookEventKey fuzz', () => {
  test.prop([fc.jsonValue(), fc.string()], fuzzParameters(RUNS))(
    'any JSON raw gives the sha256 of its sorted-key JSON, whatever the key order',
    (raw, provider) => {
      const key = webhookEventKey(unknownEvent(raw, provider));
      expect(key).toBe(expectedKey(raw, provider));
      expect(webhookEventKey(unknownEvent(reverseKeys(raw), provider))).toBe(key);
      expect(webhookEventKey(unknownEvent(JSON.parse(JSON.stringify(raw)), provider))).toBe(key);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([fc.jsonValue(), fc.jsonValue()], fuzzParameters(RUNS))(
    'two JSON values share a key exactly when they are the same JSON up to key order',
    (a, b) => {
      const same = canonicalJson(a) === canonicalJson(b);
      expect(webhookEventKey(unknownEvent(a)) === webhookEventKey(unknownEvent(b))).toBe(same);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([deepJson(5000)], fuzzParameters(DEEP_RUNS, DEEP_WEIGHT))(
    'deeply nested raw (thousands of levels) gives a stable key, the same with keys reordered',
    ({ value, reordered }) => {
      const key = webhookEventKey(unknownEvent(value));
      expect(key).toBe(expectedKey(value));
      expect(webhookEventKey(unknownEvent(reordered))).toBe(key);
    },
    fuzzTimeoutMs(DEEP_RUNS, DEEP_WEIGHT),
  );

  test.prop([anyValue], fuzzParameters(RUNS))(
    'any in-process raw gives a stable string key or a ValidationError',
    (raw) => {
      let key: string;
      try {
        key = webhookEventKey(unknownEvent(raw));
      } catch (error) {
        if (!ValidationError.isInstance(error)) throw error;
        return;
      }
      expect(key).toMatch(/^fake:unknown:[0-9a-f]{64}$/);
      expect(webhookEventKey(unknownEvent(raw))).toBe(key);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [fc.string(), fc.string(), fc.string(), fc.constantFrom('sent', 'delivered', 'read', 'failed' as const)],
    fuzzParameters(RUNS),
  )(
    'message and status keys are built from their ids',
    (provider, id, messageId, status) => {
      const timestamp = new Date(0);
      const message: InboundEvent = {
        kind: 'message',
        provider,
        id,
        timestamp,
        message: { type: 'text', text: 'x' },
        raw: { any: 'thing' },
      };
      const update: InboundEvent = {
        kind: 'status',
        provider,
        messageId,
        providerIds: {},
        status,
        timestamp,
        raw: 1,
      };
      expect(webhookEventKey(message)).toBe(`${provider}:message:${id}`);
      expect(webhookEventKey(update)).toBe(`${provider}:status:${messageId}:${status}`);
    },
    fuzzTimeoutMs(RUNS),
  );
});
