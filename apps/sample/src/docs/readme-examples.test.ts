import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createWatiEmulator,
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../providers.js';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { SANDBOX_CLOUD_TEMPLATES, SANDBOX_WATI_TEMPLATES } from '../sandbox/shared-templates.js';
import {
  exampleModule,
  type ReadmeExample,
  readmeExamples,
  readmePaths,
} from '../test-support/readme-examples.js';

// Every TypeScript example in every README runs as written against the sandbox of each provider
// its annotation names (`<!-- example: run whatsapp-cloud wati -->`), or says why it does not
// (`<!-- example: skip … -->`); an example without an annotation fails here.
const examples: ReadmeExample[] = readmePaths().flatMap((path) => readmeExamples(path));
const WORK_DIR = fileURLToPath(new URL('../../.reports/readme-examples/', import.meta.url));
const LOOPBACK_ONLY = fileURLToPath(new URL('../test-support/loopback-only.ts', import.meta.url));

const CLOUD_TOKEN = 'readme-cloud-token';
const WATI_TOKEN = 'readme-wati-token';

/** Each provider's sandbox: the emulator with the sample's templates and contacts, and the variables and config file naming it. */
const sandboxes = new Map<
  ProviderId,
  { env: Record<string, string>; config: unknown; close(): Promise<void> }
>();

beforeAll(async () => {
  const cloud = createWhatsAppCloudEmulator({
    accessTokens: [CLOUD_TOKEN],
    appSecret: 'readme-app-secret',
    templates: [...SANDBOX_CLOUD_TEMPLATES],
  });
  const cloudServer = await cloud.listen();
  const cloudOptions = {
    transport: 'direct',
    accessToken: CLOUD_TOKEN,
    phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
    businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
    baseUrl: cloudServer.url,
  };
  sandboxes.set('whatsapp-cloud', {
    env: {
      SWITCHBOARD_PROVIDER: 'whatsapp-cloud',
      WHATSAPP_ACCESS_TOKEN: CLOUD_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: DEFAULT_CLOUD_PHONE_NUMBER.id,
      WHATSAPP_BUSINESS_ACCOUNT_ID: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      WHATSAPP_BASE_URL: cloudServer.url,
      WHATSAPP_APP_SECRET: 'readme-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'readme-verify-token',
    },
    config: { provider: 'whatsapp-cloud', 'whatsapp-cloud': cloudOptions },
    close: () => cloud.close(),
  });
  const wati = createWatiEmulator({
    tokens: [WATI_TOKEN],
    templates: [...SANDBOX_WATI_TEMPLATES],
    contacts: DEMO_CONTACTS.map((contact) => ({ whatsappNumber: contact.phone, name: contact.name })),
  });
  const watiServer = await wati.listen();
  sandboxes.set('wati', {
    env: {
      SWITCHBOARD_PROVIDER: 'wati',
      WATI_API_URL: watiServer.tenantUrl,
      WATI_API_TOKEN: WATI_TOKEN,
      WATI_WEBHOOK_SECRET: 'readme-webhook-secret',
    },
    config: {
      provider: 'wati',
      wati: { transport: 'direct', baseUrl: watiServer.tenantUrl, token: WATI_TOKEN },
    },
    close: () => wati.close(),
  });
  await rm(WORK_DIR, { recursive: true, force: true });
});

afterAll(async () => {
  for (const sandbox of sandboxes.values()) await sandbox.close();
});

function runNode(
  file: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', LOOPBACK_ONLY, file], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('finds the README examples, and every one says whether and where it runs', () => {
  expect(examples.length).toBeGreaterThan(20);
  expect(
    examples.filter((example) => example.problem !== undefined).map((e) => `${e.where}: ${e.problem}`),
  ).toStrictEqual([]);
  // The neutral examples are the point of the project: the root README's runs on both providers.
  expect(examples.find((example) => example.where.startsWith('README.md:'))?.providers).toStrictEqual([
    'whatsapp-cloud',
    'wati',
  ]);
});

const runs = examples.flatMap((example, index) =>
  example.providers.map((providerId) => ({ example, index, providerId })),
);

describe.each(runs)('$example.where on the $providerId sandbox', ({ example, index, providerId }) => {
  it('runs as written', async () => {
    const sandbox = sandboxes.get(providerId);
    if (sandbox === undefined) throw new Error(`no ${providerId} sandbox`);
    const dir = join(WORK_DIR, `${index}-${providerId}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'switchboard.config.json'), JSON.stringify(sandbox.config));
    const file = join(dir, 'example.ts');
    await writeFile(file, exampleModule(example));
    const { code, output } = await runNode(file, dir, sandbox.env);
    expect(code, `${example.where} on ${providerId}:\n${output}`).toBe(0);
  });
});
