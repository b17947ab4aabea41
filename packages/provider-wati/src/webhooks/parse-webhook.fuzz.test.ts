// Property fuzzing of WATI's webhooks.parse (issues #8.3 and #17): arbitrary requests, the real
// payloads of src/__fixtures__ (and @switchboard/testing's recorded ones) mutated, deep and huge
// values, invalid UTF-8, shared secrets right and wrong, and the same through core's
// createWebhookHandler. Run counts: FUZZ_RUNS and FUZZ_SEED (see @switchboard/provider-test-kit, tests/provider-kit/src/fuzz-runs.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import {
  createWebhookHandler,
  DEFAULT_MAX_BODY_BYTES,
  type InboundEvent,
  PayloadTooLargeError,
  type RawWebhookRequest,
} from '@switchboard/core';
import {
  adapterHeaderValue,
  attemptAsync,
  byteEdit,
  canonical,
  decodeBody,
  deepSpec,
  editBytes,
  errorKind,
  expectNoHang,
  expectNoSecret,
  expectTypedError,
  expectValidEvents,
  fieldNamesOf,
  fuzzParameters,
  fuzzTimeoutMs,
  headerName,
  headersCarriable,
  headerValue,
  hugeSpec,
  jsonSpelling,
  mutate,
  mutationOf,
  trickyString,
  type ValueSpec,
  writeJson,
} from '@switchboard/provider-test-kit';
import { toWatiBsuidEvent, watiWebhookPayloads } from '@switchboard/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWati, type WatiProvider } from '../wati-provider.js';

const RUNS = 200;

/** Secrets of the providers under test: long and distinctive, so no error or event shows them by chance. */
const TOKEN = 'wati-fuzz-token-Qm7Zr2vX9';
const WEBHOOK_SECRET = 'wati-fuzz-webhook-secret-K3p8Ld';
const SECRETS = [TOKEN, WEBHOOK_SECRET];
const SECRET_HEADER = 'x-switchboard-webhook-secret';
const URL_BASE = 'https://app.example.com/webhooks/wati';

const utf8 = new TextEncoder();

function provider(webhookSecret?: { value: string; header?: string; pathSegment?: boolean }): WatiProvider {
  return createWati({
    transport: 'direct',
    // Nothing listens there; webhooks make no request.
    baseUrl: 'http://127.0.0.1:9/123456',
    token: TOKEN,
    env: {},
    ...(webhookSecret === undefined ? {} : { webhookSecret }),
  });
}

/** No shared secret: every delivery is parsed. */
const open = provider();
/** The secret in the default header or as the last path segment. */
const guarded = provider({ value: WEBHOOK_SECRET, pathSegment: true });

// ---------------------------------------------------------------------------------------------
// Real payloads

function webhookFixtures(folder: URL): { name: string; value: unknown }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.startsWith('webhook-') && name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, value: JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as unknown }));
}

const FIXTURES = [
  ...webhookFixtures(new URL('../__fixtures__/', import.meta.url)),
  // The payloads recorded for @switchboard/testing's WATI emulator.
  ...webhookFixtures(new URL('../../../testing/src/wati/__fixtures__/', import.meta.url)),
];
const FIELD_NAMES = fieldNamesOf(FIXTURES.map((fixture) => fixture.value));

/** How a body is made from the fixtures: which ones (one event, or an array of them), edited how. */
const bodyPlan = (values: fc.Arbitrary<ValueSpec> | undefined = undefined) =>
  fc.record({
    fixtures: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    batch: fc.boolean(),
    mutations: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 5, arbitrary: fc.array(mutationOf(FIELD_NAMES, values), { minLength: 1, maxLength: 4 }) },
    ),
    spelling: jsonSpelling,
    edits: fc.oneof(
      { weight: 6, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(byteEdit, { minLength: 1, maxLength: 2 }) },
    ),
  });

type BodyPlan = typeof bodyPlan extends (...args: never[]) => fc.Arbitrary<infer T> ? T : never;

function bodyOf(plan: BodyPlan): Uint8Array {
  const payloads = plan.fixtures.map((index) => FIXTURES[index % FIXTURES.length]?.value);
  const value = mutate(plan.batch ? payloads : payloads[0], plan.mutations);
  return editBytes(utf8.encode(writeJson(value, plan.spelling)), plan.edits);
}

