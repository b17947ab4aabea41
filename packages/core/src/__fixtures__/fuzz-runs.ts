// The providers read the same rules from @switchboard/provider-test-kit (tests/provider-kit), which
// depends on core, so core cannot import it back; keep the two files alike.
/**
 * How many inputs a fuzz property tries: `defaultRuns`, which keeps the whole fuzz set to a few
 * seconds in CI, or `FUZZ_RUNS` when set (a positive integer). A property whose every run is heavy
 * (a value thousands of levels deep, a text of 100 KB) passes its `weight` and gets `FUZZ_RUNS / weight`.
 *
 * @example FUZZ_RUNS=20000 npx vitest run src --testNamePattern fuzz
 */
export function fuzzRuns(defaultRuns: number, weight = 1): number {
  const raw = process.env.FUZZ_RUNS?.trim();
  if (raw === undefined || raw === '') return defaultRuns;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a positive integer, got ${JSON.stringify(raw)}`);
  return Math.max(1, Math.round(runs / weight));
}

/**
 * The seed CI fuzzes with when `FUZZ_SEED` is unset: a CI run must pass or fail the same way every
 * time, so new counterexamples are hunted locally (random seeds) or with `FUZZ_SEED=random`.
 */
export const CI_FUZZ_SEED = 20261203;

/**
 * The seed of a fuzz run: `FUZZ_SEED` (an integer to replay a failure, or `random`), else
 * {@link CI_FUZZ_SEED} when `CI` is set, else `undefined` for a fresh random seed (fast-check prints
 * it on failure).
 */
export function fuzzSeed(): number | undefined {
  const raw = process.env.FUZZ_SEED?.trim();
  if (raw === 'random') return undefined;
  if (raw === undefined || raw === '') return isCi() ? CI_FUZZ_SEED : undefined;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed))
    throw new Error(`FUZZ_SEED must be an integer or "random", got ${JSON.stringify(raw)}`);
  return seed;
}

function isCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * fast-check parameters of a fuzz property: {@link fuzzRuns} runs, and {@link fuzzSeed} when given.
 * `FUZZ_PATH` (with `FUZZ_SEED`) replays the one failing case a run printed (`path: "35597"`) without
 * running the cases before it; run only that property (`-t`). fast-check still generates every input
 * before the failing one to reach it, which for heavy generators (values 50,000 levels deep) takes
 * minutes at a path of tens of thousands: {@link fuzzTimeoutMs} allows for it.
 */
export function fuzzParameters(
  defaultRuns: number,
  weight = 1,
): { numRuns: number; seed?: number; path?: string; endOnFailure?: boolean } {
  const seed = fuzzSeed();
  const path = process.env.FUZZ_PATH?.trim();
  // A replay runs that one case (and, when it fails, shrinks it), not the rest of the run.
  return {
    numRuns: path ? 1 : fuzzRuns(defaultRuns, weight),
    ...(seed === undefined ? {} : { seed }),
    ...(path ? { path, endOnFailure: true } : {}),
  };
}

/**
 * The vitest timeout of a fuzz property: the shared 60 s hang detector, stretched in proportion when
 * `FUZZ_RUNS` asks for more runs than the default, or when `FUZZ_PATH` replays a case that many
 * inputs in (they are all generated again). Never an assertion about speed.
 */
export function fuzzTimeoutMs(defaultRuns: number, weight = 1): number {
  const replayedAt = Number(process.env.FUZZ_PATH?.trim().split(':')[0]);
  const inputs = Number.isSafeInteger(replayedAt) && replayedAt >= 0 ? replayedAt + 1 : 0;
  return 60_000 * Math.max(1, Math.ceil(Math.max(fuzzRuns(defaultRuns, weight), inputs) / defaultRuns));
}
