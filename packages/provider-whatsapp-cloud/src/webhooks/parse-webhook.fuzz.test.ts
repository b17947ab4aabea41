// Property fuzzing of the WhatsApp Cloud webhooks.parse (issues #8.3 and #17): arbitrary requests,
// the real payloads of src/__fixtures__ (and @switchboard/testing's recorded ones) mutated and
// signed with the app secret so the mapping itself is fuzzed, deep and huge values, invalid UTF-8,
// signatures right and wrong, the verification handshake, and the same through core's
// createWebhookHandler. Run counts: FUZZ_RUNS and FUZZ_SEED (see @switchboard/provider-test-kit, tests/provider-kit/src/fuzz-runs.ts).
import { createHmac } from 'node:crypto';
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
import { buildCloudMessageWebhook, buildCloudStatusWebhook } from '@switchboard/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { graphErrorRule } from '../graph-error-codes.js';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from '../whatsapp-cloud-provider.js';

const RUNS = 200;

/** Secrets of the providers under test: long and distinctive, so no error or event shows them by chance. */
const ACCESS_TOKEN = 'EAAGcloudFuzzAccessToken-Zr81Kq';
const APP_SECRET = 'cloud-fuzz-app-secret-7Yq2Lw';
const VERIFY_TOKEN = 'cloud-fuzz-verify-token-M4n9';
const SECRETS = [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN];
const PHONE_NUMBER_ID = '106540352242922';
const SIGNATURE_HEADER = 'x-hub-signature-256';
const URL_BASE = 'https://app.example.com/webhooks/whatsapp';

const utf8 = new TextEncoder();

function provider(appSecret: string | undefined): WhatsAppCloudProvider {
  return createWhatsAppCloud({
    transport: 'direct',
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    verifyToken: VERIFY_TOKEN,
    // Nothing listens there; webhooks make no request.
    baseUrl: 'http://127.0.0.1:9',
    env: {},
    ...(appSecret === undefined ? {} : { appSecret }),
  });
}

/** Verifies X-Hub-Signature-256 with APP_SECRET. */
const signed = provider(APP_SECRET);
/** No app secret: deliveries are not authenticated. */
const unsigned = provider(undefined);

/** `sha256=<hex>` of `bytes`, as Meta signs a delivery. */
function signatureOf(bytes: Uint8Array, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;
}

/** A delivery of `bytes` signed with APP_SECRET. */
function signedDelivery(bytes: Uint8Array, headers: Record<string, string> = {}): RawWebhookRequest {
  return {
    body: bytes,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureOf(bytes), ...headers },
  };
}

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
  // The payloads recorded for @switchboard/testing's WhatsApp Cloud emulator (contract fixtures).
  ...webhookFixtures(new URL('../../../testing/src/whatsapp-cloud/__fixtures__/contracts/', import.meta.url)),
];
const FIELD_NAMES = fieldNamesOf(FIXTURES.map((fixture) => fixture.value));

/** How a body is made from the fixtures: one delivery, or the entries of several merged into one. */
const bodyPlan = (values: fc.Arbitrary<ValueSpec> | undefined = undefined) =>
  fc.record({
    fixtures: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    merge: fc.boolean(),
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
  const payloads = plan.fixtures.map(
    (index) => FIXTURES[index % FIXTURES.length]?.value as { entry: unknown[] },
  );
  const base = plan.merge
    ? { object: 'whatsapp_business_account', entry: payloads.flatMap((payload) => payload.entry) }
    : payloads[0];
  return editBytes(utf8.encode(writeJson(mutate(base, plan.mutations), plan.spelling)), plan.edits);
}

// ---------------------------------------------------------------------------------------------
// The oracle

/** True for what the Cloud API posts: `{ object: "whatsapp_business_account", entry: [...] }`. */
function isDelivery(value: unknown): value is { entry: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as { object?: unknown }).object === 'whatsapp_business_account' &&
    Array.isArray((value as { entry?: unknown }).entry)
  );
}

/**
 * Parses `request` (signed with APP_SECRET when the provider verifies signatures) and checks the
 * outcome against what the body is.
 */
