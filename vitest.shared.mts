import { defineConfig } from 'vitest/config';

/**
 * The test settings every workspace package shares (each `vitest.config.ts` re-exports them).
 *
 * The timeouts are hang detectors, not assertions: no test may depend on how fast the machine is.
 * The suite runs five packages at once on a 2-core machine, so a test that parses Meta's OpenAPI
 * file or starts a child process can take several times longer under load than on a quiet machine.
 * What a test asserts about time is asserted with fake timers or with recorded delays, never with
 * these limits.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
