#!/usr/bin/env node
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle keep the process alive, do not hang the shell.
setTimeout(() => process.exit(code), 2000).unref();
