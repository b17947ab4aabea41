// Bundle size of a minimal "send a text" app: esbuild bundles it for Node (ESM, tree-shaken,
// minified, every dependency inlined), once with Switchboard's WhatsApp Cloud provider and once
// with whatsapp-api-js, and reports the bytes and the gzip bytes of each bundle. Two webhook
// receivers on the providers' webhook-only entries follow, for functions that only receive.

import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleApp } from './bundle-app.ts';

const resolveDir = fileURLToPath(new URL('..', import.meta.url));

const APPS = {
  '@switchboard/provider-whatsapp-cloud': `
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
const whatsapp = createWhatsAppCloud({ transport: 'direct', accessToken: process.env.TOKEN, phoneNumberId: process.env.PHONE_NUMBER_ID });
console.log(await whatsapp.send({ type: 'text', to: process.argv[2], text: process.argv[3] }));
`,
  'whatsapp-api-js': `
import { WhatsAppAPI } from 'whatsapp-api-js';
import { Text } from 'whatsapp-api-js/messages';
const whatsapp = new WhatsAppAPI({ token: process.env.TOKEN, secure: false, v: 'v21.0' });
console.log(await whatsapp.sendMessage(process.env.PHONE_NUMBER_ID, process.argv[2], new Text(process.argv[3])));
`,
  '@switchboard/provider-whatsapp-cloud/webhooks': `
import { createWebhookHandler } from '@switchboard/core/webhooks';
import { createWhatsAppCloudWebhooks } from '@switchboard/provider-whatsapp-cloud/webhooks';
export const handler = createWebhookHandler(createWhatsAppCloudWebhooks({ appSecret: process.env.APP_SECRET }), (event) => console.log(event.kind));
`,
  '@switchboard/provider-wati/webhooks': `
import { createWebhookHandler } from '@switchboard/core/webhooks';
import { createWatiWebhooks } from '@switchboard/provider-wati/webhooks';
export const handler = createWebhookHandler(createWatiWebhooks({ webhookSecret: process.env.WEBHOOK_SECRET }), (event) => console.log(event.kind));
`,
} as const;

export interface BundleSizeResult {
  app: string;
  bytes: number;
  gzipBytes: number;
  /** Minified bytes in the bundle by package (esbuild's metafile), largest first. */
  byPackage: Array<[string, number]>;
}

/** The package a bundled input belongs to: `zod`, `undici`, `@switchboard/core`, … */
function packageOf(input: string): string {
  const inStore = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
  if (inStore?.[1] !== undefined) return inStore[1];
  const workspace = input.match(/packages\/([^/]+)\//);
  return workspace?.[1] === undefined ? input : `@switchboard/${workspace[1]}`;
}

/** Bundles each app in memory and measures it. */
export async function benchBundleSize(): Promise<BundleSizeResult[]> {
  const results: BundleSizeResult[] = [];
  for (const [app, contents] of Object.entries(APPS)) {
    const output = await bundleApp(contents, resolveDir);
    const sizes = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(
      Object.values(output.metafile.outputs)[0]?.inputs ?? {},
    )) {
      const owner = packageOf(input);
      sizes.set(owner, (sizes.get(owner) ?? 0) + bytesInOutput);
    }
    const code = output.outputFiles?.[0]?.contents ?? new Uint8Array();
    results.push({
      app,
      bytes: code.byteLength,
      gzipBytes: gzipSync(code).byteLength,
      byPackage: [...sizes].sort((a, b) => b[1] - a[1]),
    });
  }
  return results;
}

/** Prints the bundle-size section. */
export async function printBundleSize(): Promise<void> {
  console.log(
    '\nBundle size of a minimal "send a text" app, then of a webhook receiver (esbuild: ESM for Node, tree-shaken, minified, dependencies inlined)',
  );
  console.log(`${'app'.padEnd(46)} ${'bytes'.padStart(10)} ${'gzip'.padStart(10)}`);
  for (const r of await benchBundleSize()) {
    console.log(`${r.app.padEnd(46)} ${String(r.bytes).padStart(10)} ${String(r.gzipBytes).padStart(10)}`);
    const parts = r.byPackage.slice(0, 5).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KiB`);
    console.log(`${''.padEnd(46)}   of which: ${parts.join(', ')}`);
  }
}

if (import.meta.main) await printBundleSize();
