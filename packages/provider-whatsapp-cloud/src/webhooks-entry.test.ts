import { fileURLToPath } from 'node:url';
import { importInFreshProcess } from '@switchboard/provider-test-kit';
import { describe, expect, it } from 'vitest';
import { APP_SECRET } from './__fixtures__/graph-server.js';

// `@switchboard/provider-whatsapp-cloud/webhooks` as an application gets it: the bundle the build
// wrote (`dist/webhooks/index.js`, see scripts/bundle-entries.mjs), imported by name in a fresh process.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('./__fixtures__/webhook-batched.json', import.meta.url));

/**
 * What of core a webhook entry may load: the one module behind its light entries (errors, webhook
 * plumbing, the zod/mini functions core bundles for every package: `dist/internal.js`, not the zod
 * package) and the chunk it shares with core's index (code both reach), never the index itself
 * (model, transport). Two files where there were eight: each costs a fresh process a load.
 */
const LIGHT_CORE = /\/core\/dist\/(internal|chunks\/[^/]+)\.js$/;

interface EntryUse {
  notAnObject: { path: string; message: string }[];
  kinds: string[];
  bundleErrorIsCoreClass: boolean;
  fields: string[];
}

describe('@switchboard/provider-whatsapp-cloud/webhooks', () => {
  it('loads its bundle and light core modules only: no zod, no undici, no sending side', async () => {
    const { loaded, result } = await importInFreshProcess<EntryUse>(
      packageRoot,
      '@switchboard/provider-whatsapp-cloud/webhooks',
      `
      const { createHmac } = await import('node:crypto');
      const { readFileSync } = await import('node:fs');
      // Parsed before anything else is loaded: the schemas' own messages, whatever zod's locale.
      const notAnObject = await entry.createWhatsAppCloudWebhooks({ allowUnverified: true })
        .webhooks.parse({ body: '[]', headers: {} })
        .then(() => [], (caught) => caught.issues);
      const core = await import('@switchboard/core');
      const body = readFileSync(${JSON.stringify(fixture)});
      const signature = 'sha256=' + createHmac('sha256', ${JSON.stringify(APP_SECRET)}).update(body).digest('hex');
      const source = entry.createWhatsAppCloudWebhooks({ appSecret: ${JSON.stringify(APP_SECRET)} });
      const events = await source.webhooks.parse({ body, headers: { 'x-hub-signature-256': signature } });
      let error;
      try { entry.createWhatsAppCloudWebhooks({}); } catch (caught) { error = caught; }
      return {
        notAnObject,
        kinds: events.map((event) => event.kind),
        bundleErrorIsCoreClass: error instanceof core.ValidationError,
        fields: error.fields,
      };
      `,
    );
    const files = loaded.filter((url) => url.startsWith('file:'));
    expect(files[0]).toMatch(/\/provider-whatsapp-cloud\/dist\/webhooks\/index\.js$/);
    // Besides its bundle, only chunks it shares with the package's main entry (code both reach).
    const ownChunk = /\/provider-whatsapp-cloud\/dist\/chunks\/[^/]+\.js$/;
    expect(files.filter((url) => !LIGHT_CORE.test(url) && !ownChunk.test(url))).toEqual([files[0]]);
    expect(loaded.filter((url) => /\/provider-whatsapp-cloud\/dist\/index\.js$/.test(url))).toEqual([]);
    expect(loaded.filter((url) => /node_modules\/(zod|undici)\/|\/(zod|undici)@/.test(url))).toEqual([]);
    const coreFiles = [...new Set(files.filter((url) => LIGHT_CORE.test(url)))];
    expect(coreFiles.filter((url) => url.endsWith('/core/dist/internal.js'))).toHaveLength(1);
    expect(coreFiles.length).toBeLessThanOrEqual(2);

    expect(result.kinds).toContain('message');
    expect(result.kinds).toContain('status');
    // Core stays external to the bundle: its errors are the application's classes.
    expect(result.bundleErrorIsCoreClass).toBe(true);
    expect(result.fields).toEqual(['appSecret']);
    expect(result.notAnObject).toEqual([{ path: '', message: 'must be a JSON object { object, entry }' }]);
  });
});
