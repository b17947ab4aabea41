// Property fuzzing of the WhatsApp Cloud send input validation (issues #8.3 and #17): valid
// messages of every type, the same with fields dropped, duplicated or retyped, and anything at
// all, with odd per-call options, sent to a loopback Graph that counts requests. A refused message
// makes no request at all and is refused with a typed error only. Run counts: FUZZ_RUNS and
// FUZZ_SEED (see @switchboard/provider-test-kit, tests/provider-kit/src/fuzz-runs.ts).
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
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { graphHandlers, MATON_PREFIX } from './__fixtures__/graph-server.js';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from './whatsapp-cloud-provider.js';

const RUNS = 300;

const ACCESS_TOKEN = 'EAAGcloudFuzzSendToken-Qp2Lx8';
const MATON_KEY = 'cloud-fuzz-maton-key-Vb7Nm1';
const APP_SECRET = 'cloud-fuzz-send-app-secret-Jd5';
const VERIFY_TOKEN = 'cloud-fuzz-send-verify-Wz3Tq';
const SECRETS = [ACCESS_TOKEN, MATON_KEY, APP_SECRET, VERIFY_TOKEN];
const PHONE_NUMBER_ID = '106540352242922';

let server: LoopbackServer;
let providers: WhatsAppCloudProvider[] = [];

beforeAll(async () => {
  // Graph's answers to every endpoint, directly and under the Maton prefix.
  server = await startLoopbackServer({ handlers: [...graphHandlers(), ...graphHandlers(MATON_PREFIX)] });
  const common = {
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    retry: false,
    rateLimit: false,
    env: {},
  } as const;
  providers = [
    createWhatsAppCloud({ ...common, transport: 'direct', accessToken: ACCESS_TOKEN, baseUrl: server.url }),
    createWhatsAppCloud({
      ...common,
      transport: 'maton',
      apiKey: MATON_KEY,
      baseUrl: `${server.url}${MATON_PREFIX}`,
    }),
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

describe('WhatsApp Cloud send fuzz', () => {
  test.prop([message, sendOptions('whatsapp-cloud'), fc.nat()], fuzzParameters(RUNS))(
    'refuses with a typed error and no request at all, or sends exactly once (after uploading its bytes)',
    async (input, options, which) => {
      const provider = providers[which % providers.length] as WhatsAppCloudProvider;
      const before = canonical(input);
      server.clearRequests();
      const outcome = await attemptAsync(() =>
        provider.send(input as OutboundMessage, options as SendOptions),
      );
      expectNoHang(outcome, 'send');
      const requests = [...server.requests];
      const sends = requests.filter((request) => request.path.endsWith('/messages'));
      const uploads = requests.filter((request) => request.path.endsWith('/media'));
      const valid = outboundMessageSchema.safeParse(input);
      if (!outcome.ok) {
        const error = expectTypedError(
          outcome.error,
          ['ValidationError', 'UnsupportedFeatureError'],
          SECRETS,
        );
        // Every check (Meta's media rules included) comes before the upload and the send.
        expect(requests, `a refused message (${error.name}) made a request`).toHaveLength(0);
        if (!valid.success)
          expect(error.name, 'an invalid message is a ValidationError').toBe('ValidationError');
      } else {
        expect(valid.success, 'a message core refuses was sent').toBe(true);
        expect(sends).toHaveLength(1);
        expect(uploads.length).toBeLessThanOrEqual(1);
        expect(requests).toHaveLength(sends.length + uploads.length);
        expect(outcome.value).toMatchObject({ provider: 'whatsapp-cloud', status: 'accepted' });
        expect(outcome.value.id).toMatch(/^wamid\./);
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
