import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end suites start emulators, the app and (for the browser test) Chromium.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