// ---------------------------------------------------------------------------------------------
// The oracle

/** Parses with `provider` and checks the outcome against what the body is (no secret involved). */
async function checkParse(
  subject: WatiProvider,
  request: Request | RawWebhookRequest,
  bytes: Uint8Array,
): Promise<InboundEvent[] | undefined> {
  const outcome = await attemptAsync(() => subject.webhooks.parse(request));
  expectNoHang(outcome, 'webhooks.parse');
  // A Fetch Request is read under core's default limit; bytes and text are taken whole.
  if (request instanceof Request && bytes.byteLength > DEFAULT_MAX_BODY_BYTES) {
    if (outcome.ok) expect.fail('a Request over the default body limit was parsed');
    expect(PayloadTooLargeError.isInstance(outcome.error), String(outcome.error)).toBe(true);
    return undefined;
  }
  // A header record may hold what no HTTP request carries: a ValidationError before anything else.
  if (!(request instanceof Request) && !headersCarriable(request.headers)) {
    if (outcome.ok) expect.fail('parsed a request whose headers HTTP cannot carry');
    expectTypedError(outcome.error, ['ValidationError'], SECRETS);
    return undefined;
  }
  const decoded = decodeBody(bytes);
  // WATI posts one JSON event per delivery; an array of events is accepted too.
  const accepted = decoded.kind === 'json' && typeof decoded.value === 'object' && decoded.value !== null;
  if (!outcome.ok) {
    const error = expectTypedError(outcome.error, ['ValidationError'], SECRETS);
    expect(accepted, `a JSON object or array was refused: ${error.message}`).toBe(false);
    return undefined;
  }
  expect(
    accepted,
    `accepted a body that is ${decoded.kind === 'json' ? 'a JSON scalar' : decoded.kind}`,
  ).toBe(true);
  const events = outcome.value;
  expectValidEvents(events, SECRETS);
  if (decoded.kind !== 'json') return events;
  // One event per payload, nothing dropped, each with its payload as `raw`.
  const payloads = Array.isArray(decoded.value) ? decoded.value : [decoded.value];
  expect(events).toHaveLength(payloads.length);
  events.forEach((event, index) => {
    expect(event.provider).toBe('wati');
    expect(canonical(event.raw)).toBe(canonical(payloads[index]));
  });
  return events;
}

// ---------------------------------------------------------------------------------------------
// Arbitrary requests

const anyHeaders: fc.Arbitrary<RawWebhookRequest['headers']> = fc.oneof(
  fc.dictionary(
    headerName([SECRET_HEADER, 'X-Switchboard-Webhook-Secret']),
    fc.oneof(
      { weight: 4, arbitrary: headerValue },
      { weight: 1, arbitrary: fc.array(headerValue, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: adapterHeaderValue },
    ),
    { maxKeys: 5 },
  ),
  fc
    .array(fc.tuple(headerName([SECRET_HEADER]), headerValue), { maxLength: 4 })
    .map((entries) => new Headers(entries)),
);

const anyBody: fc.Arbitrary<Uint8Array | string> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => writeJson(value)),
  trickyString,
);

const anyUrl = fc.option(
  fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), trickyString),
  {
    nil: undefined,
  },
);

/** The headers of a raw request as a Fetch request takes them (those it cannot carry left out). */
function headersInit(headers: RawWebhookRequest['headers']): Headers {
  if (headers instanceof Headers) return headers;
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    try {
      if (value !== undefined) result.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // Not Latin-1: no HTTP request carries it.
    }
  }
  return result;
}

function asBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? utf8.encode(body) : body;
}

