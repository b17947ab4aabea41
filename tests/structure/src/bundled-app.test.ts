import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Applications bundle Switchboard (serverless functions above all), to ES modules or to CommonJS, the
// default of several serverless bundlers. Each published entry must bundle without a warning and run
// once bundled: a module-level `import.meta`, say, is undefined in a CommonJS bundle. The bundle sends
// a text through each provider to a loopback server, so undici runs bundled too.

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
let workDir: string | undefined;

// What the Graph API and WATI answer to a text sent (as in ../../shared/contracts).
const GRAPH_SENT = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '16505551234', wa_id: '16505551234' }],
  messages: [{ id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' }],
};
const WATI_SENT = {
  ok: true,
  result: 'success',
  message: { id: '693fd65f961dc81779391640', text: 'hi', type: 'text', statusString: 'SENT' },
};
const received: string[] = [];
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received.push(`${request.method} ${request.url}`);
    const body = JSON.stringify(request.url?.includes('/api/v1/') ? WATI_SENT : GRAPH_SENT);
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
let origin = '';

beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

/** An ES module bundle calls undici's `require`s through this, as the README's "Bundling" says. */
const REQUIRE_FOR_ESM =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

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
const origin = process.env.SEND_ORIGIN;
const sent = [];
for (const provider of [
  createWhatsAppCloud({ transport: 'direct', baseUrl: origin, accessToken: 'token', phoneNumberId: '2', env: {} }),
  createWati({ transport: 'direct', baseUrl: origin + '/1', token: 'token', env: {} }),
]) {
  try {
    sent.push((await provider.send({ type: 'text', to: '+16505551234', text: 'hi' })).status);
  } catch (error) {
    sent.push({ name: error.name, message: error.message, retryable: error.retryable, requestMayHaveBeenSent: error.requestMayHaveBeenSent });
  }
  await provider.close();
}
console.log(JSON.stringify({ signed: signed.status, forged: forged.status, wati: watiAnswer.status, kinds, providers,
  hmac: hmacSha256Hex('k', 'v') === createHmac('sha256', 'k').update('v').digest('hex'), sent }));
}
main();
`;

/** Bundles the app as `format` into the work directory; the bundle's path and its inputs. */
async function bundle(format: 'esm' | 'cjs', banner: string | undefined) {
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
      metafile: true,
      ...(banner === undefined ? {} : { banner: { js: banner } }),
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => input.replaceAll('\\', '/'));
    return { outfile, inputs, warnings: result.warnings.map((warning) => warning.text) };
  } finally {
    await rm(entry, { force: true });
  }
}

async function runBundle(outfile: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [outfile], { env: { ...process.env, SEND_ORIGIN: origin } });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.each([
  ['esm', REQUIRE_FOR_ESM],
  ['cjs', undefined],
] as const)('an application bundled to %s', (format, banner) => {
  it('bundles every entry without a warning and runs, sending through undici bundled', async () => {
    const { outfile, inputs, warnings } = await bundle(format, banner);
    expect(warnings).toEqual([]);
    received.length = 0;
    expect(await runBundle(outfile)).toEqual({
      signed: 200,
      forged: 401,
      wati: 400,
      kinds: ['message'],
      providers: ['whatsapp-cloud', 'wati'],
      hmac: true,
      sent: ['accepted', 'accepted'],
    });
    expect(received).toEqual([
      'POST /v21.0/2/messages',
      expect.stringMatching(/^POST \/1\/api\/v1\/sendSessionMessage\/16505551234\?messageText=hi&/),
    ]);
    // undici's global dispatcher, not its index (WebSocket, the cache, the mocks, every interceptor).
    expect(inputs.some((input) => input.endsWith('/undici/lib/global.js'))).toBe(true);
    expect(
      inputs.filter((input) => /\/undici\/(index\.js|lib\/(web\/websocket|cache|mock)\/)/.test(input)),
    ).toEqual([]);
  });
});

describe('an application bundled to esm without require', () => {
  it('fails its sends with a NetworkError naming the cause, not sent and not retryable', async () => {
    const { outfile } = await bundle('esm', undefined);
    // Another undici beside the bundle (a project's node_modules) must not be loaded instead.
    const decoy = join(dirname(outfile), 'node_modules', 'undici');
    await mkdir(decoy, { recursive: true });
    await writeFile(
      join(decoy, 'package.json'),
      JSON.stringify({ name: 'undici', version: '6.0.0', main: 'index.js' }),
    );
    await writeFile(
      join(decoy, 'index.js'),
      "exports.getGlobalDispatcher = () => { throw new Error('the undici beside the bundle was loaded'); };",
    );
    received.length = 0;
    const { sent } = await runBundle(outfile);
    const failure = {
      name: 'NetworkError',
      message: expect.stringMatching(
        /Could not load undici: Dynamic require of "node:\w+" is not supported\. .*'Bundling an application'/,
      ),
      retryable: false,
      requestMayHaveBeenSent: false,
    };
    expect(sent).toEqual([failure, failure]);
    expect(received).toEqual([]);
  });
});
