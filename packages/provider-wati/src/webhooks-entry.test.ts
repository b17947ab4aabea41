import { fileURLToPath } from 'node:url';
import { importInFreshProcess } from '@switchboard/provider-test-kit';
import { describe, expect, it } from 'vitest';

// `@switchboard/provider-wati/webhooks` as an application gets it: the bundle the build wrote
// (`dist/webhooks/index.js`, see scripts/bundle-entries.mjs), imported by name in a fresh process.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const SECRET = 'k9V2s7Qw-4bXn8Lp-Zt3Hc6Re';

/**
 * What of core a webhook entry may load: the one module behind its light entries (errors, webhook
 * plumbing, the zod/mini functions core bundles for every package: `dist/internal.js`, not the zod
 * package) and the chunk it shares with core's index (code both reach), never the index itself
 * (model, transport). Two files where there were eight: each costs a fresh process a load.
 */
const LIGHT_CORE = /\/core\/dist\/(internal|chunks\/[^/]+)\.js$/;

interface EntryUse {
  kinds: string[];
  contactNames: string[];
  rejected: boolean;
  bundleErrorIsCoreClass: boolean;
  fields: string[];
}

describe('@switchboard/provider-wati/webhooks', () => {
  it('loads its bundle and light core modules only: no zod, no undici, no sending side', async () => {
    const { loaded, result } = await importInFreshProcess<EntryUse>(
      packageRoot,
      '@switchboard/provider-wati/webhooks',
      `
      const { readFileSync } = await import('node:fs');
      const core = await import('@switchboard/core');
      const source = entry.createWatiWebhooks({ webhookSecret: { value: ${JSON.stringify(SECRET)}, pathSegment: true } });
      const deliver = (name, url) => source.webhooks.parse({ body: readFileSync(name), headers: {}, url });
      const url = 'https://app.example.com/webhooks/wati/${SECRET}';
      const events = [
        ...(await deliver(${JSON.stringify(fixture('webhook-message-received.json'))}, url)),
        ...(await deliver(${JSON.stringify(fixture('webhook-message-contacts.json'))}, url)),
        ...(await deliver(${JSON.stringify(fixture('webhook-delivered.json'))}, url)),
      ];
      const rejected = await deliver(${JSON.stringify(fixture('webhook-delivered.json'))}, 'https://app.example.com/webhooks/wati/guess').then(
        () => false,
        (error) => core.WebhookVerificationError.isInstance(error),
      );
      let error;
      try { entry.createWatiWebhooks({}); } catch (caught) { error = caught; }
      return {
        kinds: events.map((event) => event.kind),
        contactNames: events.flatMap((event) => event.message?.contacts?.map((card) => card.name.formatted) ?? []),
        rejected,
        bundleErrorIsCoreClass: error instanceof core.ValidationError,
        fields: error.fields,
      };
      `,
    );
    const files = loaded.filter((url) => url.startsWith('file:'));
    expect(files[0]).toMatch(/\/provider-wati\/dist\/webhooks\/index\.js$/);
    // Besides its bundle, only chunks it shares with the package's main entry (code both reach).
    const ownChunk = /\/provider-wati\/dist\/chunks\/[^/]+\.js$/;
    expect(files.filter((url) => !LIGHT_CORE.test(url) && !ownChunk.test(url))).toEqual([files[0]]);
    expect(loaded.filter((url) => /\/provider-wati\/dist\/index\.js$/.test(url))).toEqual([]);
    expect(loaded.filter((url) => /node_modules\/(zod|undici)\/|\/(zod|undici)@/.test(url))).toEqual([]);
    const coreFiles = [...new Set(files.filter((url) => LIGHT_CORE.test(url)))];
    expect(coreFiles.filter((url) => url.endsWith('/core/dist/internal.js'))).toHaveLength(1);
    expect(coreFiles.length).toBeLessThanOrEqual(2);

    expect(result.kinds).toEqual(['message', 'message', 'status']);
    expect(result.contactNames.length).toBeGreaterThan(0);
    expect(result.rejected).toBe(true);
    // Core stays external to the bundle: its errors are the application's classes.
    expect(result.bundleErrorIsCoreClass).toBe(true);
    expect(result.fields).toEqual(['webhookSecret']);
  });
});