async function checkParse(
  subject: WhatsAppCloudProvider,
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
  const accepted = decoded.kind === 'json' && isDelivery(decoded.value);
  if (!outcome.ok) {
    const error = expectTypedError(outcome.error, ['ValidationError'], SECRETS);
    expect(accepted, `a delivery was refused: ${error.message}`).toBe(false);
    return undefined;
  }
  expect(accepted, 'accepted a body that is not a WhatsApp Business Account delivery').toBe(true);
  const events = outcome.value;
  expectValidEvents(events, SECRETS);
  if (decoded.kind !== 'json' || !isDelivery(decoded.value)) return events;
  // Every entry gives at least one event (an unknown one when nothing in it maps): nothing is dropped.
  expect(events.length).toBeGreaterThanOrEqual(decoded.value.entry.length);
  for (const event of events) {
    expect(event.provider).toBe('whatsapp-cloud');
    if (event.kind === 'message') expect(event.providerIds?.wamid).toBe(event.id);
    if (event.kind === 'status') expect(event.providerIds.wamid).toBe(event.messageId);
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// Arbitrary requests

const anyHeaders: fc.Arbitrary<RawWebhookRequest['headers']> = fc.oneof(
  fc.dictionary(
    headerName([SIGNATURE_HEADER, 'X-Hub-Signature-256', 'x-hub-signature']),
    fc.oneof(
      { weight: 4, arbitrary: headerValue },
      { weight: 1, arbitrary: fc.array(headerValue, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: adapterHeaderValue },
    ),
    { maxKeys: 5 },
  ),
  fc
    .array(fc.tuple(headerName([SIGNATURE_HEADER]), headerValue), { maxLength: 4 })
    .map((entries) => new Headers(entries)),
);

const anyBody: fc.Arbitrary<Uint8Array | string> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => writeJson(value)),
  fc
    .record({
      object: fc.oneof(fc.constant('whatsapp_business_account'), trickyString),
      entry: fc.jsonValue({ maxDepth: 3 }),
    })
    .map((value) => writeJson(value)),
  trickyString,
);

const anyUrl = fc.option(fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string()), { nil: undefined });

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

