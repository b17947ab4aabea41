#!/usr/bin/env node
// The quick start's entry point, shared by `npm start` / `npm test` (and their pnpm forms) and CI.
// It runs on any Node.js >= 18 with npm, so it uses nothing newer than Node 18 has.
//
//   node scripts/bootstrap.mjs start [serve options]   build the sample and run it (sandbox by default)
//   node scripts/bootstrap.mjs test [test-all options]   lint, typecheck, build, package checks, every test
//
// When the Node.js on PATH is older than `engines.node` or the pinned pnpm (`packageManager`) is not
// on PATH, it installs Node 24 and that pnpm into the git-ignored `.tools/` with npm (once), and says
// so in one line. It then installs the workspace when needed and hands over. The sample runs as a
// direct child, not under turbo or pnpm, so a configuration error is the last thing printed.
// SWITCHBOARD_SKIP_BUILD=1 skips the build before `start` (for callers that have just built).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOLS = join(ROOT, '.tools');
const TOOLS_BIN = join(TOOLS, 'node_modules', '.bin');
/** The Node.js major `.tools/` gets: the current LTS line, as `.nvmrc` says. */
const TOOLS_NODE_MAJOR = '24';

/** `[major, minor, patch]` of `v22.19.0`, `22.19`, `24`. */
export function versionParts(version) {
  const parts = String(version)
    .trim()
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  while (parts.length < 3) parts.push(0);
  return parts.slice(0, 3);
}

/** Whether `version` is at least `minimum` (both like `22.19.0`). */
export function atLeast(version, minimum) {
  const have = versionParts(version);
  const need = versionParts(minimum);
  for (let index = 0; index < 3; index++) {
    if (have[index] !== need[index]) return have[index] > need[index];
  }
  return true;
}

/** The minimum Node.js (`>=22.19` → `22.19.0`) and the pinned pnpm (`pnpm@11.28.11` → `11.28.11`). */
export function requirements(manifest) {
  const engine = /^>=\s*v?(\d+(?:\.\d+){0,2})$/.exec(String(manifest.engines?.node ?? '').trim());
  const pnpm = /^pnpm@(\d+\.\d+\.\d+)/.exec(String(manifest.packageManager ?? ''));
  if (engine === null || pnpm === null) {
    throw new Error('package.json must have engines.node ">=X.Y" and packageManager "pnpm@X.Y.Z"');
  }
  return { node: versionParts(engine[1]).join('.'), pnpm: pnpm[1] };
}

/**
 * What to do about the toolchain: `use: 'path'` when the machine's node and pnpm will do, else
 * `use: 'tools'` with what `.tools/` lacks (`install`, empty when it already has both) and the one
 * line that says so.
 */
export function toolchainPlan({ required, systemNode, systemPnpm, toolsNode, toolsPnpm }) {
  const nodeOk = systemNode !== undefined && atLeast(systemNode, required.node);
  const pnpmOk = systemPnpm === required.pnpm;
  if (nodeOk && pnpmOk) return { use: 'path', install: [], message: undefined };
  const reasons = [];
  if (!nodeOk) {
    reasons.push(
      systemNode === undefined
        ? 'no node on PATH'
        : `node v${systemNode} is older than the ${required.node} undici needs`,
    );
  }
  if (!pnpmOk) {
    reasons.push(
      systemPnpm === undefined
        ? `pnpm ${required.pnpm} is not on PATH`
        : `pnpm is ${systemPnpm}, not ${required.pnpm}`,
    );
  }
  const install = [];
  if (!nodeOk && !(toolsNode !== undefined && atLeast(toolsNode, required.node))) {
    install.push(`node@${TOOLS_NODE_MAJOR}`);
  }
  if (!pnpmOk && toolsPnpm !== required.pnpm) install.push(`pnpm@${required.pnpm}`);
  const reused = [...(nodeOk ? [] : [`node v${toolsNode}`]), ...(pnpmOk ? [] : [`pnpm ${toolsPnpm}`])];
  const message =
    install.length > 0
      ? `${reasons.join(' and ')}: installing ${install.join(' and ')} into .tools/ (git-ignored, once)`
      : `${reasons.join(' and ')}: using ${reused.join(' and ')} from .tools/`;
  return { use: 'tools', install, message };
}

