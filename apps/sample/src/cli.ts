#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { unsupportedNodeVersion } from './node-version.js';

// Checked before anything else is loaded: on an older Node, undici fails with an unrelated TypeError.
const problem = unsupportedNodeVersion(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`error: ${problem}\n`);
  process.exit(2);
}
// V8's compile cache, in Node's default place (`<os tmpdir>/node-compile-cache`, or
// $NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): every command is a fresh process
// that compiles the same modules, and from the second run on it reads their compiled code instead,
// about an eighth of a sandbox send's CPU time (docs/performance.md). Switched on before the command
// is imported, since only modules loaded after it are cached.
enableCompileCache();
const { main } = await import('./cli/main.js');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle keep the process alive, do not hang the shell.
setTimeout(() => process.exit(code), 2000).unref();