// Events without a time of their own would take the time of receipt; every parse of a file sees the same.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-06-01T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WhatsApp Cloud webhooks.parse fuzz', () => {
  test.prop([anyBody, anyHeaders, anyUrl, fc.boolean()], fuzzParameters(RUNS))(
    'arbitrary raw requests without an app secret: events that pass inboundEventSchema, or a ValidationError',
    async (body, headers, url, asRequest) => {
      const bytes = typeof body === 'string' ? utf8.encode(body) : body;
      const request: Request | RawWebhookRequest = asRequest
        ? new Request(URL_BASE, { method: 'POST', body: bytes, headers: headersInit(headers) })
        : { body, headers, ...(url === undefined ? {} : { url }) };
      await checkParse(unsigned, request, bytes);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([anyBody, anyHeaders], fuzzParameters(RUNS))(
    'arbitrary raw requests with an app secret: a WebhookVerificationError that shows no secret',
    async (body, headers) => {
      const outcome = await attemptAsync(() => signed.webhooks.parse({ body, headers }));
      expectNoHang(outcome, 'webhooks.parse');
      if (outcome.ok) expect.fail('an unsigned delivery was parsed');
      // Headers no HTTP request carries are refused first, as a ValidationError.
      expectTypedError(
        outcome.error,
        [headersCarriable(headers) ? 'WebhookVerificationError' : 'ValidationError'],
        SECRETS,
      );
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([bodyPlan(), fc.boolean(), fc.boolean()], fuzzParameters(RUNS))(
    'mutated real payloads, signed (fields dropped, duplicated, retyped; keys reordered; invalid UTF-8): only typed errors',
    async (plan, verify, asRequest) => {
      const bytes = bodyOf(plan);
      const raw = signedDelivery(bytes);
      const request: Request | RawWebhookRequest = asRequest
        ? new Request(URL_BASE, {
            method: 'POST',
            body: bytes,
            headers: raw.headers as Record<string, string>,
          })
        : raw;
      await checkParse(verify ? signed : unsigned, request, bytes);
    },
    fuzzTimeoutMs(RUNS),
  );

  const RUNS_DEEP = Math.ceil(RUNS / 4);
  test.prop(
    [bodyPlan(fc.oneof(deepSpec(50_000), hugeSpec(1_000_000))).filter((plan) => plan.mutations.length > 0)],
    fuzzParameters(RUNS_DEEP),
  )(
    'signed payloads with values nested up to 50 000 levels or strings of megabytes: parsed or refused, never a crash or a hang',
    async (plan) => {
      const bytes = bodyOf(plan);
      await checkParse(signed, signedDelivery(bytes), bytes);
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
    're-serializing a payload (keys reordered, non-ASCII escaped as Meta does, junk duplicate keys, whitespace) gives the same events',
    async (index, mutations, spelling, verify) => {
      const value = mutate(FIXTURES[index % FIXTURES.length]?.value, mutations);
      const original = utf8.encode(writeJson(value));
      const respelt = utf8.encode(writeJson(value, spelling));
      const subject = verify ? signed : unsigned;
      // Each spelling is signed over its own bytes, as Meta would have signed it.
      const first = await checkParse(subject, signedDelivery(original), original);
      const second = await checkParse(subject, signedDelivery(respelt), respelt);
      // Compared as canonical JSON: toStrictEqual takes an own "constructor" key (WATI and Meta payloads
      // may carry any key; found at 100,000 runs) for the object's class, so two equal raws differed.
      expect(canonical(second)).toBe(canonical(first));
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      fc.record({
        businessAccountId: fc.stringMatching(/^[1-9][0-9]{5,16}$/),
        phoneNumberId: fc.stringMatching(/^[1-9][0-9]{5,16}$/),
        displayPhoneNumber: fc.stringMatching(/^[1-9][0-9]{7,14}$/),
        messageId: fc.stringMatching(/^wamid\.[A-Za-z0-9+/=]{4,60}$/),
        status: fc.constantFrom(
          'sent' as const,
          'delivered' as const,
          'read' as const,
          'failed' as const,
          'played' as const,
        ),
        timestamp: fc.date({ min: new Date(0), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        recipientId: fc.option(fc.stringMatching(/^[1-9][0-9]{7,14}$/), { nil: undefined }),
        error: fc.record({
          code: fc.oneof(fc.constantFrom(131047, 131026, 130429, 131000, 368, 190), fc.nat()),
          title: fc.string({ minLength: 1, maxLength: 40 }),
        }),
      }),
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 30 }),
        text: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        from: fc.stringMatching(/^[1-9][0-9]{7,14}$/),
      }),
    ],
    fuzzParameters(RUNS),
  )(
    "deliveries built by the emulator's builders map field for field, signed or not",
    async (input, inbound) => {
      const seconds = Math.floor(input.timestamp.getTime() / 1000);
      const status = buildCloudStatusWebhook(input);
      const statusBytes = utf8.encode(JSON.stringify(status));
      const [event] = (await checkParse(signed, signedDelivery(statusBytes), statusBytes)) ?? [];
      expect(event).toMatchObject({
        kind: 'status',
        businessAccountId: input.businessAccountId,
        phoneNumberId: input.phoneNumberId,
        messageId: input.messageId,
        status: input.status === 'played' ? 'read' : input.status,
        timestamp: new Date(seconds * 1000),
        ...(input.recipientId === undefined ? {} : { to: input.recipientId }),
      });
      if (input.status === 'failed') {
        expect(event).toMatchObject({
          error: {
            code: input.error.code,
            title: input.error.title,
            category: graphErrorRule(input.error.code)?.category ?? 'unknown',
          },
        });
      }

      const message = buildCloudMessageWebhook({
        ...input,
        contact: { waId: inbound.from, name: inbound.name },
        message: {
          from: inbound.from,
          id: input.messageId,
          timestamp: String(seconds),
          type: 'text',
          text: { body: inbound.text },
        },
      });
      const messageBytes = utf8.encode(JSON.stringify(message));
      const [received] =
        (await checkParse(unsigned, { body: messageBytes, headers: {} }, messageBytes)) ?? [];
      expect(received).toMatchObject({
        kind: 'message',
        id: input.messageId,
        from: inbound.from,
        contactName: inbound.name,
        timestamp: new Date(seconds * 1000),
        message: { type: 'text', text: inbound.text },
      });
    },
    fuzzTimeoutMs(RUNS),
  );
});

// ---------------------------------------------------------------------------------------------
// Signatures

const SIGNATURE_KINDS = [
  'valid',
  'valid-upper-hex',
  'valid-padded',
  'prefix-upper',
  'no-prefix',
  'other-secret',
  'other-bytes',
  'sha1',
  'truncated',
  'extended',
  'missing',
  'empty',
  'garbage',
  'twice',
  'sha1-header-only',
] as const;
type SignatureKind = (typeof SIGNATURE_KINDS)[number];
const ACCEPTED: ReadonlySet<SignatureKind> = new Set(['valid', 'valid-upper-hex', 'valid-padded']);

/** The configured app secret: the fixed one, or any string of 12+ characters with a marker. */
const appSecret = fc.oneof(
  { weight: 1, arbitrary: fc.constant(APP_SECRET) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', minLength: 4, maxLength: 20 }))
      .map(([before, rest]) => `${before}cloud-fuzz-secret-${rest}`),
  },
);

const signatureScenario = fc.record({
  secret: appSecret,
  kind: fc.constantFrom(...SIGNATURE_KINDS),
  otherSecret: fc.oneof(
    fc.constantFrom('upper', 'lower', 'slice', 'suffix'),
    fc.string({ minLength: 1, maxLength: 30 }),
  ),
  garbage: headerValue,
  plan: bodyPlan(),
  asRequest: fc.boolean(),
});

type SignatureScenario = typeof signatureScenario extends fc.Arbitrary<infer T> ? T : never;

function otherSecretOf(s: SignatureScenario): string {
  const variants: Record<string, string> = {
    upper: s.secret.toUpperCase(),
    lower: s.secret.toLowerCase(),
    slice: s.secret.slice(1),
    suffix: `${s.secret} `,
  };
  const other = Object.hasOwn(variants, s.otherSecret) ? (variants[s.otherSecret] as string) : s.otherSecret;
  return other === s.secret ? `${other}x` : other;
}

/** The signature headers of a scenario. */
function signatureHeaders(s: SignatureScenario, bytes: Uint8Array): Record<string, string | string[]> {
  const valid = createHmac('sha256', s.secret).update(bytes).digest('hex');
  const other = new Uint8Array([...bytes, 0x20]);
  const values: Record<SignatureKind, string | string[] | undefined> = {
    valid: `sha256=${valid}`,
    'valid-upper-hex': `sha256=${valid.toUpperCase()}`,
    'valid-padded': ` \tsha256=${valid} `,
    'prefix-upper': `SHA256=${valid}`,
    'no-prefix': valid,
    'other-secret': `sha256=${createHmac('sha256', otherSecretOf(s)).update(bytes).digest('hex')}`,
    'other-bytes': `sha256=${createHmac('sha256', s.secret).update(other).digest('hex')}`,
    sha1: `sha256=${createHmac('sha1', s.secret).update(bytes).digest('hex')}`,
    truncated: `sha256=${valid.slice(0, 63)}`,
    extended: `sha256=${valid}0`,
    missing: undefined,
    empty: '',
    garbage: s.garbage,
    twice: [`sha256=${valid}`, `sha256=${valid}`],
    'sha1-header-only': undefined,
  };
  const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
  const value = values[s.kind];
  if (value !== undefined) headers[SIGNATURE_HEADER] = value;
  if (s.kind === 'sha1-header-only')
    headers['x-hub-signature'] = `sha1=${createHmac('sha1', s.secret).update(bytes).digest('hex')}`;
  return headers;
}

describe('WhatsApp Cloud signature fuzz', () => {
  test.prop([signatureScenario], fuzzParameters(RUNS))(
    'only an X-Hub-Signature-256 over the exact bytes with the app secret gets past verification; errors show no secret or digest',
    async (s) => {
      const subject = provider(s.secret);
      const bytes = bodyOf(s.plan);
      const headers = signatureHeaders(s, bytes);
      const request: Request | RawWebhookRequest = s.asRequest
        ? new Request(URL_BASE, { method: 'POST', body: bytes, headers: headersInit(headers) })
        : { body: bytes, headers };
      const outcome = await attemptAsync(() => subject.webhooks.parse(request));
      expectNoHang(outcome, 'webhooks.parse');
      const digest = createHmac('sha256', s.secret).update(bytes).digest('hex');
      const secrets = [ACCESS_TOKEN, VERIFY_TOKEN, s.secret, digest];
      const tooLarge = s.asRequest && bytes.byteLength > DEFAULT_MAX_BODY_BYTES;
      if (!ACCEPTED.has(s.kind) && !tooLarge) {
        if (outcome.ok) expect.fail(`a delivery signed as ${s.kind} was parsed`);
        expectTypedError(outcome.error, ['WebhookVerificationError'], secrets);
        return;
      }
      if (outcome.ok) return expectValidEvents(outcome.value, secrets);
      // Past verification, only the body can be wrong.
      expect(errorKind(outcome.error), String(outcome.error)).toBe('ValidationError');
      expectTypedError(outcome.error, ['ValidationError'], secrets);
      const decoded = decodeBody(bytes);
      expect(tooLarge || decoded.kind !== 'json' || !isDelivery(decoded.value)).toBe(true);
    },
    fuzzTimeoutMs(RUNS),
  );
});

// ---------------------------------------------------------------------------------------------
// Verification handshake and createWebhookHandler

describe('WhatsApp Cloud handshake and createWebhookHandler fuzz', () => {
  test.prop(
    [
      fc.record(
        {
          'hub.mode': fc.oneof(
            { weight: 3, arbitrary: fc.constant('subscribe') },
            fc.constantFrom('unsubscribe', '', 'SUBSCRIBE'),
            fc.string(),
          ),
          'hub.verify_token': fc.oneof(
            { weight: 3, arbitrary: fc.constant(VERIFY_TOKEN) },
            fc.constantFrom(
              VERIFY_TOKEN.toUpperCase(),
              ` ${VERIFY_TOKEN}`,
              VERIFY_TOKEN.slice(1),
              `${VERIFY_TOKEN}x`,
              '',
            ),
            fc.string(),
          ),
          'hub.challenge': fc.oneof(
            fc.stringMatching(/^[0-9]{1,12}$/),
            fc.string({ unit: 'binary' }),
            trickyString,
          ),
        },
        { requiredKeys: [] },
      ),
      fc.constantFrom('request', 'url', 'string', 'path-only'),
    ],
    fuzzParameters(RUNS),
  )(
    'handleVerification answers 200 with the challenge only for subscribe + the verify token; never throws, never shows the token',
    async (query, form) => {
      const search = new URLSearchParams(query as Record<string, string>).toString();
      const url = `${URL_BASE}?${search}`;
      const input =
        form === 'request'
          ? new Request(url)
          : form === 'url'
            ? new URL(url)
            : form === 'string'
              ? url
              : `/webhooks?${search}`;
      const response = signed.webhooks.handleVerification(input);
      // What the URL carries after encoding (lone surrogates become U+FFFD).
      const params = new URL(url).searchParams;
      const valid =
        params.get('hub.mode') === 'subscribe' &&
        params.get('hub.verify_token') === VERIFY_TOKEN &&
        (params.get('hub.challenge') ?? '') !== '';
      expect(response.status).toBe(valid ? 200 : 403);
      // Decoded keeping a leading U+FEFF: Response.text() strips a BOM, but the bytes carry it back to Meta.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      if (valid) expect(text).toBe(params.get('hub.challenge'));
      else expectNoSecret([text], [VERIFY_TOKEN], 'the 403 response');
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      // Without a verify token nothing is ever verified.
      expect(unsigned.webhooks.handleVerification(input).status === 200).toBe(valid);
    },
    fuzzTimeoutMs(RUNS),
  );

  const handlerScenario = fc.record({
    plan: bodyPlan(),
    verify: fc.boolean(),
    signature: fc.oneof(
      { weight: 4, arbitrary: fc.constant('valid' as const) },
      { weight: 1, arbitrary: fc.constantFrom('wrong' as const, 'missing' as const) },
    ),
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant('POST') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'post') },
    ),
    oversized: fc.oneof(
      { weight: 12, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  });

  test.prop([handlerScenario], fuzzParameters(RUNS))(
    'createWebhookHandler answers 200 with every event handled, 400, 401, 403, 405 or 413; never 500, never onError, never a secret',
    async (s) => {
      let bytes = bodyOf(s.plan);
      if (s.oversized) bytes = editBytes(bytes, [{ kind: 'pad', text: ' '.repeat(DEFAULT_MAX_BODY_BYTES) }]);
      const subject = s.verify ? signed : unsigned;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (s.signature === 'valid') headers[SIGNATURE_HEADER] = signatureOf(bytes);
      if (s.signature === 'wrong') headers[SIGNATURE_HEADER] = signatureOf(bytes, `${APP_SECRET}x`);
      const received: InboundEvent[] = [];
      const errors: unknown[] = [];
      const handler = createWebhookHandler(subject, (event) => void received.push(event), {
        dedupe: false,
        onError: (error) => void errors.push(error),
      });
      const method = s.method.toUpperCase();
      const request = new Request(`${URL_BASE}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`, {
        method: s.method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: bytes }),
      });
      const outcome = await attemptAsync(() => handler(request));
      expectNoHang(outcome, 'the webhook handler');
      if (!outcome.ok) throw outcome.error;
      const response = outcome.value;
      const text = await response.text();
      expectNoSecret([text, ...[...response.headers].flat()], SECRETS, 'the response');
      expect(errors, 'onError was called').toStrictEqual([]);

      if (method === 'GET' || method === 'HEAD') return void expect(response.status).toBe(403);
      if (method !== 'POST') return void expect(response.status).toBe(405);
      if (bytes.byteLength > DEFAULT_MAX_BODY_BYTES) return void expect(response.status).toBe(413);
      // What parse itself says about the same delivery.
      const direct = await attemptAsync(() => subject.webhooks.parse({ body: bytes, headers }));
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
});