/** The version a command prints with `--version`, or `undefined` when it is missing or fails. */
function versionOf(command, env) {
  const result = spawnSync(command, ['--version'], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    shell: process.platform === 'win32',
    timeout: 60_000,
  });
  if (result.status !== 0) return undefined;
  const version = /\d+\.\d+\.\d+/.exec(result.stdout);
  return version === null ? undefined : version[0];
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The environment children get: npm's and pnpm's lifecycle variables would leak into pnpm's config. */
function childEnvironment(pathPrefix) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  // A corepack `pnpm` shim must not stop to ask before downloading.
  env.COREPACK_ENABLE_DOWNLOAD_PROMPT = '0';
  env.TURBO_TELEMETRY_DISABLED = '1';
  env.DO_NOT_TRACK = '1';
  if (pathPrefix !== undefined)
    env.PATH = `${pathPrefix}${process.platform === 'win32' ? ';' : ':'}${env.PATH ?? ''}`;
  return env;
}

const say = (line) => process.stderr.write(`switchboard: ${line}\n`);

function run(command, args, env, options = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}

/** Makes node and the pinned pnpm available; returns the children's environment and the node to run. */
function ensureToolchain() {
  const required = requirements(readJson(join(ROOT, 'package.json')) ?? {});
  const plainEnv = childEnvironment(undefined);
  const toolsNode = readJson(join(TOOLS, 'node_modules', 'node', 'package.json'))?.version;
  const plan = toolchainPlan({
    required,
    systemNode: process.versions.node,
    systemPnpm: versionOf('pnpm', plainEnv),
    toolsNode: existsSync(join(TOOLS_BIN, 'node')) ? toolsNode : undefined,
    toolsPnpm: readJson(join(TOOLS, 'node_modules', 'pnpm', 'package.json'))?.version,
  });
  if (plan.use === 'path') return { env: plainEnv, node: process.execPath };
  const nodeOk = atLeast(process.versions.node, required.node);
  say(plan.message);
  if (plan.install.length > 0) {
    const status = run(
      'npm',
      ['install', '--prefix', TOOLS, '--no-audit', '--no-fund', '--loglevel=error', ...plan.install],
      plainEnv,
    );
    if (status !== 0) {
      say(
        `npm could not install ${plan.install.join(' and ')}; install Node.js ${required.node}+ and pnpm ${required.pnpm} yourself`,
      );
      process.exit(status);
    }
  }
  const env = childEnvironment(TOOLS_BIN);
  if (nodeOk) return { env, node: process.execPath };
  const node = join(TOOLS_BIN, process.platform === 'win32' ? 'node.cmd' : 'node');
  const nodeVersion = versionOf(node, env);
  if (nodeVersion === undefined || !atLeast(nodeVersion, required.node)) {
    say(`.tools/ holds no usable node (${nodeVersion ?? 'none'}); delete .tools/ and try again`);
    process.exit(1);
  }
  return { env, node };
}

/** `pnpm install` unless node_modules is already installed from the current lockfile (always in CI). */
function ensureInstalled(env) {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  const lockfile = join(ROOT, 'pnpm-lock.yaml');
  const fresh =
    process.env.CI === undefined &&
    existsSync(marker) &&
    statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs;
  if (fresh) return;
  const status = run('pnpm', ['install', '--frozen-lockfile'], env);
  if (status !== 0) process.exit(status);
}

/** Builds the sample and what it depends on; turbo's output is shown only when the build fails. */
function buildSample(env) {
  say('building the packages the sample needs (cached after the first time)');
  const result = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@switchboard/sample...', '--output-logs=errors-only'],
    { cwd: ROOT, env, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    say('the build failed (above)');
    process.exit(result.status ?? 1);
  }
}

/** Runs the sample's `serve` as a direct child from the caller's directory, and exits with its code. */
function serveSample(node, env, args) {
  // npm and pnpm run scripts from the package's directory and name the caller's in INIT_CWD, so a
  // relative SWITCHBOARD_CONFIG or --config means what the user typed.
  const cwd =
    process.env.INIT_CWD !== undefined && existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : ROOT;
  const child = spawn(node, [join(ROOT, 'apps', 'sample', 'dist', 'cli.js'), 'serve', ...args], {
    cwd,
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches the whole process group: the app stops gracefully, and this waits for it.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) =>
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)),
  );
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command !== 'start' && command !== 'test') {
    say('usage: node scripts/bootstrap.mjs start|test [options]');
    process.exit(2);
  }
  const { env, node } = ensureToolchain();
  ensureInstalled(env);
  if (command === 'start') {
    // For a caller that has just built everything (the sample's own tests of this command).
    if (process.env.SWITCHBOARD_SKIP_BUILD !== '1') buildSample(env);
    serveSample(node, env, rest);
    return;
  }
  process.exit(run(node, [join(ROOT, 'scripts', 'test-all.mjs'), ...rest], env));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
