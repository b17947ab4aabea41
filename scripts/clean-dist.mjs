#!/usr/bin/env node
// Empties a package's `dist/` before its build: esbuild and `tsc --emitDeclarationOnly` only add files, so
// chunks of an earlier build (and the per-module files of a build before bundling) would stay there
// and be published. Run from the package directory: `node ../../scripts/clean-dist.mjs`.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
