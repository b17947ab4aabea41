import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { buildDeep, canonicalJson, type DeepSpec, deepJson } from '../__fixtures__/fuzz-values.js';
import type { InboundEvent } from '../model/inbound-event.js';
import { createFakeProvider, SECRET, VERIFY_TOKEN } from './__fixtures__/fake-provider.js';
import { webhookEventKey } from './event-identity.js';
import { hmacSha256Hex } from './hmac.js';
import { DEFAULT_MAX_BODY_BYTES } from './raw-body.js';
import { createWebhookHandler } from './webhook-handler.js';

const RUNS = 300;
/** Deliveries thousands of levels deep: fewer runs, FUZZ_RUNS / 10 when set. */
const DEEP_RUNS = 30;
const DEEP_WEIGHT = 10;
const URL_BASE = 'https://hooks.example.com/webhooks/fake';
const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Requests

const method = fc.oneof(
  { weight: 4, arbitrary: fc.constant('POST') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'GET',
      'HEAD',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'post',
      'Post',
      'get',
      'head',
      'pOsT',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/) },
);

const headerName = fc.oneof(
  fc.constantFrom(
    'content-type',
    'content-length',
    'x-hub-signature-256',
    'X-Hub-Signature-256',
    'content-encoding',
  ),
  fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,16}$/),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
    maxLength: 20,
  }),
  fc.nat().map(String),
);

/** A fake delivery item: messages and statuses as the fake provider maps them, or any other kind (unknown events). */
const item: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ kind: fc.constant('message' as const), id: fc.string(), from: fc.string(), text: fc.string() }),
  fc.record({
    kind: fc.constant('status' as const),
    messageId: fc.string(),
    status: fc.constantFrom('sent' as const, 'delivered' as const, 'read' as const, 'failed' as const),
  }),
  fc
    .tuple(
      fc.oneof(fc.constant('other'), fc.string()),
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
    )
    .map(([kind, fields]) => ({ ...fields, kind: kind === 'message' || kind === 'status' ? 'other' : kind })),
);

/** A body as bytes, described by how it was made (deep values are built in the property, from their spec). */
type BodySpec =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'json'; text: string }
  | {
      kind: 'delivery';
      items: Record<string, unknown>[];
      deep: DeepSpec | null;
      splices: [number, number][];
    };

const deepSpec: fc.Arbitrary<DeepSpec> = fc.record({
  depth: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 50 }) },
    fc.integer({ min: 0, max: 3000 }),
  ),
  pattern: fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 }),
  keys: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  leaf: fc.jsonValue({ maxDepth: 1 }),
  siblings: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
});

const body: fc.Arbitrary<BodySpec> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 512 }) }),
  fc.record({ kind: fc.constant('json' as const), text: fc.oneof(fc.json(), fc.string({ unit: 'binary' })) }),
  fc.record({
    kind: fc.constant('delivery' as const),
    items: fc.array(item, { maxLength: 5 }),
    deep: fc.option(deepSpec),
    // Invalid UTF-8 spliced into an otherwise valid delivery: [position, byte].
    splices: fc.oneof(
      { weight: 4, arbitrary: fc.constant<[number, number][]>([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xc0, 0xed, 0xf8, 0xff)), {
          maxLength: 2,
        }),
      },
    ),
  }),
);

function bodyBytes(spec: BodySpec): Uint8Array {
  if (spec.kind === 'bytes') return spec.bytes;
  if (spec.kind === 'json') return utf8.encode(spec.text);
  const items: unknown[] = [...spec.items];
  if (spec.deep !== null) items.push({ kind: 'other', payload: buildDeep(spec.deep).value });
  // canonicalJson, not JSON.stringify: the payload may be nested deeper than JSON.stringify recurses.
  let bytes = utf8.encode(canonicalJson({ items }));
  for (const [at, byte] of spec.splices) {
    const index = at % (bytes.length + 1);
    const spliced = new Uint8Array(bytes.length + 1);
    spliced.set(bytes.subarray(0, index));
    spliced[index] = byte;
    spliced.set(bytes.subarray(index), index + 1);
    bytes = spliced;
  }
  return bytes;
}

