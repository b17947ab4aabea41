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
  const document = parse(text) as { components?: { schemas?: SchemaMap } };
  const schemas = document.components?.schemas;
  if (schemas === undefined) {
    throw new Error(`${META_OPENAPI_FILE.pathname} has no components.schemas; is it Meta's OpenAPI file?`);
  }
  applyMetaOpenApiFixes(schemas);
  return schemas;
}
