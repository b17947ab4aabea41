import { type fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { anyValue, expectSameValue, expectValidationError, mutated } from '../__fixtures__/fuzz-values.js';
import type { SafeParsable } from '../errors/from-zod.js';
import { parseOrThrow } from '../errors/from-zod.js';
import {
  listedTemplate,
  templateDefinition,
  templateMessage,
  unchanged,
  type Valid,
  validBulkRequest,
  validContactInput,
  validInboundEvent,
  validOutboundMessage,
  validSendResult,
} from './__fixtures__/model-arbitraries.js';
import { contactInputSchema } from './contact.js';
import { inboundEventSchema } from './inbound-event.js';
import { outboundMessageSchema } from './outbound-message.js';
import { bulkRequestSchema, sendResultSchema } from './send-result.js';
import { templateDefinitionSchema, templateSchema } from './template.js';
import { templateMessageSchema } from './template-message.js';

const RUNS = 200;

interface Target {
  schema: SafeParsable;
  valid: fc.Arbitrary<Valid>;
}

const targets: Record<string, Target> = {
  outboundMessageSchema: { schema: outboundMessageSchema, valid: validOutboundMessage },
  bulkRequestSchema: { schema: bulkRequestSchema, valid: validBulkRequest },
  contactInputSchema: { schema: contactInputSchema, valid: validContactInput },
  sendResultSchema: { schema: sendResultSchema, valid: validSendResult },
  inboundEventSchema: { schema: inboundEventSchema, valid: validInboundEvent },
  templateMessageSchema: { schema: templateMessageSchema, valid: unchanged(templateMessage) },
  templateDefinitionSchema: { schema: templateDefinitionSchema, valid: unchanged(templateDefinition) },
  templateSchema: { schema: templateSchema, valid: unchanged(listedTemplate) },
};

/** parseOrThrow's outcome: the parsed value, or a well-formed ValidationError (anything else fails). */
function parseOutcome(schema: SafeParsable, value: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseOrThrow(schema, value, { what: 'fuzz input', provider: 'fuzz' }) };
  } catch (error) {
    expectValidationError(error);
    return { ok: false };
  }
}

/** A parsed value parses again to itself: validation is idempotent. */
function expectStable(schema: SafeParsable, parsed: unknown): void {
  const again = parseOutcome(schema, parsed);
  expect(again.ok, 'the parsed value is valid').toBe(true);
  if (again.ok) expectSameValue(again.value, parsed);
}

describe.each(Object.entries(targets))('%s fuzz', (_name, { schema, valid }) => {
  test.prop([anyValue], fuzzParameters(RUNS))(
    'any value parses or gives a ValidationError with well-formed paths',
    (value) => {
      const outcome = parseOutcome(schema, value);
      if (outcome.ok) expectStable(schema, outcome.value);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([mutated(valid.map(({ input }) => input))], fuzzParameters(RUNS))(
    'mutated valid values parse or give a ValidationError with well-formed paths',
    (value) => {
      const outcome = parseOutcome(schema, value);
      if (outcome.ok) expectStable(schema, outcome.value);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([valid], fuzzParameters(RUNS))(
    'valid values parse to the normalized value, which parses to itself',
    ({ input, expected }) => {
      const outcome = parseOutcome(schema, input);
      expect(outcome.ok, 'a valid value parses').toBe(true);
      if (!outcome.ok) return;
      expectSameValue(outcome.value, expected);
      expectStable(schema, outcome.value);
    },
    fuzzTimeoutMs(RUNS),
  );
});