// Events without a time of their own take the time of receipt: every parse of a file sees the same.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-06-01T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WATI webhooks.parse fuzz', () => {
  test.prop([anyBody, anyHeaders, anyUrl, fc.boolean()], fuzzParameters(RUNS))(
    'arbitrary raw requests: events that pass inboundEventSchema, or a ValidationError for what is not a JSON object',
    async (body, headers, url, asRequest) => {
      const bytes = asBytes(body);
      const request: Request | RawWebhookRequest = asRequest
        ? new Request(URL_BASE, { method: 'POST', body: bytes, headers: headersInit(headers) })
        : { body, headers, ...(url === undefined ? {} : { url }) };
      await checkParse(open, request, bytes);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([bodyPlan(), fc.boolean()], fuzzParameters(RUNS))(
    'mutated real payloads (fields dropped, duplicated, retyped; keys reordered; invalid UTF-8): only typed errors',
    async (plan, asRequest) => {
      const bytes = bodyOf(plan);
      const request: Request | RawWebhookRequest = asRequest
        ? new Request(URL_BASE, { method: 'POST', body: bytes })
        : { body: bytes, headers: { 'content-type': 'application/json' } };
      await checkParse(open, request, bytes);
    },
    fuzzTimeoutMs(RUNS),
  );

  const RUNS_DEEP = Math.ceil(RUNS / 4);
  test.prop(
    [bodyPlan(fc.oneof(deepSpec(50_000), hugeSpec(1_000_000))).filter((plan) => plan.mutations.length > 0)],
    fuzzParameters(RUNS_DEEP),
  )(
    'payloads with values nested up to 50 000 levels or strings of megabytes: parsed or refused, never a crash or a hang',
    async (plan) => {
      const bytes = bodyOf(plan);
      await checkParse(open, { body: bytes, headers: {} }, bytes);
    },
    fuzzTimeoutMs(RUNS_DEEP),
  );

  test.prop(
    [
      fc.nat(),
      fc.array(
        mutationOf(FIELD_NAMES, fc.record({ kind: fc.constant('string' as const), value: trickyString })),
        {
          maxLength: 2,
        },
      ),
      jsonSpelling,
      fc.boolean(),
    ],
    fuzzParameters(RUNS),
  )(
    're-serializing a payload (keys reordered, non-ASCII escaped, junk duplicate keys, whitespace) gives the same events',
    async (index, mutations, spelling, asRequest) => {
      const value = mutate(FIXTURES[index % FIXTURES.length]?.value, mutations);
      const original = utf8.encode(writeJson(value));
      const respelt = utf8.encode(writeJson(value, spelling));
      const first = await checkParse(open, { body: original, headers: {} }, original);
      const request = asRequest
        ? new Request(URL_BASE, { method: 'POST', body: respelt })
        : { body: respelt, headers: {} };
      const second = await checkParse(open, request, respelt);
      // Compared as canonical JSON: toStrictEqual takes an own "constructor" key (WATI and Meta payloads
      // may carry any key; found at 100,000 runs) for the object's class, so two equal raws differed.
      expect(canonical(second)).toBe(canonical(first));
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      fc.constantFrom(
        'messageReceived',
        'sessionMessageSent',
        'sessionMessageSentV2',
        'templateMessageSent',
        'templateMessageSentV2',
        'sentMessageDelivered',
        'sentMessageDeliveredV2',
        'sentMessageRead',
        'sentMessageReadV2',
        'sentMessageReplied',
        'sentMessageRepliedV2',
        'templateMessageFailed',
        'sessionMessageFailed',
      ),
      fc.record({
        id: fc.stringMatching(/^[0-9a-f]{24}$/),
        whatsappMessageId: fc.stringMatching(/^wamid\.[A-Za-z0-9=]{4,40}$/),
        localMessageId: fc.uuid(),
        waId: fc.stringMatching(/^[1-9][0-9]{7,14}$/),
        text: fc.string({ minLength: 1, maxLength: 100 }),
        timestamp: fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        failedCode: fc.constantFrom('131047', '131026', '132000', '470', 'constructor'),
        failedDetail: fc.string({ maxLength: 60 }),
      }),
      // Also as WATI's BSUID-first (`_bsuid`) variant, with or without the phone.
      fc.option(
        fc.record({ bsuid: fc.stringMatching(/^[A-Z]{2}\.[A-Za-z0-9]{1,40}$/), omitPhone: fc.boolean() }),
        {
          nil: undefined,
        },
      ),
    ],
    fuzzParameters(RUNS),
  )(
    "payloads built by the WATI emulator's builders (and their _bsuid variants) map to the event and status they stand for",
    async (builder, input, bsuid) => {
      const built = buildWatiPayload(builder, input) as Record<string, unknown>;
      const payload =
        bsuid === undefined
          ? built
          : toWatiBsuidEvent(built, {
              users: { [input.waId]: { bsuid: bsuid.bsuid } },
              omitPhone: bsuid.omitPhone,
            });
      const bytes = utf8.encode(JSON.stringify(payload));
      const events = await checkParse(open, { body: bytes, headers: {} }, bytes);
      const event = events?.[0];
      const expected = EXPECTED_EVENT[builder];
      expect(event?.kind).toBe(expected.kind);
      if (event?.kind === 'message') {
        expect(event.id).toBe(input.whatsappMessageId);
        expect(event.from).toBe(bsuid?.omitPhone === true ? undefined : input.waId);
        expect(event.fromUserId).toBe(bsuid?.bsuid);
        expect(event.message).toStrictEqual({ type: 'text', text: input.text });
      }
      if (event?.kind === 'status') {
        expect(event.status).toBe(expected.status);
        expect([input.id, input.localMessageId]).toContain(event.messageId);
        if (event.status === 'failed') expect(event.error?.code).toBe(input.failedCode);
      }
    },
    fuzzTimeoutMs(RUNS),
  );
});