// ---------------------------------------------------------------------------------------------
// Regressions: minimal counterexamples the fuzzing found, kept as examples

describe('WhatsApp Cloud webhooks: regressions found by fuzzing', () => {
  it.each([{ 'content-type': '€' }, { 'x-custom': 'café ☕' }, { 'a b': 'x' }, { 'x-a': 'a\nb' }])(
    'a header record HTTP cannot carry (%j, as an adapter may pass on) is a ValidationError, not a TypeError',
    async (headers) => {
      const outcome = await attemptAsync(() => unsigned.webhooks.parse({ body: '{}', headers }));
      if (outcome.ok) expect.fail('parsed a request whose headers HTTP cannot carry');
      expectTypedError(outcome.error, ['ValidationError'], SECRETS);
    },
  );

  const status = JSON.parse(
    readFileSync(new URL('../__fixtures__/webhook-status-delivered.json', import.meta.url), 'utf8'),
  );
  const contacts = JSON.parse(
    readFileSync(new URL('../__fixtures__/webhook-contacts-message.json', import.meta.url), 'utf8'),
  );
  const parseValue = async (value: unknown) => {
    const bytes = utf8.encode(JSON.stringify(value));
    return (await checkParse(signed, signedDelivery(bytes), bytes)) ?? [];
  };
  /** The delivered-status fixture with fields of its status item replaced. */
  const withStatus = (fields: Record<string, unknown>) => {
    const payload = mutate(status, []) as {
      entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[];
    };
    Object.assign(payload.entry[0]?.changes[0]?.value.statuses[0] ?? {}, fields);
    return payload;
  };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a status %j (named like an Object.prototype member) is an unknown event',
    async (name) => {
      const [event] = await parseValue(withStatus({ status: name }));
      expect(event?.kind).toBe('unknown');
    },
  );

  it.each(['99999999999999999999', 8.64e12 + 1, '1e21'])(
    'a status whose timestamp %j is past the last date JavaScript has is an unknown event, not an Invalid Date',
    async (timestamp) => {
      const [event] = await parseValue(withStatus({ timestamp }));
      expect(event?.kind).toBe('unknown');
    },
  );

  it('a failed status whose error code is a number too large for a double keeps the code as text', async () => {
    const failed = JSON.parse(
      readFileSync(new URL('../__fixtures__/webhook-status-failed.json', import.meta.url), 'utf8'),
    );
    const code = '9'.repeat(400);
    failed.entry[0].changes[0].value.statuses[0].errors[0].code = code;
    const [event] = await parseValue(failed);
    expect(event).toMatchObject({ kind: 'status', status: 'failed', error: { code, category: 'unknown' } });
  });

  it('a location whose coordinates overflow a double is unsupported, not an Infinity', async () => {
    const location = JSON.parse(
      readFileSync(new URL('../__fixtures__/webhook-location-message.json', import.meta.url), 'utf8'),
    );
    location.entry[0].changes[0].value.messages[0].location.latitude = '9'.repeat(400);
    const [event] = await parseValue(location);
    expect(event).toMatchObject({ kind: 'message', message: { type: 'unsupported' } });
  });

  it('a contact card with an email that is not one, or an impossible birthday, keeps the rest of the card', async () => {
    const payload = mutate(contacts, []) as typeof contacts;
    const card = payload.entry[0].changes[0].value.messages[0].contacts[0];
    card.emails = [{ email: 'not an email', type: 'WORK' }, { email: 'lucia@example.com' }];
    card.birthday = '1999-13-45';
    const [event] = await parseValue(payload);
    expect(event).toMatchObject({ kind: 'message', message: { type: 'contacts' } });
    const [parsed] =
      event?.kind === 'message' && event.message.type === 'contacts' ? event.message.contacts : [];
    expect(parsed?.emails).toStrictEqual([{ email: 'lucia@example.com' }]);
    expect(parsed?.birthday).toBeUndefined();
    expect(parsed?.name.formatted).toBe('Lucía Gómez');
  });
});
