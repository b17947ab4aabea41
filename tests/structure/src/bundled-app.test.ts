import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// Applications bundle Switchboard (serverless functions above all), to ES modules or to CommonJS, the
// default of several serverless bundlers. Each published entry must bundle without a warning and run
// once bundled: a module-level `import.meta`, say, is undefined in a CommonJS bundle.

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
let workDir: string | undefined;

afterAll(async () => {
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

// A webhook function on the webhook-only entries (no top-level await: CommonJS has none), plus the providers' main entries: it answers a
// signed Meta delivery and a WATI delivery through core's handler, and hashes (node:crypto, loaded on
// first use) and streams a response (node:stream) through toNodeListener's helpers.
const APP = `
import { createHmac } from 'node:crypto';
import { createWebhookHandler, hmacSha256Hex } from '@switchboard/core/webhooks';
import { createWhatsAppCloudWebhooks } from '@switchboard/provider-whatsapp-cloud/webhooks';
import { createWatiWebhooks } from '@switchboard/provider-wati/webhooks';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import { createWati } from '@switchboard/provider-wati';

async function main() {
const body = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '2' },
    messages: [{ id: 'wamid.1', from: '16505551234', timestamp: '1700000000', type: 'text', text: { body: 'hi' } }] } }] }],
});
const kinds = [];
const cloud = createWebhookHandler(createWhatsAppCloudWebhooks({ appSecret: 'app-secret' }), (event) => { kinds.push(event.kind); });
const signature = 'sha256=' + createHmac('sha256', 'app-secret').update(body).digest('hex');
const signed = await cloud(new Request('https://hooks.example.com/whatsapp', { method: 'POST', body, headers: { 'x-hub-signature-256': signature } }));
const forged = await cloud(new Request('https://hooks.example.com/whatsapp', { method: 'POST', body, headers: { 'x-hub-signature-256': 'sha256=00' } }));
const wati = createWebhookHandler(createWatiWebhooks({ allowUnverified: true }), () => {});
const watiAnswer = await wati(new Request('https://hooks.example.com/wati', { method: 'POST', body: 'not json' }));
const providers = [
  createWhatsAppCloud({ transport: 'direct', accessToken: 'token', phoneNumberId: '2', env: {} }).id,
  createWati({ transport: 'direct', baseUrl: 'https://live-mt-server.wati.io/1', token: 'token', env: {} }).id,
];
console.log(JSON.stringify({ signed: signed.status, forged: forged.status, wati: watiAnswer.status, kinds, providers,
  hmac: hmacSha256Hex('k', 'v') === createHmac('sha256', 'k').update('v').digest('hex') }));
}
main();
`;

describe.each(['esm', 'cjs'] as const)('an application bundled to %s', (format) => {
  it('bundles every entry without a warning and runs', async () => {
    workDir ??= await mkdtemp(join(tmpdir(), 'switchboard-bundled-app-'));
    const entry = join(here, `.bundled-app-${format}.mts`);
    await writeFile(entry, APP);
    try {
      const outfile = join(workDir, format === 'cjs' ? 'app.cjs' : 'app.mjs');
      const result = await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format,
        target: 'node22',
        logLevel: 'silent',
      });
      expect(result.warnings.map((warning) => warning.text)).toEqual([]);
      const { stdout } = await run(process.execPath, [outfile]);
      expect(JSON.parse(stdout)).toEqual({
        signed: 200,
        forged: 401,
        wati: 400,
        kinds: ['message'],
        providers: ['whatsapp-cloud', 'wati'],
        hmac: true,
      });
    } finally {
      await rm(entry, { force: true });
    }
  });
});