// ---------------------------------------------------------------------------------------------
// Shared secrets

/** Where a delivery puts the secret, or something near it. */
const PRESENTATIONS = [
  'header',
  'header-padded',
  'header-other-case-name',
  'header-wrong',
  'header-prefix',
  'header-suffix',
  'header-upper',
  'header-twice',
  'header-other-name',
  'path',
  'path-encoded',
  'path-trailing-slash',
  'path-then-more',
  'path-wrong',
  'query',
  'none',
  'no-url',
] as const;
type Presentation = (typeof PRESENTATIONS)[number];

/** A secret the tests configure: at least 12 characters, with a marker no generated value contains. */
const configuredSecret = fc.oneof(
  { weight: 1, arbitrary: fc.constant(WEBHOOK_SECRET) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 6 }),
        fc.stringMatching(/^[A-Za-z0-9._~-]{4,20}$/),
        fc.constantFrom('', 'é', '👍', ' x', '%41', '/a', '?', '#'),
      )
      .map(([before, middle, after]) => `${before}wati-fuzz-secret-${middle}${after}`),
  },
);

const secretScenario = fc.record({
  secret: configuredSecret,
  header: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('X-Shared-Secret', 'x-wati-token'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
  ),
  pathSegment: fc.boolean(),
  presentation: fc.constantFrom(...PRESENTATIONS),
  wrong: fc.oneof(trickyString, fc.string({ minLength: 1, maxLength: 20 })),
  fixture: fc.nat(),
});

type SecretScenario = typeof secretScenario extends fc.Arbitrary<infer T> ? T : never;

/** True when a header can carry `value` exactly (HTTP trims values and takes Latin-1 only). */
function headerCarries(value: string): boolean {
  return /^[\u0021-\u00ff](?:[\u0020-\u00ff]*[\u0021-\u00ff])?$/.test(value) && value !== '';
}

