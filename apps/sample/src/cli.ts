#!/usr/bin/env node
import { unsupportedNodeVersion } from './node-version.js';

// Checked before anything else is loaded: on an older Node, undici fails with an unrelated TypeError.
const problem = unsupportedNodeVersion(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`error: ${problem}\n`);
  process.exit(2);
}
const { main } = await import('./cli/main.js');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle keep the process alive, do not hang the shell.
setTimeout(() => process.exit(code), 2000).unref();
