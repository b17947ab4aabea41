// runBulk over scripted providers built on core's real fan-out: every recipient ends up in exactly
// one place (the results file, the error's unrecorded lines, or not attempted), whatever stops the run.
// The command over the real adapters and emulators is tested in commands/bulk.test.ts.
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiError,
  type BulkStreamResult,
  fanOutStream,
  isBulkSendAborted,
  type MessagingProvider,
  ValidationError,
} from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkRecipient } from './bulk-recipients.js';
import { type BulkResultLine, BulkResultsWriteError } from './bulk-results-file.js';
import { runBulk } from './bulk-runner.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bulk-runner-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const recipients: BulkRecipient[] = Array.from({ length: 30 }, (_, index) => ({
  line: index + 2,
  to: `4477009${String(index).padStart(5, '0')}`,
}));

/** A one-at-a-time provider (batch size 1) whose per-recipient sends are `send`, fanned out by core. */
function fanOutProvider(send: (to: string, signal: AbortSignal) => Promise<{ id: string }>) {
  const sent: string[] = [];
  const provider = {
    id: 'scripted',
    limits: { bulkBatchSize: 1 },
    sendBulk: () => Promise.reject(new Error('runBulk streams')),
    sendBulkStream: (request: { recipients: readonly { to: string }[] }, options: { signal?: AbortSignal }) =>
      fanOutStream(
        request.recipients,
        async ({ to }, signal) => {
          const result = await send(to, signal);
          sent.push(to);
          return result;
        },
        options.signal === undefined ? {} : { signal: options.signal },
      ),
  } as unknown as MessagingProvider;
  return { provider, sent };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A custom provider (batch size 1) whose bulk stream is `stream`. */
function streamingProvider(stream: () => AsyncGenerator<BulkStreamResult>): MessagingProvider {
  return {
    id: 'custom',
    limits: { bulkBatchSize: 1 },
    sendBulk: () => Promise.reject(new Error('runBulk streams')),
    sendBulkStream: stream,
  } as unknown as MessagingProvider;
}

/** Runs `runBulk` into a new results file: its summary and the file's lines. */
async function runToFile(
  provider: MessagingProvider,
  options: {
    recipients?: readonly BulkRecipient[];
    onProgress?: (done: number, failed: number) => void;
  } = {},
) {
  const path = join(directory, 'results.jsonl');
  const results = await open(path, 'wx');
  const summary = await runBulk({
    provider,
    template: { name: 'promo', language: 'en' },
    recipients: options.recipients ?? recipients,
    results,
    onProgress: options.onProgress ?? (() => {}),
  }).finally(() => results.close());
  const lines = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as BulkResultLine);
  return { summary, lines };
}

describe('runBulk', () => {
  it('after a fatal error, writes every result still coming and each recipient not attempted', async () => {
    const invalid = new Set(recipients.slice(0, 10).map((recipient) => recipient.to));
    const { provider, sent } = fanOutProvider(async (to) => {
      await turn();
      if (invalid.has(to)) throw new ValidationError('template parameter missing');
      return { id: `id-${to}` };
    });
    const { summary, lines } = await runToFile(provider);
    expect(lines.map((line) => line.line).toSorted((a, b) => a - b)).toStrictEqual(
      recipients.map((recipient) => recipient.line),
    );
    expect(summary.stoppedBy?.code).toBe('validation_failed');
    // Every message that went out is in the file as sent: none is left looking unattempted.
    expect(lines.filter((line) => line.ok).map((line) => line.to)).toStrictEqual(
      expect.arrayContaining(sent),
    );
    expect(summary.sent).toBe(sent.length);
    expect(summary.notAttempted).toBe(lines.filter((line) => isBulkSendAborted(line.error)).length);
    expect(summary.notAttempted).toBeGreaterThan(0);
    expect(summary.sent + summary.failed + summary.notAttempted).toBe(recipients.length);
  });

  it('stops when the results file cannot be written, handing back every result it could not write', async () => {
    const { provider, sent } = fanOutProvider(async (to) => {
      await turn();
      return { id: `id-${to}` };
    });
    const written: string[] = [];
    let appends = 0;
    const results = {
      appendFile: async (text: string) => {
        appends++;
        if (appends === 2) throw new Error('ENOSPC: no space left on device');
        written.push(text);
      },
    } as unknown as Parameters<typeof runBulk>[0]['results'];
    const error = await runBulk({
      provider,
      template: { name: 'promo', language: 'en' },
      recipients,
      results,
      onProgress: () => {},
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BulkResultsWriteError);
    const failure = error as BulkResultsWriteError;
    expect(failure.message).toContain('ENOSPC');
    const inFile = written
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as BulkResultLine).to);
    const unrecorded = failure.unrecorded.map((line) => line.to);
    expect(inFile).toHaveLength(10);
    expect(unrecorded.filter((to) => inFile.includes(to))).toStrictEqual([]);
    // Each message sent is either in the file or handed back; the rest were never attempted.
    expect([...inFile, ...unrecorded].toSorted()).toStrictEqual(expect.arrayContaining(sent.toSorted()));
    expect(inFile.length + unrecorded.length + failure.notAttempted).toBe(recipients.length);
    expect(failure.notAttempted).toBeGreaterThan(0);
  });

  it('marks the recipients a broken stream never reported as possibly sent', async () => {
    const provider = streamingProvider(async function* () {
      yield { index: 1, to: recipients[1]?.to ?? '', ok: true, id: 'one' };
      throw new ApiError('connection reset', { code: 'network_error' });
    });
    const { summary, lines } = await runToFile(provider, { recipients: recipients.slice(0, 3) });
    expect(summary).toStrictEqual({ sent: 1, failed: 2, notAttempted: 0 });
    expect(lines.map((line) => [line.line, line.ok, line.error?.retryable])).toStrictEqual([
      [2, false, false],
      [3, true, undefined],
      [4, false, false],
    ]);
    expect(lines[0]?.error?.message).toContain('it may have been sent');
  });

  it('gives one line per recipient whatever indices a custom provider reports, and closes its stream', async () => {
    let closed = false;
    const provider = streamingProvider(async function* () {
      try {
        yield { index: 0, to: recipients[0]?.to ?? '', ok: true, id: 'once' };
        yield { index: 0, to: recipients[0]?.to ?? '', ok: true, id: 'twice' };
        yield { index: 99, to: 'nobody', ok: true, id: 'out of range' };
        yield { index: 0.5, to: 'nobody', ok: true, id: 'not an index' };
      } finally {
        closed = true;
      }
    });
    const { summary, lines } = await runToFile(provider, { recipients: recipients.slice(0, 3) });
    expect(summary).toStrictEqual({ sent: 1, failed: 2, notAttempted: 0 });
    expect(lines.map((line) => [line.line, line.id ?? line.error?.message])).toStrictEqual([
      [2, 'once'],
      [3, 'the provider returned no result for this recipient'],
      [4, 'the provider returned no result for this recipient'],
    ]);
    expect(closed).toBe(true);
  });

  it('goes on when showing progress fails', async () => {
    const { provider } = fanOutProvider(async (to) => ({ id: `id-${to}` }));
    const { summary, lines } = await runToFile(provider, {
      onProgress: () => {
        throw new Error('EPIPE');
      },
    });
    expect(summary).toStrictEqual({ sent: 30, failed: 0, notAttempted: 0 });
    expect(lines).toHaveLength(30);
  });
});
