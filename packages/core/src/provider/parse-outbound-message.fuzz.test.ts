import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { anyValue, mutated } from '../__fixtures__/fuzz-values.js';
import { ValidationError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { validOutboundMessage } from '../model/__fixtures__/model-arbitraries.js';
import { OUTBOUND_MESSAGE_TYPES, outboundMessageSchema } from '../model/outbound-message.js';
import { parseOutboundMessage } from './validate-send.js';

const RUNS = 300;
const options = { what: 'message', provider: 'fuzz' };

/** The value, or the ValidationError's message and issues: what a caller can observe. */
function outcome(parse: () => unknown): unknown {
  try {
    return { value: parse() };
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const { message, issues } = error as ValidationError;
    return { message, issues };
  }
}

function expectSameAsUnion(input: unknown): void {
  expect(outcome(() => parseOutboundMessage(input, options))).toEqual(
    outcome(() => parseOrThrow(outboundMessageSchema, input, options)),
  );
}

/** Known and unknown types, on otherwise valid or broken messages. */
const retyped = fc
  .tuple(validOutboundMessage, fc.oneof(fc.constantFrom(...OUTBOUND_MESSAGE_TYPES), anyValue))
  .map(([{ input }, type]) => ({ ...(input as object), type }));

// parseOutboundMessage builds one variant's schema instead of the union's 18: it must not change
// what a caller sees, valid or not.
describe('parseOutboundMessage gives what the union gives', () => {
  test.prop([validOutboundMessage.map(({ input }) => input)], fuzzParameters(RUNS))(
    'valid messages',
    expectSameAsUnion,
    fuzzTimeoutMs(RUNS),
  );
  test.prop([mutated(validOutboundMessage.map(({ input }) => input))], fuzzParameters(RUNS))(
    'mutated messages',
    expectSameAsUnion,
    fuzzTimeoutMs(RUNS),
  );
  test.prop([retyped], fuzzParameters(RUNS))(
    'a message given another type',
    expectSameAsUnion,
    fuzzTimeoutMs(RUNS),
  );
  test.prop([anyValue], fuzzParameters(RUNS))('any value', expectSameAsUnion, fuzzTimeoutMs(RUNS));
});