const signatureMode = fc.oneof(
  { weight: 5, arbitrary: fc.constant('valid') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('valid-uppercase', 'wrong', 'absent', 'garbage', 'extra-header-only'),
  },
);

const scenario = fc.record({
  method,
  query: fc.record(
    {
      'hub.mode': fc.oneof(
        { weight: 3, arbitrary: fc.constant('subscribe') },
        fc.constantFrom('unsubscribe', ''),
      ),
      'hub.verify_token': fc.oneof({ weight: 3, arbitrary: fc.constant(VERIFY_TOKEN) }, fc.string()),
      'hub.challenge': fc.string(),
    },
    { requiredKeys: ['hub.challenge'] },
  ),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
  body,
  signature: signatureMode,
  garbage: fc.string(),
  /** Chunk sizes when the body is streamed; null sends it as one buffer. */
  chunks: fc.option(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 })),
  maxBodyBytes: fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.nat({ max: 4096 }) },
    { weight: 1, arbitrary: fc.nat({ max: 1 << 20 }) },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function streamOf(bytes: Uint8Array, sizes: readonly number[]): ReadableStream<Uint8Array> {
  let offset = 0;
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      const size = sizes[index++ % sizes.length] as number;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** The request a scenario describes, or undefined when Fetch itself refuses it (e.g. CONNECT, bad headers). */
function buildRequest(s: Scenario, bytes: Uint8Array): Request | undefined {
  const url = `${URL_BASE}?${new URLSearchParams(s.query as Record<string, string>)}`;
  const expected = hmacSha256Hex(SECRET, bytes);
  // Generated headers keep their own signature header only when no signature is chosen here.
  const headers = s.headers.filter(
    ([name]) => s.signature === 'extra-header-only' || name.toLowerCase() !== 'x-hub-signature-256',
  );
  const signatures: Record<string, string> = {
    valid: `sha256=${expected}`,
    'valid-uppercase': `sha256=${expected.toUpperCase()}`,
    wrong: `sha256=${hmacSha256Hex('wrong', bytes)}`,
    garbage: s.garbage,
  };
  const signature = signatures[s.signature];
  if (signature !== undefined) headers.push(['x-hub-signature-256', signature]);
  try {
    const withBody = !['GET', 'HEAD'].includes(s.method.toUpperCase());
    return new Request(url, {
      method: s.method,
      headers,
      ...(withBody ? { body: s.chunks === null ? bytes : streamOf(bytes, s.chunks), duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    return undefined;
  }
}

/** The status the fake provider's parse leads to for a signed body, or undefined outside what it models. */
function expectedParseStatus(bytes: Uint8Array): 200 | 400 | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 400;
  }
  const items = (payload as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return 400;
  // The fixture maps only object items (anything else makes it throw a TypeError, a 500).
  return items.every((entry) => typeof entry === 'object' && entry !== null) ? 200 : undefined;
}

function distinctKeys(events: readonly InboundEvent[]): number {
  return new Set(events.map(webhookEventKey)).size;
}

describe('createWebhookHandler fuzz', () => {
  test.prop([scenario], fuzzParameters(RUNS))(
    'any request gets a Response (200, 400, 401, 403, 405 or 413), never a throw or a 500',
    async (s) => {
      const bytes = bodyBytes(s.body);
      const request = buildRequest(s, bytes);
      fc.pre(request !== undefined);
      if (request === undefined) return;
      const upper = request.method.toUpperCase();
      const parseStatus = upper === 'POST' ? expectedParseStatus(bytes) : undefined;
      fc.pre(upper !== 'POST' || parseStatus !== undefined);

      const provider = createFakeProvider();
      const handled: InboundEvent[] = [];
      const errors: unknown[] = [];
      const handler = createWebhookHandler(provider, (event) => void handled.push(event), {
        onError: (error) => errors.push(error),
        ...(s.maxBodyBytes === undefined ? {} : { maxBodyBytes: s.maxBodyBytes }),
      });
      const signatureHeader = request.headers.get('x-hub-signature-256');
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);

      const response = await handler(request);
      const text = await response.text();
      expect(errors, 'onError is not called').toStrictEqual([]);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(hmacSha256Hex(SECRET, bytes));

      if (upper === 'GET' || upper === 'HEAD') {
        const accepted = s.query['hub.mode'] === 'subscribe' && s.query['hub.verify_token'] === VERIFY_TOKEN;
        expect(response.status).toBe(accepted ? 200 : 403);
        if (upper === 'HEAD') expect(text).toBe('');
        return;
      }
      if (upper !== 'POST') {
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
        return;
      }
      const limit = s.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      if (declared > limit || bytes.byteLength > limit) {
        expect(response.status).toBe(413);
        expect(provider.seenBodies).toHaveLength(0);
        return;
      }
      const expectedSignature = hmacSha256Hex(SECRET, bytes);
      const signed =
        signatureHeader?.startsWith('sha256=') === true &&
        signatureHeader.slice(7).toLowerCase() === expectedSignature;
      if (!signed) {
        expect(response.status).toBe(401);
        expect(handled).toStrictEqual([]);
        return;
      }
      expect(response.status).toBe(parseStatus);
      if (response.status !== 200) {
        expect(handled).toStrictEqual([]);
        return;
      }
      // Every distinct event once, in order; a redelivery of the same bytes is acknowledged without any.
      expect(handled.length).toBe(distinctKeys(handled));
      const before = handled.length;
      const again = await handler(
        new Request(URL_BASE, {
          method: 'POST',
          body: bytes,
          headers: { 'x-hub-signature-256': `sha256=${expectedSignature}` },
        }),
      );
      expect(again.status).toBe(200);
      expect(handled.length).toBe(before);
      expect(errors).toStrictEqual([]);
    },
    fuzzTimeoutMs(RUNS),
  );

  // Small siblings keep the bodies to a few hundred KB, under a maxBodyBytes raised for them anyway.
  const smallJson = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
  test.prop(
    [deepJson(5000, smallJson), fc.array(item, { maxLength: 3 })],
    fuzzParameters(DEEP_RUNS, DEEP_WEIGHT),
  )(
    'a signed delivery with a raw payload nested thousands of levels deep is handled once',
    async ({ value, reordered }, items) => {
      const provider = createFakeProvider();
      const handled: InboundEvent[] = [];
      const errors: unknown[] = [];
      const handler = createWebhookHandler(provider, (event) => void handled.push(event), {
        onError: (error) => errors.push(error),
        // Thousands of levels with siblings may exceed the default 1 MiB.
        maxBodyBytes: 16 * 1024 * 1024,
      });
      const deliver = async (payload: unknown) => {
        const bytes = utf8.encode(canonicalJson({ items: [...items, { kind: 'other', payload }] }));
        const signature = `sha256=${hmacSha256Hex(SECRET, bytes)}`;
        const request = new Request(URL_BASE, {
          method: 'POST',
          body: bytes,
          headers: { 'x-hub-signature-256': signature },
        });
        return (await handler(request)).status;
      };
      expect(await deliver(value)).toBe(200);
      const count = handled.length;
      expect(count).toBe(distinctKeys(handled));
      // The same event with its keys in another order is a redelivery, not a new event.
      expect(await deliver(reordered)).toBe(200);
      expect(handled.length).toBe(count);
      expect(errors).toStrictEqual([]);
    },
    fuzzTimeoutMs(DEEP_RUNS, DEEP_WEIGHT),
  );
});
