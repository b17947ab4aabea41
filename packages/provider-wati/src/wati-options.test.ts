import { fc } from '@fast-check/vitest';
import { createMatonGateway } from '@switchboard/maton';
import {
  describeOptionsSchemaOfGivenFields,
  plausibleTransportOptions,
} from '@switchboard/provider-test-kit';
import { runtimeOptionsSchema } from './wati-options.js';

/** Values each option is likely to hold, right or wrong. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  transport: fc.constantFrom('direct', 'maton', 'DIRECT'),
  apiKey: fc.constantFrom('maton-key-123456', 'Bearer maton-key-123456', '', ' '),
  token: fc.constantFrom('wati-token-123456', 'Bearer wati-token-123456', ''),
  baseUrl: fc.constantFrom('https://live-mt-server.wati.io/123456', 'http://127.0.0.1:9/1', 'ftp://x', ''),
  templateApi: fc.constantFrom('v1', 'v2', 'v3'),
  api: fc.constantFrom('legacy', 'v3', 'v2'),
  v3BaseUrl: fc.constantFrom('https://live-mt-server.wati.io', 'nope'),
  connectionId: fc.constantFrom('0f9b8f1c-4d52-4d39-9d4c-1d8b4b5b2f1e', ''),
  plan: fc.constantFrom('growth', 'pro', 'business', 'free'),
  sessionTextEncoding: fc.constantFrom('form', 'query', 'both', 'json'),
  templateCacheTtlMs: fc.oneof(fc.integer({ min: -1, max: 600_000 }), fc.constant(1.5)),
  webhookSecret: fc.oneof(
    fc.record({ value: fc.constantFrom('s3cret', '') }),
    fc.record({ value: fc.constant('s3cret'), header: fc.constantFrom('X-Wati-Secret', 'bad header') }),
  ),
  gateway: fc.constant(createMatonGateway({ apiKey: 'maton-key-123456' })),
  ...plausibleTransportOptions,
};

describeOptionsSchemaOfGivenFields(runtimeOptionsSchema, plausible);
