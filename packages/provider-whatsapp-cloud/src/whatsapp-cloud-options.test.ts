import { fc } from '@fast-check/vitest';
import { createMatonGateway } from '@switchboard/maton';
import {
  describeOptionsSchemaOfGivenFields,
  plausibleTransportOptions,
} from '@switchboard/provider-test-kit';
import { runtimeOptionsSchema } from './whatsapp-cloud-options.js';

/** Values each option is likely to hold, right or wrong. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  transport: fc.constantFrom('direct', 'maton', 'DIRECT'),
  apiKey: fc.constantFrom('maton-key-123456', 'Bearer maton-key-123456', '', 'Bearer '),
  accessToken: fc.constantFrom('token-123456', 'Bearer token-123456', '', ' '),
  phoneNumberId: fc.constantFrom('106540352242922', ' 106540352242922 ', '+1 555 0100', ''),
  businessAccountId: fc.constantFrom('102290129340398', 'waba', ''),
  apiVersion: fc.constantFrom('v21.0', 'v9', ''),
  connectionId: fc.constantFrom('0f9b8f1c-4d52-4d39-9d4c-1d8b4b5b2f1e', ''),
  baseUrl: fc.constantFrom('http://127.0.0.1:9', 'https://proxy.example.com/graph/', 'ftp://x', ''),
  appSecret: fc.constantFrom('app-secret', ''),
  verifyToken: fc.constantFrom('verify-token', ''),
  gateway: fc.constant(createMatonGateway({ apiKey: 'maton-key-123456' })),
  ...plausibleTransportOptions,
};

describeOptionsSchemaOfGivenFields(runtimeOptionsSchema, plausible);
