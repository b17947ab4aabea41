import { exampleConformanceOptions } from './__fixtures__/example-conformance-options.js';
import { runProviderConformance } from './run-provider-conformance.js';

// The kit's self-test: the example adapter of the README honours the contract, with its capabilities
// given (and checked against the provider's) or read from the provider.
runProviderConformance(exampleConformanceOptions());
runProviderConformance({
  ...exampleConformanceOptions(),
  name: 'example (capabilities read from the provider)',
  capabilities: undefined,
});
