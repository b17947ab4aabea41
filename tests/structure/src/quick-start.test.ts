import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { atLeast, requirements, toolchainPlan } from '../../../scripts/bootstrap.mjs';

// What a newcomer runs first: `npm start` and `npm test` (scripts/bootstrap.mjs), the Node.js
// version the docs state, and a second test run that turbo takes entirely from its cache.
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The fields of a package.json these checks read. */
interface Manifest {
  engines?: { node?: string };
  packageManager: string;
  scripts: Record<string, string>;
}
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Manifest;
const rootManifest = readJson('package.json');
const required = requirements(rootManifest);

describe('scripts/bootstrap.mjs', () => {
  it('reads the minimum Node.js from engines and the pnpm pin from packageManager', () => {
    expect(required).toStrictEqual({
      node: '22.19.0',
      pnpm: rootManifest.packageManager.slice('pnpm@'.length),
    });
    expect(atLeast('22.19.0', '22.19.0')).toBe(true);
    expect(atLeast('v24.1.0', '22.19.0')).toBe(true);
    expect(atLeast('22.18.9', '22.19.0')).toBe(false);
    expect(atLeast('20.20.2', '22.19.0')).toBe(false);
  });

  it('uses the machine’s node and pnpm when they will do, and says nothing', () => {
    expect(
      toolchainPlan({
        required,
        systemNode: '24.1.0',
        systemPnpm: required.pnpm,
        toolsNode: undefined,
        toolsPnpm: undefined,
      }),
    ).toStrictEqual({ use: 'path', install: [], message: undefined });
  });

  it('installs Node 24 and the pinned pnpm into .tools/ for an old node without pnpm, in one line', () => {
    const plan = toolchainPlan({
      required,
      systemNode: '20.20.2',
      systemPnpm: undefined,
      toolsNode: undefined,
      toolsPnpm: undefined,
    });
    expect(plan.use).toBe('tools');
    expect(plan.install).toStrictEqual(['node@24', `pnpm@${required.pnpm}`]);
    expect(plan.message).toBe(
      `node v20.20.2 is older than the 22.19.0 undici needs and pnpm ${required.pnpm} is not on PATH: installing node@24 and pnpm@${required.pnpm} into .tools/ (git-ignored, once)`,
    );
    expect(plan.message).not.toContain('\n');
  });

  it('installs only what .tools/ lacks, and reuses what it has', () => {
    expect(
      toolchainPlan({
        required,
        systemNode: '24.1.0',
        systemPnpm: '9.0.0',
        toolsNode: undefined,
        toolsPnpm: undefined,
      }).install,
    ).toStrictEqual([`pnpm@${required.pnpm}`]);
    const reuse = toolchainPlan({
      required,
      systemNode: '20.20.2',
      systemPnpm: required.pnpm,
      toolsNode: '24.21.0',
      toolsPnpm: required.pnpm,
    });
    expect(reuse.install).toStrictEqual([]);
    expect(reuse.message).toBe(
      'node v20.20.2 is older than the 22.19.0 undici needs: using node v24.21.0 from .tools/',
    );
  });

  it('is what npm start, npm test, the sample’s start and CI run', () => {
    expect(rootManifest.scripts.start).toBe('node scripts/bootstrap.mjs start');
    expect(rootManifest.scripts.test).toBe('node scripts/bootstrap.mjs test');
    expect(readJson('apps/sample/package.json').scripts.start).toBe('node ../../scripts/bootstrap.mjs start');
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm test \|\| status=\$\?$/m);
    expect(ci).not.toContain('npm install --prefix');
    expect(readFileSync(join(root, '.gitignore'), 'utf8').split('\n')).toContain('.tools/');
  });
});

describe('the Node.js version the docs state', () => {
  const minimum = required.node.replace(/\.0$/, '');
  const workspaceDirs = ['packages', 'apps'].flatMap((dir) =>
    readdirSync(join(root, dir)).map((name) => join(dir, name)),
  );

  it.each(workspaceDirs.filter((dir) => existsSync(join(root, dir, 'package.json'))))(
    '%s: engines state the root’s minimum',
    (dir) => {
      expect(readJson(join(dir, 'package.json')).engines?.node).toBe(rootManifest.engines?.node);
    },
  );

  it.each(
    ['README.md', ...workspaceDirs.map((dir) => join(dir, 'README.md'))].filter((path) =>
      existsSync(join(root, path)),
    ),
  )('%s names no other minimum', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const stated = [...text.matchAll(/Node(?:\.js)?\s+(\d+(?:\.\d+)*)\s+or\s+(?:later|newer)/g)].map(
      (match) => match[1],
    );
    expect(stated.filter((version) => version !== minimum)).toStrictEqual([]);
  });
});

it('gives no turbo task an input that a run itself writes (.reports/, node_modules/, docs/api/), so a second run is fully cached', () => {
  // A report of this package, and the API reference, exist while the others' tasks are hashed; make
  // sure both do here too.
  const probe = join(root, 'tests/structure/.reports/cache-probe.json');
  const docsProbe = join(root, 'docs/api/cache-probe.html');
  for (const file of [probe, docsProbe]) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '{}\n');
  }
  try {
    const dry = spawnSync(
      join(root, 'node_modules/.bin/turbo'),
      ['run', 'lint', '//#lint:root', 'typecheck', 'build', 'check:package', 'docs', 'test', '--dry=json'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    expect(dry.status, dry.stderr).toBe(0);
    const tasks = JSON.parse(dry.stdout).tasks as { taskId: string; inputs: Record<string, string> }[];
    expect(tasks.length).toBeGreaterThan(20);
    const written = tasks.flatMap((task) =>
      Object.keys(task.inputs)
        .filter((file) => /(^|\/)(\.reports|node_modules|\.turbo|docs\/api)\//.test(file))
        .map((file) => `${task.taskId}: ${file}`),
    );
    expect(written).toStrictEqual([]);
  } finally {
    for (const file of [probe, docsProbe]) rmSync(file, { force: true });
  }
});

it('hashes no task by files a build writes (dist/): on a fresh clone turbo hashes them before the build, so the second run would not be cached', () => {
  const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8')) as {
    tasks: Record<string, { inputs?: string[] }>;
  };
  const hashedOutputs = Object.entries(turbo.tasks).flatMap(([task, definition]) =>
    (definition.inputs ?? []).filter((input) => /^dist\//.test(input)).map((input) => `${task}: ${input}`),
  );
  expect(hashedOutputs).toStrictEqual([]);
});
