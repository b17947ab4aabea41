import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonical } from './json-text.js';
import { GROWN_STRING_MAX_LENGTH, type Mutation, mutate, mutationOf } from './mutations.js';
import type { ValueSpec } from './values.js';

/** Small values only: what is checked here is who owns the objects, not how large they get. */
const smallValue: fc.Arbitrary<ValueSpec> = fc.oneof(
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.integer({ min: 1, max: 6 }),
    pattern: fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 }),
    key: fc.constantFrom('k', 'text'),
    leaf: fc.jsonValue({ maxDepth: 2 }),
  }),
);

const mutation = (how: Partial<Mutation> & Pick<Mutation, 'op'>): Mutation => ({
  target: 0,
  slot: 0,
  key: 'k',
  value: { kind: 'string', value: 'v' },
  how: 0,
  ...how,
});

describe('mutate', () => {
  test.prop([
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(mutationOf(['a', 'text'], smallValue), { maxLength: 6 }),
  ])(
    'edits only its own copy: the generated values it puts in stay as fast-check made them, so a shrunk or replayed case is the same input',
    (value, mutations) => {
      const valueBefore = canonical(value);
      const mutationsBefore = canonical(mutations);
      const first = canonical(mutate(value, mutations));
      expect(canonical(mutations)).toBe(mutationsBefore);
      expect(canonical(value)).toBe(valueBefore);
      expect(canonical(mutate(value, mutations))).toBe(first);
    },
  );

  it('a value added by one mutation and edited by the next is a copy', () => {
    const added: ValueSpec = { kind: 'json', value: { inner: {} } };
    const mutations = [
      mutation({ op: 'root', value: added }),
      // The root is the only container but `inner`: target 1 is `inner`.
      mutation({ op: 'add', target: 1, key: 'grown', value: { kind: 'string', value: 'x' } }),
    ];
    expect(canonical(mutate({}, mutations))).toBe('{"inner":{"grown":"x"}}');
    expect(canonical(added.value)).toBe('{"inner":{}}');
    expect(canonical(mutate({}, mutations))).toBe('{"inner":{"grown":"x"}}');
  });

  it('a tweak grows a string to at most GROWN_STRING_MAX_LENGTH code units', () => {
    const huge = 'x'.repeat(1_000_000);
    // Tweak 7 repeats the string 100 times, tweak 1 doubles it.
    const repeated = mutate({ k: huge }, [mutation({ op: 'tweak', how: 7 })]) as { k: string };
    expect(repeated.k.length).toBe(GROWN_STRING_MAX_LENGTH);
    const doubled = mutate({ k: huge }, [mutation({ op: 'tweak', how: 1 })]) as { k: string };
    expect(doubled.k.length).toBe(2_000_000);
    const short = mutate({ k: 'ab' }, [mutation({ op: 'tweak', how: 7 })]) as { k: string };
    expect(short.k).toBe('ab'.repeat(100));
    const longest = 'y'.repeat(GROWN_STRING_MAX_LENGTH + 1);
    const kept = mutate({ k: longest }, [mutation({ op: 'tweak', how: 1 })]) as { k: string };
    expect(kept.k).toBe(longest);
  });
});
