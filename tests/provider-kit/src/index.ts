// Test support shared by the provider packages' fuzz and fault suites, and a probe of what an entry
// point loads in a fresh process (a private workspace package, never published: its checks bind
// @switchboard/core's error classes and event schema, which @switchboard/testing must not depend on).

export * from './bytes.js';
export * from './fake-waits.js';
export * from './fault-checks.js';
export * from './fresh-import.js';
export * from './fuzz-messages.js';
export * from './fuzz-runs.js';
export * from './json-text.js';
export * from './mutations.js';
export * from './outcomes.js';
export * from './raw-fault-server.js';
export * from './raw-requests.js';
export * from './some-fields.js';
export * from './typed-errors.js';
export * from './values.js';