/** The request of a scenario, and whether it carries the configured secret where the provider looks. */
function secretRequest(
  s: SecretScenario,
  body: Uint8Array,
): { request: RawWebhookRequest; carries: boolean } {
  const headerName = (s.header ?? SECRET_HEADER).toLowerCase();
  const encoded = encodeURIComponent(s.secret);
  const headers = new Headers({ 'content-type': 'application/json' });
  let url: string | undefined = URL_BASE;
  let carries = false;
  const setHeader = (name: string, value: string) => {
    if (headerCarries(value.trim())) headers.set(name, value);
  };
  switch (s.presentation as Presentation) {
    case 'header':
      setHeader(headerName, s.secret);
      carries = headerCarries(s.secret);
      break;
    case 'header-padded':
      setHeader(headerName, ` ${s.secret}\t`);
      carries = headerCarries(s.secret);
      break;
    case 'header-other-case-name':
      setHeader(headerName.toUpperCase(), s.secret);
      carries = headerCarries(s.secret);
      break;
    case 'header-wrong':
      setHeader(headerName, s.wrong);
      break;
    case 'header-prefix':
      setHeader(headerName, s.secret.slice(0, -1));
      break;
    case 'header-suffix':
      setHeader(headerName, `${s.secret}x`);
      break;
    case 'header-upper':
      setHeader(headerName, s.secret.toUpperCase());
      carries = s.secret.toUpperCase() === s.secret && headerCarries(s.secret);
      break;
    case 'header-twice':
      // Two values are joined with ", ": never the secret.
      setHeader(headerName, s.secret);
      if (headers.has(headerName)) headers.append(headerName, s.secret);
      break;
    case 'header-other-name':
      setHeader(`${headerName}-x`, s.secret);
      break;
    case 'path':
      url = `${URL_BASE}/${encoded}`;
      carries = s.pathSegment;
      break;
    case 'path-encoded':
      // Every character percent-encoded, even unreserved ones.
      url = `${URL_BASE}/${[...utf8.encode(s.secret)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')}`;
      carries = s.pathSegment;
      break;
    case 'path-trailing-slash':
      url = `${URL_BASE}/${encoded}/?a=1#frag`;
      carries = s.pathSegment;
      break;
    case 'path-then-more':
      url = `${URL_BASE}/${encoded}/more`;
      break;
    case 'path-wrong':
      // (A lone surrogate cannot be percent-encoded.)
      url = `${URL_BASE}/${encodeURIComponent(s.wrong.replace(/[\ud800-\udfff]/g, '\ufffd'))}`;
      break;
    case 'query':
      url = `${URL_BASE}?secret=${encoded}`;
      break;
    case 'none':
      break;
    case 'no-url':
      url = undefined;
      break;
  }
  return { request: { body, headers, ...(url === undefined ? {} : { url }) }, carries };
}

describe('WATI shared secret fuzz', () => {
  test.prop([secretScenario], fuzzParameters(RUNS))(
    'a delivery is parsed only with the configured secret in its header or path segment; else WebhookVerificationError without the secret',
    async (s) => {
      const subject = provider({
        value: s.secret,
        ...(s.header === undefined ? {} : { header: s.header }),
        pathSegment: s.pathSegment,
      });
      const payload = FIXTURES[s.fixture % FIXTURES.length]?.value;
      const body = utf8.encode(JSON.stringify(payload));
      const { request, carries } = secretRequest(s, body);
      const outcome = await attemptAsync(() => subject.webhooks.parse(request));
      expectNoHang(outcome, 'webhooks.parse');
      const secrets = [TOKEN, s.secret];
      if (outcome.ok) {
        expect(carries, `accepted a delivery presented as ${s.presentation}`).toBe(true);
        expectValidEvents(outcome.value, secrets);
      } else {
        expectTypedError(outcome.error, ['WebhookVerificationError'], secrets);
        expect(carries, `refused the secret presented as ${s.presentation}`).toBe(false);
      }
    },
    fuzzTimeoutMs(RUNS),
  );
});

// ---------------------------------------------------------------------------------------------
// createWebhookHandler

const handlerScenario = fc.record({
  plan: bodyPlan(),
  guarded: fc.boolean(),
  presentation: fc.constantFrom<Presentation>('header', 'path', 'header-wrong', 'none', 'path-wrong'),
  wrong: fc.string({ minLength: 1, maxLength: 12 }),
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constant('POST') },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'post') },
  ),
  oversized: fc.oneof(
    { weight: 12, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
});

