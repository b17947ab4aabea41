// Property fuzzing of WATI's send input validation (issues #8.3 and #17): valid messages of every
// type, the same with fields dropped, duplicated or retyped, and anything at all, with odd
// per-call options, sent to a loopback WATI that counts requests. A refused message makes no send
// request (an invalid one no request at all) and is refused with a typed error only. Run counts:
// FUZZ_RUNS and FUZZ_SEED (see @switchboard/provider-test-kit, tests/provider-kit/src/fuzz-runs.ts).
import { fc, test } from '@fast-check/vitest';
import { type OutboundMessage, outboundMessageSchema, type SendOptions } from '@switchboard/core';
import {
  arbitraryMessage,
  attemptAsync,
  canonical,
  expectNoHang,
  expectTypedError,
  fuzzParameters,
  fuzzTimeoutMs,
  mutate,
  mutatedMessage,
  sendOptions,
  validMessage,
} from '@switchboard/provider-test-kit';
import { type LoopbackServer, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/wati-server.js';
import { createWati, type WatiProvider } from './wati-provider.js';

const RUNS = 300;

const TOKEN = 'wati-fuzz-send-token-Xw4Pq9';
const MATON_KEY = 'wati-fuzz-maton-key-Hk6t3R';
const SECRETS = [TOKEN, MATON_KEY];
const TEMPLATE_LIST = '/api/v1/getMessageTemplates';

let server: LoopbackServer;
let providers: WatiProvider[] = [];

/** WATI's answers: the template list, a template send, and a session send for everything else. */
const answers = http.all('*', ({ request }) => {
  const path = new URL(request.url).pathname;
  if (path.endsWith(TEMPLATE_LIST)) return HttpResponse.json(fixture('get-message-templates-response.json'));
  if (path.endsWith('/api/v2/sendTemplateMessage'))
    return HttpResponse.json(fixture('send-template-v2-response.json'));
  if (path.endsWith('/api/v1/sendTemplateMessage'))
    return HttpResponse.json(fixture('send-template-v1-response.json'));
  return HttpResponse.json(fixture('send-session-message-response.json'));
});

beforeAll(async () => {
  server = await startLoopbackServer({ handlers: [answers] });
  const common = { retry: false, rateLimit: false, env: {} } as const;
  providers = [
    createWati({ ...common, transport: 'direct', baseUrl: `${server.url}/123456`, token: TOKEN }),
    createWati({
      ...common,
      transport: 'direct',
      baseUrl: `${server.url}/123456`,
      token: TOKEN,
      templateApi: 'v1',
      sessionTextEncoding: 'query',
    }),
    createWati({ ...common, transport: 'maton', baseUrl: `${server.url}/wati`, apiKey: MATON_KEY }),
  ];
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server?.close();
});

const message = fc.oneof(
  { weight: 4, arbitrary: validMessage },
  { weight: 3, arbitrary: mutatedMessage.map(({ message: valid, mutations }) => mutate(valid, mutations)) },
  { weight: 2, arbitrary: arbitraryMessage },
);

describe('WATI send fuzz', () => {
  test.prop([message, sendOptions('wati'), fc.nat()], fuzzParameters(RUNS))(
    'refuses with a typed error and no send request (an invalid message with no request at all), or sends exactly once',
    async (input, options, which) => {
      const provider = providers[which % providers.length] as WatiProvider;
      const before = canonical(input);
      server.clearRequests();
      const outcome = await attemptAsync(() =>
        provider.send(input as OutboundMessage, options as SendOptions),
      );
      expectNoHang(outcome, 'send');
      const requests = [...server.requests];
      // Positional template parameters are named from the template list (a read), before any send.
      const sends = requests.filter((request) => !request.path.endsWith(TEMPLATE_LIST));
      const valid = outboundMessageSchema.safeParse(input);
      if (!outcome.ok) {
        const error = expectTypedError(
          outcome.error,
          ['ValidationError', 'UnsupportedFeatureError'],
          SECRETS,
        );
        expect(sends, `a refused message (${error.name}) was sent`).toHaveLength(0);
        if (!valid.success) {
          expect(error.name, 'an invalid message is a ValidationError').toBe('ValidationError');
          expect(requests, 'an invalid message made a request').toHaveLength(0);
        }
      } else {
        expect(valid.success, 'a message core refuses was sent').toBe(true);
        expect(sends).toHaveLength(1);
        expect(outcome.value).toMatchObject({ provider: 'wati', status: 'accepted' });
        expect(typeof outcome.value.id).toBe('string');
        if (valid.success) expect(outcome.value.to).toBe(valid.data.to);
      }
      expect(server.unhandledRequests).toHaveLength(0);
      expect(server.handlerErrors).toHaveLength(0);
      // send reads its input and never changes it.
      expect(canonical(input)).toBe(before);
    },
    fuzzTimeoutMs(RUNS),
  );
});

// ---------------------------------------------------------------------------------------------
// Regressions: minimal counterexamples the fuzzing found, kept as examples

describe('WATI send: regressions found by fuzzing', () => {
  it.each(['\udfff', 'a\ud800b', '👍\udc4d'])(
    'a text with a lone surrogate (%j) is sent, not a URIError from encoding the query',
    async (text) => {
      server.clearRequests();
      const outcome = await attemptAsync(() =>
        (providers[0] as WatiProvider).send({ type: 'text', to: '14155551234', text }),
      );
      if (!outcome.ok) throw outcome.error;
      const [request] = server.requests;
      // Encoded as the URL standard encodes it: the lone surrogate as U+FFFD.
      expect(request?.query.get('messageText')).toBe(new URLSearchParams({ text }).get('text'));
      expect(request?.query.get('messageText')).toContain('\ufffd');
    },
  );
});
