import { type RedisServer, startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from '@switchboard/provider-whatsapp-cloud';
import {
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_ACCESS_TOKEN,
  DEFAULT_CLOUD_PHONE_NUMBER,
  type LoopbackServer,
  type WhatsAppCloudEmulator,
} from '@switchboard/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { OutboxJobStatus } from '../job-status.js';
import type { Outbox } from '../outbox.js';
import type { OutboxEvents } from '../outbox-events.js';

/** A WhatsApp Cloud emulator on loopback and a provider pointed at it, without transport retries. */
export interface CloudHarness {
  emulator: WhatsAppCloudEmulator;
  server: LoopbackServer;
  provider: () => WhatsAppCloudProvider;
  /** Requests that reached `POST …/messages`, keyed by the text they carried. */
  textSends: () => Map<string, number>;
  close(): Promise<void>;
}

export async function startCloudHarness(): Promise<CloudHarness> {
  const emulator = createWhatsAppCloudEmulator();
  const server = await emulator.listen();
  const providers: WhatsAppCloudProvider[] = [];
  return {
    emulator,
    server,
    provider: () => {
      const provider = createWhatsAppCloud({
        transport: 'direct',
        baseUrl: server.url,
        accessToken: DEFAULT_CLOUD_ACCESS_TOKEN,
        phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
        // The outbox decides about retries; the transport gives each failure straight back.
        retry: false,
        timeoutMs: 5_000,
      });
      providers.push(provider);
      return provider;
    },
    textSends: () => {
      const counts = new Map<string, number>();
      for (const request of server.requests) {
        if (request.method !== 'POST' || !request.path.endsWith('/messages')) continue;
        const body = request.json() as { text?: { body?: string } };
        const text = body.text?.body;
        if (text !== undefined) counts.set(text, (counts.get(text) ?? 0) + 1);
      }
      return counts;
    },
    async close() {
      await Promise.all(providers.map((provider) => provider.close()));
      await emulator.close();
    },
  };
}

/** Resolves with the next `event` of `outbox` whose payload satisfies `match`. */
export function nextEvent<E extends 'sent' | 'failed' | 'retrying'>(
  outbox: Outbox,
  event: E,
  match: (payload: OutboxEvents[E][0]) => boolean = () => true,
): Promise<OutboxEvents[E][0]> {
  return new Promise((resolve) => {
    const listener = (payload: OutboxEvents[E][0]) => {
      if (!match(payload)) return;
      outbox.off(event, listener as never);
      resolve(payload);
    };
    outbox.on(event, listener as never);
  });
}

/** Resolves once `count` jobs ended (sent or failed), with their ids by outcome. */
export function collectOutcomes(
  outbox: Outbox,
  count: number,
): Promise<{ sent: string[]; failed: OutboxEvents['failed'][0][] }> {
  const sent: string[] = [];
  const failed: OutboxEvents['failed'][0][] = [];
  return new Promise((resolve) => {
    const check = () => {
      if (sent.length + failed.length === count) resolve({ sent, failed });
    };
    outbox.on('sent', (event) => {
      sent.push(event.jobId);
      check();
    });
    outbox.on('failed', (event) => {
      failed.push(event);
      check();
    });
  });
}

/** How the jobs of a run ended, read from Redis: the ids that completed, and the failures. */
export interface EndStates {
  sent: string[];
  failed: { jobId: string; message: string }[];
}

/**
 * Resolves once every job of `jobIds` is `completed` or `failed` in Redis, polling `getJob`.
 *
 * Tests that crash Redis or cut its connections wait on this rather than on events: an event can be
 * missed when Redis dies after finishing a job and before answering (the worker's client resends the
 * command and BullMQ reports a missing lock), while the job's state in Redis is still right.
 */
export async function waitForEndStates(outbox: Outbox, jobIds: readonly string[]): Promise<EndStates> {
  for (;;) {
    const statuses = await Promise.all(jobIds.map((jobId) => outbox.getJob(jobId)));
    const ended = statuses.filter(
      (status): status is OutboxJobStatus => status?.state === 'completed' || status?.state === 'failed',
    );
    if (ended.length === jobIds.length) {
      return {
        sent: ended.filter((status) => status.state === 'completed').map((status) => status.jobId),
        failed: ended
          .filter((status) => status.state === 'failed')
          .map((status) => ({ jobId: status.jobId, message: status.error?.message ?? '' })),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A plain client for assertions on what is stored. */
export function inspect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

let counter = 0;
/** A queue name unique in this run, so tests sharing one Redis do not see each other's jobs. */
export function uniqueQueue(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}`;
}

/** The Redis server and Cloud harness a test file shares; set once its `beforeAll` ran. */
export interface OutboxTestbed {
  readonly redis: RedisServer;
  readonly cloud: CloudHarness;
}

/**
 * Starts a Redis server and a Cloud harness before the file's tests and stops them after, through
 * vitest's hooks; with `resetHandlers`, handlers a test added to the harness are dropped after it.
 */
export function useOutboxTestbed(options: { resetHandlers?: boolean } = {}): OutboxTestbed {
  let redis: RedisServer | undefined;
  let cloud: CloudHarness | undefined;
  beforeAll(async () => {
    [redis, cloud] = await Promise.all([startRedisServer(), startCloudHarness()]);
  });
  if (options.resetHandlers === true) afterEach(() => cloud?.server.resetHandlers());
  afterAll(async () => {
    await cloud?.close();
    await redis?.[Symbol.asyncDispose]();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the outbox testbed is used before its beforeAll ran');
    return value;
  };
  return {
    get redis() {
      return started(redis);
    },
    get cloud() {
      return started(cloud);
    },
  };
}

/**
 * Makes every call of the ioredis script command `command` (defined on `client` already) run twice
 * and answer with the second run: what ioredis does when a dropped connection lost a reply and it
 * sends the command again after reconnecting.
 */
export function replayEachCall(client: object, command: string): void {
  const commands = client as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = commands[command];
  if (original === undefined) throw new Error(`${command} is not defined on this client yet`);
  commands[command] = async (...args: unknown[]) => {
    await original.apply(client, args);
    return original.apply(client, args);
  };
}
