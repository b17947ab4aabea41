import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVIDER_IDS, type ProviderId } from '../providers.js';

/** The repository root, from `src/test-support` and `dist/test-support` alike. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Names a README example may use without defining them: an example that continues an earlier one
 * says so with `uses` in its annotation, and gets these definitions put in front of it.
 */
export const PRELUDE: Readonly<Record<string, { imports: string[]; code: string }>> = {
  provider: {
    imports: [
      "import { configFromEnv as readmeConfigFromEnv, loadProvider as readmeLoadProvider } from '@switchboard/core';",
      "import { whatsappCloud as readmeWhatsappCloud } from '@switchboard/provider-whatsapp-cloud';",
      "import { wati as readmeWati } from '@switchboard/provider-wati';",
    ],
    code: 'const provider = readmeLoadProvider(readmeConfigFromEnv(process.env, [readmeWhatsappCloud, readmeWati]), [readmeWhatsappCloud, readmeWati]);',
  },
  to: { imports: [], code: "const to = '447700900123';" },
  myWatiToken: { imports: [], code: 'const myWatiToken = process.env.WATI_API_TOKEN;' },
  createWati: { imports: ["import { createWati } from '@switchboard/provider-wati';"], code: '' },
  createWhatsAppCloud: {
    imports: ["import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';"],
    code: '',
  },
};

/** One fenced TypeScript example of a README, with what its annotation says about running it. */
export interface ReadmeExample {
  /** `packages/core/README.md:15`. */
  where: string;
  code: string;
  /** The sandboxes it runs against; empty when it is not run. */
  providers: ProviderId[];
  /** Names it continues from earlier examples (see {@link PRELUDE}). */
  uses: string[];
  /** Why it is not run, when it is not. */
  skip?: string;
  /** Its annotation is missing or malformed. */
  problem?: string;
}

/** Every README of the repository: the root's, and those of `packages/*` and `apps/*`. */
export function readmePaths(root: string = REPOSITORY_ROOT): string[] {
  const nested = ['packages', 'apps'].flatMap((dir) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, dir, entry.name, 'README.md')),
  );
  return [join(root, 'README.md'), ...nested].filter((path) => {
    try {
      readFileSync(path);
      return true;
    } catch {
      return false;
    }
  });
}

const ANNOTATION = /^<!--\s*example:\s*(.*?)\s*-->$/;

/**
 * The ` ```ts ` examples of a README. Each must follow an annotation comment right above it:
 * `<!-- example: run whatsapp-cloud wati -->` (runs against those sandboxes), optionally with
 * `; uses provider to`, or `<!-- example: skip <reason> -->`.
 */
export function readmeExamples(path: string, root: string = REPOSITORY_ROOT): ReadmeExample[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const examples: ReadmeExample[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[index] ?? '')) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    const code = lines.slice(index + 1, end).join('\n');
    const where = `${relative(root, path)}:${index + 1}`;
    // The annotation is one of the comments right above the fence (packages/testing has its own there too).
    let annotation: string | undefined;
    for (let above = index - 1; above >= 0 && (lines[above] ?? '').startsWith('<!--'); above--) {
      annotation ??= ANNOTATION.exec((lines[above] ?? '').trim())?.[1];
    }
    examples.push({ where, code, ...parseAnnotation(annotation) });
    index = end;
  }
  return examples;
}

function parseAnnotation(annotation: string | undefined): Omit<ReadmeExample, 'where' | 'code'> {
  const none = { providers: [], uses: [] };
  if (annotation === undefined) return { ...none, problem: 'no <!-- example: … --> annotation before it' };
  const skip = /^skip\s+(.+)$/.exec(annotation);
  if (skip !== null) return { ...none, skip: skip[1] as string };
  const run = /^run\s+([^;]+?)(?:\s*;\s*uses\s+(.+))?$/.exec(annotation);
  if (run === null) return { ...none, problem: `unreadable annotation "${annotation}"` };
  const providers = (run[1] as string).split(/\s+/);
  const uses = run[2]?.split(/\s+/) ?? [];
  const unknown = [
    ...providers.filter((id) => !(PROVIDER_IDS as readonly string[]).includes(id)),
    ...uses.filter((name) => !(name in PRELUDE)),
  ];
  if (unknown.length > 0)
    return { ...none, problem: `unknown names in the annotation: ${unknown.join(', ')}` };
  return { providers: providers as ProviderId[], uses };
}

/** The example as a module: the definitions it `uses`, then its code unchanged. */
export function exampleModule(example: ReadmeExample): string {
  const parts = example.uses.map((name) => PRELUDE[name] as { imports: string[]; code: string });
  return [
    ...parts.flatMap((part) => part.imports),
    ...parts.map((part) => part.code).filter((code) => code !== ''),
    example.code,
    '',
  ].join('\n');
}