describe('createWebhookHandler(WATI) fuzz', () => {
  test.prop([handlerScenario], fuzzParameters(RUNS))(
    'answers 200 with every event handled, 400, 401, 405 or 413; never 500, never onError, never a secret',
    async (s) => {
      let bytes = bodyOf(s.plan);
      if (s.oversized) bytes = editBytes(bytes, [{ kind: 'pad', text: ' '.repeat(DEFAULT_MAX_BODY_BYTES) }]);
      const subject = s.guarded ? guarded : open;
      const { request: raw } = secretRequest(
        {
          secret: WEBHOOK_SECRET,
          header: undefined,
          pathSegment: true,
          presentation: s.presentation,
          wrong: s.wrong,
          fixture: 0,
        },
        bytes,
      );
      const received: InboundEvent[] = [];
      const errors: unknown[] = [];
      const handler = createWebhookHandler(subject, (event) => void received.push(event), {
        dedupe: false,
        onError: (error) => void errors.push(error),
      });
      const method = s.method.toUpperCase();
      const request = new Request(raw.url ?? URL_BASE, {
        method: s.method,
        headers: raw.headers as Headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: bytes }),
      });
      const outcome = await attemptAsync(() => handler(request));
      expectNoHang(outcome, 'the webhook handler');
      if (!outcome.ok) throw outcome.error;
      const response = outcome.value;
      const text = await response.text();
      expectNoSecret([text, ...[...response.headers].flat()], SECRETS, 'the response');
      expect(errors, 'onError was called').toStrictEqual([]);

      if (method === 'GET' || method === 'HEAD') return void expect(response.status).toBe(200);
      if (method !== 'POST') return void expect(response.status).toBe(405);
      if (bytes.byteLength > DEFAULT_MAX_BODY_BYTES) return void expect(response.status).toBe(413);
      // What parse itself says about the same delivery.
      const direct = await attemptAsync(() => subject.webhooks.parse({ ...raw, body: bytes }));
      const kind = direct.ok ? undefined : errorKind(direct.error);
      const expected = direct.ok
        ? 200
        : kind === 'WebhookVerificationError'
          ? 401
          : kind === 'ValidationError'
            ? 400
            : 500;
      expect(expected, 'parse threw an untyped error').not.toBe(500);
      expect(response.status).toBe(expected);
      if (direct.ok) expect(received.map(canonical)).toStrictEqual(direct.value.map(canonical));
      else expect(received).toStrictEqual([]);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      fc.oneof(
        fc.webUrl({ withQueryParameters: true }),
        fc.string().map((path) => `${URL_BASE}/${encodeURIComponent(path)}`),
      ),
      fc.oneof(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'get'),
        fc.stringMatching(/^[A-Za-z]{1,8}$/),
      ),
      fc.boolean(),
    ],
    fuzzParameters(RUNS),
  )(
    'handleVerification answers GET and HEAD with 200 and anything else with 405, whatever the URL',
    (url, method, asString) => {
      let request: Request;
      try {
        request = new Request(url, { method });
      } catch {
        fc.pre(false);
        return;
      }
      const response = asString
        ? open.webhooks.handleVerification(url)
        : open.webhooks.handleVerification(request);
      const upper = asString ? 'GET' : request.method.toUpperCase();
      expect(response.status).toBe(upper === 'GET' || upper === 'HEAD' ? 200 : 405);
    },
    fuzzTimeoutMs(RUNS),
  );
});

// ---------------------------------------------------------------------------------------------
// Emulator payloads

type Builder = keyof typeof watiWebhookPayloads;

const EXPECTED_EVENT: Record<Builder, { kind: InboundEvent['kind']; status?: string }> = {
  messageReceived: { kind: 'message' },
  newContactMessageReceived: { kind: 'unknown' },
  sessionMessageSent: { kind: 'status', status: 'sent' },
  sessionMessageSentV2: { kind: 'status', status: 'sent' },
  templateMessageSent: { kind: 'status', status: 'sent' },
  templateMessageSentV2: { kind: 'status', status: 'sent' },
  sentMessageDelivered: { kind: 'status', status: 'delivered' },
  sentMessageDeliveredV2: { kind: 'status', status: 'delivered' },
  sentMessageRead: { kind: 'status', status: 'read' },
  sentMessageReadV2: { kind: 'status', status: 'read' },
  sentMessageReplied: { kind: 'status', status: 'read' },
  sentMessageRepliedV2: { kind: 'status', status: 'read' },
  templateMessageFailed: { kind: 'status', status: 'failed' },
  sessionMessageFailed: { kind: 'status', status: 'failed' },
};

interface BuilderInput {
  id: string;
  whatsappMessageId: string;
  localMessageId: string;
  waId: string;
  text: string;
  timestamp: Date;
  failedCode: string;
  failedDetail: string;
}

