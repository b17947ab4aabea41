import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { applyMetaOpenApiFixes } from './meta-openapi-fixes.js';
import type { SchemaMap } from './schema-nodes.js';

/**
 * Where Meta's OpenAPI file is for a module at `moduleUrl`: `src/whatsapp-cloud/*` (tests) and
 * `dist/whatsapp-cloud/*` (published) both sit two levels below the package root, whose `openapi/`
 * folder is in the package's `files`.
 */
export function metaOpenApiFileFor(moduleUrl: string | URL): URL {
  return new URL('../../openapi/business-messaging-api_v23.0.yaml', moduleUrl);
}

/** Meta's OpenAPI description of the Cloud API, vendored with its MIT license in this package's `openapi/` folder. */
export const META_OPENAPI_FILE = metaOpenApiFileFor(import.meta.url);

let loading: Promise<SchemaMap> | undefined;

/**
 * `components.schemas` of Meta's OpenAPI file with {@link META_OPENAPI_FIXES} applied. The 1 MB YAML file is
 * read and parsed once per process; every caller shares the result, which must not be mutated.
 */
export function loadMetaSchemas(): Promise<SchemaMap> {
  loading ??= readMetaSchemas().catch((error: unknown) => {
    // Let a later call retry (e.g. after a test restored a missing file) instead of caching the failure.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readMetaSchemas(): Promise<SchemaMap> {
  const text = await readFile(META_OPENAPI_FILE, 'utf8');
  const schemas = parseSchemas(text);
  if (schemas === undefined) {
    throw new Error(`${META_OPENAPI_FILE.pathname} has no components.schemas; is it Meta's OpenAPI file?`);
  }
  applyMetaOpenApiFixes(schemas);
  return schemas;
}

type OpenApiDocument = { components?: { schemas?: SchemaMap } } | null;

/**
 * `components.schemas` of the OpenAPI document `text`. Parsing YAML is the costly part of loading the
 * emulator (each test file runs in a fresh process and pays it again), and two thirds of Meta's file are
 * `paths`, which the emulator never reads: the top-level `components:` block is parsed on its own when it
 * can be cut out cleanly (about half the time of the whole file), the whole document otherwise. The rest
 * of the file is then not checked for YAML errors; the vendored file is never edited, and a test checks
 * that the result equals `components.schemas` of the whole document.
 */
export function parseSchemas(text: string): SchemaMap | undefined {
  const block = componentsBlock(text);
  if (block !== undefined) {
    try {
      const schemas = (parse(block) as OpenApiDocument)?.components?.schemas;
      if (typeof schemas === 'object' && schemas !== null) return schemas;
    } catch {
      // Not self-contained after all (an alias to an anchor elsewhere, …): parse the whole file below.
    }
  }
  return (parse(text) as OpenApiDocument)?.components?.schemas;
}

/**
 * The lines of the one top-level `components:` key, up to the next line that starts at column 0 (the
 * next top-level key); `undefined` when the document does not have exactly one such key.
 */
function componentsBlock(text: string): string | undefined {
  const keys = [...text.matchAll(/^components:[ \t]*(?:#[^\n]*)?\r?$/gm)];
  const key = keys[0];
  if (keys.length !== 1 || key === undefined) return undefined;
  const bodyStart = key.index + key[0].length;
  const next = /^[^\s#]/m.exec(text.slice(bodyStart));
  return text.slice(key.index, next === null ? text.length : bodyStart + next.index);
}
