// Cold start, the cost a serverless function pays on every new instance: a fresh `node` process
// that (a) imports one published entry point, or (b) imports a provider and gets one text accepted
// by a loopback server. Every contender, whatsapp-api-js as the reference and a bare process as the
// baseline, runs once per round in the same order (interleaved), so a load change on the machine
// hits them all alike. Each process reports its own CPU time and peak RSS; the wall time is taken
// from spawn to exit.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledContenders } from './bundle-app.ts';
import { median } from './measure.ts';
import { startJsonServer } from './start-server.ts';

const cwd = fileURLToPath(new URL('..', import.meta.url));

/** Printed by every child last: CPU time since the process started and its peak RSS. */
const REPORT = `{const u=process.cpuUsage();process.stdout.write(JSON.stringify({cpuMs:(u.user+u.system)/1000,maxRssKiB:process.resourceUsage().maxRSS}));process.exit(0)}`;

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
}

/** A child process: the code it runs, and variables added to this process's environment. */
export interface Contender {
  name: string;
  code: string;
  env?: Record<string, string>;
}

function runChild({ code, env }: Contender): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `${code}\n${REPORT}`], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`cold-start child failed: ${result.stderr.toString()}`);
  const { cpuMs, maxRssKiB } = JSON.parse(result.stdout.toString()) as Omit<Sample, 'wallMs'>;
  return { wallMs, cpuMs, maxRssKiB };
}

/** One contender's medians, and the same over the bare process of the same run. */
export interface ColdStartResult {
  name: string;
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  overBare: { wallMs: number; cpuMs: number; maxRssMiB: number };
}

function summarize(name: string, samples: Sample[], bare: Sample[]): ColdStartResult {
  const stats = (list: Sample[]) => ({
    wallMs: median(list.map((s) => s.wallMs)),
    cpuMs: median(list.map((s) => s.cpuMs)),
    maxRssMiB: median(list.map((s) => s.maxRssKiB)) / 1024,
  });
  const own = stats(samples);
  const base = stats(bare);
  return {
    name,
    ...own,
    overBare: {
      wallMs: own.wallMs - base.wallMs,
      cpuMs: own.cpuMs - base.cpuMs,
      maxRssMiB: own.maxRssMiB - base.maxRssMiB,
    },
  };
}

/** Runs every contender once per round, in order, `runs` rounds; the first contender is the baseline. */
function interleaved(contenders: readonly Contender[], runs: number) {
  // Warms the file cache (and the compile cache of a contender that has one).
  for (const contender of contenders) runChild(contender);
  const samples = contenders.map(() => [] as Sample[]);
  for (let round = 0; round < runs; round++) {
    for (const [index, contender] of contenders.entries()) samples[index]?.push(runChild(contender));
  }
  const bare = samples[0] ?? [];
  return contenders.map((contender, index) => summarize(contender.name, samples[index] ?? [], bare));
}

/** Median import cost of each entry point over a bare process (which imports nothing). */
export function benchImports(entries: readonly string[], runs: number): ColdStartResult[] {
  return interleaved(
    [
      { name: '(bare node)', code: '' },
      ...entries.map((entry) => ({ name: entry, code: `await import(${JSON.stringify(entry)});` })),
    ],
    runs,
  );
}

const PHONE_NUMBER_ID = '106540352242922';

/**
 * The first-send contenders against a loopback server at `origin`: a bare process, each provider and
 * whatsapp-api-js, each importing, creating and getting one text accepted (it throws otherwise).
 */
export function firstSendContenders(origin: string): Contender[] {
  const o = JSON.stringify(origin);
  const check = (expr: string) => `if (!(${expr})) throw new Error('the first send was not accepted');`;
  return [
    { name: '(bare node)', code: '' },
    {
      name: '@switchboard/provider-whatsapp-cloud',
      code: `const { createWhatsAppCloud } = await import('@switchboard/provider-whatsapp-cloud');
const provider = createWhatsAppCloud({ transport: 'direct', baseUrl: ${o}, accessToken: 'bench-token-123456', phoneNumberId: '${PHONE_NUMBER_ID}' });
const result = await provider.send({ type: 'text', to: '+1 650 555 1234', text: 'Hello' });
${check("result.status === 'accepted' && result.id.startsWith('wamid.')")}`,
    },
    {
      name: '@switchboard/provider-wati',
      code: `const { createWati } = await import('@switchboard/provider-wati');
const provider = createWati({ transport: 'direct', baseUrl: ${JSON.stringify(`${origin}/123456`)}, token: 'bench-token-123456' });
const result = await provider.send({ type: 'text', to: '+1 650 555 1234', text: 'Hello' });
${check("result.status === 'accepted'")}`,
    },
    {
      name: 'whatsapp-api-js',
      code: `const { WhatsAppAPI } = await import('whatsapp-api-js');
const { Text } = await import('whatsapp-api-js/messages');
const api = new WhatsAppAPI({ token: 'bench-token-123456', secure: false, v: 'v21.0',
  ponyfill: { fetch: (url, init) => fetch(String(url).replace('https://graph.facebook.com', ${o}), init) } });
const result = await api.sendMessage('${PHONE_NUMBER_ID}', '16505551234', new Text('Hello'));
${check("result.messages?.[0]?.id?.startsWith('wamid.')")}`,
    },
  ];
}

/**
 * Fresh process → provider imported → one text accepted by a loopback server (in its own process).
 * With `compileCacheDir`, every process (the bare one too) runs with `NODE_COMPILE_CACHE` there: V8's
 * code cache, which a first, unmeasured process fills, as a serverless image or a CLI's earlier
 * run would have. With `bundleDir`, each contender's code is bundled there with its dependencies
 * first (`bundle-app.ts`), as a serverless function is often shipped.
 */
export async function benchFirstSend(
  runs: number,
  { compileCacheDir, bundleDir }: { compileCacheDir?: string; bundleDir?: string } = {},
): Promise<ColdStartResult[]> {
  const { origin, child } = await startJsonServer();
  try {
    let contenders = firstSendContenders(origin);
    if (bundleDir !== undefined) contenders = await bundledContenders(contenders, cwd, bundleDir);
    if (compileCacheDir !== undefined) {
      contenders = contenders.map((contender) => ({
        ...contender,
        env: { NODE_COMPILE_CACHE: compileCacheDir },
      }));
    }
    return interleaved(contenders, runs);
  } finally {
    child.disconnect();
  }
}