function buildWatiPayload(builder: Builder, input: BuilderInput): unknown {
  const common = {
    id: input.id,
    whatsappMessageId: input.whatsappMessageId,
    localMessageId: input.localMessageId,
    text: input.text,
    timestamp: input.timestamp,
  };
  switch (builder) {
    case 'messageReceived':
      return watiWebhookPayloads.messageReceived({
        type: 'text',
        text: input.text,
        waId: input.waId,
        id: input.id,
        whatsappMessageId: input.whatsappMessageId,
        timestamp: input.timestamp,
      });
    case 'newContactMessageReceived':
      return watiWebhookPayloads.newContactMessageReceived({
        waId: input.waId,
        id: input.id,
        created: input.timestamp,
      });
    case 'sessionMessageSent':
    case 'sessionMessageSentV2':
      return watiWebhookPayloads[builder]({ ...common, waId: input.waId });
    case 'templateMessageSent':
    case 'templateMessageSentV2':
      return watiWebhookPayloads[builder]({
        ...common,
        waId: input.waId,
        templateName: 'order_update',
        created: input.timestamp,
      });
    case 'templateMessageFailed':
    case 'sessionMessageFailed':
      return watiWebhookPayloads[builder]({
        ...common,
        failedCode: input.failedCode,
        failedDetail: input.failedDetail,
      });
    default:
      return watiWebhookPayloads[builder](common);
  }
}

// ---------------------------------------------------------------------------------------------
// Regressions: minimal counterexamples the fuzzing found, kept as examples

describe('WATI webhooks: regressions found by fuzzing', () => {
  it.each([{ 'content-type': '€' }, { 'x-custom': 'café ☕' }, { 'a b': 'x' }, { 'x-a': 'a\nb' }])(
    'a header record HTTP cannot carry (%j, as an adapter may pass on) is a ValidationError, not a TypeError',
    async (headers) => {
      const outcome = await attemptAsync(() => open.webhooks.parse({ body: '{}', headers }));
      if (outcome.ok) expect.fail('parsed a request whose headers HTTP cannot carry');
      expectTypedError(outcome.error, ['ValidationError'], SECRETS);
    },
  );

  const parseOne = async (payload: unknown) => {
    const bytes = utf8.encode(JSON.stringify(payload));
    const events = await checkParse(open, { body: bytes, headers: {} }, bytes);
    return events?.[0];
  };

  it('a failedCode named like an Object.prototype member ("constructor") has the category unknown', async () => {
    const event = await parseOne({ eventType: 'templateMessageFailed', id: 'a1', failedCode: 'constructor' });
    expect(event).toMatchObject({
      kind: 'status',
      status: 'failed',
      error: { code: 'constructor', category: 'unknown' },
    });
  });

  it('a failedCode too large for a double (JSON 1e999) is not an Infinity code', async () => {
    const bytes = utf8.encode('{"eventType":"sessionMessageFailed","id":"a1","failedCode":1e999}');
    const [event] = (await checkParse(open, { body: bytes, headers: {} }, bytes)) ?? [];
    expect(event).toMatchObject({ kind: 'status', status: 'failed', error: { category: 'unknown' } });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'an eventType %j is an unknown event, not a status',
    async (eventType) => {
      expect(await parseOne({ eventType, id: 'a1' })).toMatchObject({ kind: 'unknown' });
    },
  );

  it('a message type "constructor" is unsupported, not a media message', async () => {
    const event = await parseOne({
      eventType: 'message',
      id: 'a1',
      type: 'constructor',
      data: 'data/images/a.jpg',
    });
    expect(event).toMatchObject({ kind: 'message', message: { type: 'unsupported' } });
  });

  it('a file name with the extension ".constructor" has no MIME type', async () => {
    const event = await parseOne({
      eventType: 'message',
      id: 'a1',
      type: 'image',
      data: 'data/images/a.constructor',
    });
    expect(event).toMatchObject({
      kind: 'message',
      message: { type: 'image', media: { id: 'data/images/a.constructor' } },
    });
    expect(
      event?.kind === 'message' && event.message.type === 'image' && event.message.media.mimeType,
    ).toBeUndefined();
  });
});
