import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisServer, startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { RedisConnectionError } from '@switchboard/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxAppConfig } from '../config/app-config.js';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { FAST_STATUSES, getJson, postJson } from '../test-support/sandbox-app.js';
import { type RunningServer, startServer } from './start-server.js';

const [ada, grace] = DEMO_CONTACTS as [(typeof DEMO_CONTACTS)[number], (typeof DEMO_CONTACTS)[number]];

let redis: RedisServer;
let app: RunningServer;
const sentJobs: string[] = [];

function sandboxConfig(redisUrl: string): SandboxAppConfig {
  return {
    mode: 'sandbox',
    providerId: 'whatsapp-cloud',
    transport: 'direct',
    source: { kind: 'default' },
    reason: 'test',
    queue: { redisUrl, queueName: 'sample-outbox-test' },
  };
}

beforeAll(async () => {
  redis = await startRedisServer();
  app = await startServer({
    config: sandboxConfig(redis.url),
    port: 0,
    statusDelaysMs: FAST_STATUSES,
    seed: false,
  });
  app.outbox?.on('sent', ({ jobId }) => sentJobs.push(jobId));
});
afterAll(async () => {
  await app?.close();
  await redis?.[Symbol.asyncDispose]();
});

/** Reads until `done` holds: the worker runs in the background. Polls; asserts nothing about time. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await sleep(10);
  }
}

const job = (jobId: string) => getJson(`${app.url}/api/jobs/${jobId}`);
const settled = (response: { body: Record<string, unknown> }) =>
  response.body.state === 'completed' || response.body.state === 'failed';

interface InboxMessage {
  id: string;
  status: string;
  jobId?: string;
  error?: { code: string };
}
async function inboxMessages(phone: string): Promise<InboxMessage[]> {
  const { body } = await getJson(`${app.url}/api/conversations`);
  const conversations = body.conversations as { phone: string; messages: InboxMessage[] }[];
  return conversations.find((conversation) => conversation.phone === phone)?.messages ?? [];
}

describe('the sample app with REDIS_URL: sends go through the outbox', () => {
  it('says so in /healthz', async () => {
    expect((await getJson(`${app.url}/healthz`)).body).toMatchObject({ outbox: true, sandbox: true });
  });

  it('answers 202 with the job, and the inbox shows it queued, then under its SendResult id', async () => {
    const response = await postJson(`${app.url}/api/messages`, {
      type: 'text',
      to: `+${ada.phone}`,
      text: 'queued hello',
    });
    expect(response.status).toBe(202);
    expect(response.body).toStrictEqual({
      jobId: expect.any(String),
      duplicate: false,
      status: 'queued',
      to: ada.phone,
    });
    const jobId = response.body.jobId as string;

    const done = await eventually(() => job(jobId), settled);
    expect(done.body).toMatchObject({
      jobId,
      state: 'completed',
      result: { status: 'accepted', to: ada.phone },
    });
    const resultId = (done.body.result as { id: string }).id;
    const shown = await eventually(
      () => inboxMessages(ada.phone),
      (messages) => messages.some((message) => message.id === resultId),
    );
    expect(shown.filter((message) => message.jobId === jobId)).toStrictEqual([
      expect.objectContaining({ id: resultId, jobId }),
    ]);
  });

  it('sends a message once for a repeated Idempotency-Key: the same job, duplicate: true', async () => {
    const message = { type: 'text', to: `+${grace.phone}`, text: 'only once' };
    const headers = { 'idempotency-key': 'sample-order-4711' };
    const first = await postJson(`${app.url}/api/messages`, message, headers);
    const second = await postJson(`${app.url}/api/messages`, message, headers);
    expect(first.body).toMatchObject({ duplicate: false });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ jobId: first.body.jobId, duplicate: true });
    await eventually(() => job(first.body.jobId as string), settled);
    expect(sentJobs.filter((jobId) => jobId === first.body.jobId)).toHaveLength(1);
    const messages = await inboxMessages(grace.phone);
    expect(messages.filter((shown) => shown.jobId === first.body.jobId)).toHaveLength(1);
  });

  it('refuses an invalid message with 400 naming the field, and enqueues nothing', async () => {
    const before = await app.outbox?.queue.count();
    const response = await postJson(`${app.url}/api/messages`, {
      type: 'text',
      to: 'not a number',
      text: 'x',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', issues: [{ path: 'to' }] });
    expect(await app.outbox?.queue.count()).toBe(before);
  });

  it('marks a job that fails for good (an unknown template) failed in the inbox, with the neutral code', async () => {
    const response = await postJson(`${app.url}/api/messages`, {
      type: 'template',
      to: `+${ada.phone}`,
      template: { name: 'no_such_template_anywhere', language: 'en_US' },
    });
    expect(response.status).toBe(202);
    const jobId = response.body.jobId as string;
    const done = await eventually(() => job(jobId), settled);
    expect(done.body).toMatchObject({ state: 'failed', error: { code: 'template_not_found' } });
    const messages = await eventually(
      () => inboxMessages(ada.phone),
      (shown) => shown.some((message) => message.jobId === jobId && message.status === 'failed'),
    );
    expect(messages.find((message) => message.jobId === jobId)).toMatchObject({
      id: `queued:${jobId}`,
      error: { code: 'template_not_found' },
    });
  });

  it('enqueues a bulk send, one job per recipient, and reports its progress', async () => {
    const { body } = await getJson(`${app.url}/api/templates?pageSize=50`);
    const template = (
      body.items as { name: string; language: string; status: string; parameterNames: string[] }[]
    ).find((candidate) => candidate.status === 'approved' && candidate.parameterNames.length === 0);
    if (template === undefined) throw new Error('the sandbox has no approved template without parameters');
    const response = await postJson(`${app.url}/api/bulk`, {
      template: { name: template.name, language: template.language },
      recipients: [{ to: ada.phone }, { to: grace.phone }],
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ bulkId: expect.any(String), status: 'queued' });
    expect(response.body.jobIds).toHaveLength(2);

    const progress = await eventually(
      () => getJson(`${app.url}/api/bulk/${response.body.bulkId as string}`),
      (answer) => (answer.body.pending as number | undefined) === 0,
    );
    expect(progress.body).toMatchObject({ total: 2, sent: 2, failed: 0 });
    expect((await getJson(`${app.url}/api/bulk/no-such-bulk`)).status).toBe(404);
    expect((await getJson(`${app.url}/api/jobs/no-such-job`)).status).toBe(404);
  });
});

describe('the sample app with a REDIS_URL where no Redis answers', () => {
  it('does not start, naming the address without its password', async () => {
    const down = await startRedisServer();
    const url = `redis://:hunter2-password@127.0.0.1:${down.port}`;
    await down[Symbol.asyncDispose]();
    const error = await startServer({ config: sandboxConfig(url), port: 0, seed: false }).catch(
      (reason: unknown) => reason,
    );
    expect(RedisConnectionError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain(`127.0.0.1:${down.port}`);
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});
