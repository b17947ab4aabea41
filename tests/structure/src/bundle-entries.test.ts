import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/bundle-entries.mjs builds every published package: its two ways of sharing one module
// between entries and packages (`--facade`, `--via`) must refuse, writing nothing, a build that would
// publish an import of a name the shared module lacks (undefined at run time, found by no type check).
const script = fileURLToPath(new URL('../../../scripts/bundle-entries.mjs', import.meta.url));

const packages: string[] = [];
afterEach(() => {
  for (const directory of packages.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A package directory holding `files`, as the build script expects to run in. */
function fixturePackage(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'bundle-entries-'));
  packages.push(directory);
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'fixture', type: 'module' }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  return directory;
}

function bundle(directory: string, args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args], { cwd: directory, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

/** Builds a package of `files` that the script must refuse (exit 1) without writing anything; its message. */
function refusal(files: Record<string, string>, args: string[]): string {
  const directory = fixturePackage(files);
  const built = bundle(directory, args);
  expect(built.status).toBe(1);
  expect(existsSync(join(directory, 'dist'))).toBe(false);
  return built.stderr;
}

describe('bundle-entries --facade', () => {
  const shared = {
    'src/shared.ts': "export { one } from './one.js';\nexport const two = 2;\n",
    'src/one.ts': 'export class One {}\nexport const one = new One();\n',
  };

  it('writes the entry as a re-export of its target bundle: the same bindings, no code of its own', async () => {
    const directory = fixturePackage({ ...shared, 'src/light.ts': "export { one } from './one.js';\n" });
    const built = bundle(directory, ['src/shared.ts', '--facade', 'src/light.ts=src/shared.ts']);
    expect(built).toEqual({ status: 0, stderr: '' });

    const facade = readFileSync(join(directory, 'dist/light.js'), 'utf8');
    expect(facade).toMatch(/^export \{ one \} from "\.\/shared\.js";$/m);
    expect(facade).not.toContain('class');
    const light = await import(pathToFileURL(join(directory, 'dist/light.js')).href);
    const target = await import(pathToFileURL(join(directory, 'dist/shared.js')).href);
    expect(light.one).toBe(target.one);
  });

  it('fails, writing nothing, when the target lacks a name the entry exports', () => {
    const message = refusal(
      {
        ...shared,
        'src/light.ts': "export { one } from './one.js';\nexport const three = 3;\n",
      },
      ['src/shared.ts', '--facade', 'src/light.ts=src/shared.ts'],
    );
    expect(message).toContain(
      'src/shared.ts must export every name of its facade src/light.ts; missing: three',
    );
  });

  it.each([
    ['of an entry it does not build', ['src/one.ts', '--facade', 'src/light.ts=src/shared.ts']],
    ['that is an entry too', ['src/shared.ts', 'src/light.ts', '--facade', 'src/light.ts=src/shared.ts']],
    ['of itself', ['src/shared.ts', '--facade', 'src/shared.ts=src/shared.ts']],
  ])('refuses a facade %s', (_, args) => {
    const directory = fixturePackage({ ...shared, 'src/light.ts': "export { one } from './one.js';\n" });
    const built = bundle(directory, args);
    expect(built.status).toBe(2);
    expect(built.stderr).toContain('usage:');
  });

  it('fails when the entry re-exports all of an external module: the facade could not list those names', () => {
    const message = refusal(
      {
        ...shared,
        'src/light.ts': "export { one } from './one.js';\nexport * from '@switchboard/elsewhere';\n",
      },
      ['src/shared.ts', '--facade', 'src/light.ts=src/shared.ts'],
    );
    expect(message).toContain('re-exports all of an external module');
  });
});

describe('bundle-entries --via', () => {
  const via = { 'via.js': 'export const SwitchboardError = class {};\nexport const string = () => "s";\n' };

  it('imports zod/mini and every @switchboard/core subpath through the one module', () => {
    const directory = fixturePackage({
      ...via,
      'src/index.ts': [
        "import { SwitchboardError } from '@switchboard/core/errors';",
        "import * as z from 'zod/mini';",
        'export const pieces = [SwitchboardError, z.string];',
      ].join('\n'),
    });
    const built = bundle(directory, ['--via', './via.js', 'src/index.ts']);
    expect(built).toEqual({ status: 0, stderr: '' });
    const output = readFileSync(join(directory, 'dist/index.js'), 'utf8');
    expect(output).not.toMatch(/@switchboard\/core\/|"zod/);
    expect(output.match(/from "\.\/via\.js"/g)).toHaveLength(2);
  });

  it.each([
    [
      'imported by name',
      "import { email } from 'zod/mini';\nexport const piece = email;\n",
      'No matching export',
    ],
    [
      'read from a namespace',
      "import * as z from 'zod/mini';\nexport const piece = z.email;\n",
      'will always be undefined',
    ],
  ])('fails, writing nothing, when the module lacks a name %s', (_, source, reason) => {
    const message = refusal({ ...via, 'src/index.ts': source }, ['--via', './via.js', 'src/index.ts']);
    expect(message).toContain('cannot import through ./via.js');
    expect(message).toMatch(new RegExp(`${reason}.*"email"|"email".*${reason}`));
  });

  it('fails when the package would re-export all of the module', () => {
    const message = refusal(
      {
        ...via,
        'src/index.ts': "export * from '@switchboard/core/errors';\n",
      },
      ['--via', './via.js', 'src/index.ts'],
    );
    expect(message).toContain('would re-export all of ./via.js');
  });

  it('leaves core’s other entries as they are', () => {
    const directory = fixturePackage({
      ...via,
      'src/index.ts': "import { router } from '@switchboard/core/router';\nexport const piece = router;\n",
    });
    const built = bundle(directory, ['--via', './via.js', 'src/index.ts']);
    expect(built).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(directory, 'dist/index.js'), 'utf8')).toContain(
      'from "@switchboard/core/router"',
    );
  });

  it('fails when anything of zod but zod/mini is imported: it would load a second zod', () => {
    const message = refusal(
      {
        ...via,
        'src/index.ts': "import * as z from 'zod';\nexport const piece = z.string;\n",
      },
      ['--via', './via.js', 'src/index.ts'],
    );
    expect(message).toContain('"zod" would load a second zod at run time');
  });
});
