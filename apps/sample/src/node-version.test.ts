import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE_VERSION, unsupportedNodeVersion } from './node-version.js';

describe('unsupportedNodeVersion', () => {
  it.each(['22.19.0', '22.20.1', '23.0.0', '24.21.0', 'v24.0.0', process.versions.node])(
    'accepts %s',
    (version) => {
      expect(unsupportedNodeVersion(version)).toBeUndefined();
    },
  );

  it.each(['20.19.5', '22.18.9', '18.0.0', 'v21.7.3'])('refuses %s, naming both versions', (version) => {
    expect(unsupportedNodeVersion(version)).toBe(
      `Switchboard needs Node.js ${MINIMUM_NODE_VERSION} or newer; this is Node.js ${version}. Install a current LTS release (https://nodejs.org).`,
    );
  });
});
