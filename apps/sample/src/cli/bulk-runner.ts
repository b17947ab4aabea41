import type { FileHandle } from 'node:fs/promises';
import {
  type BulkRecipientError,
  type MessagingProvider,
  SwitchboardError,
  streamBulk,
  toBulkRecipientError,
} from '@switchboard/core';
import type { BulkRecipient } from './bulk-recipients.js';

/** One line of the results file. */
export interface BulkResultLine {
  line: number;
  to: string;
  ok: boolean;
  id?: string;
  error?: BulkRecipientError;
}

/** What {@link runBulk} did. */
export interface BulkSummary {
  sent: number;
  failed: number;
  /** Recipients not attempted because an error made going on pointless (bad credentials, say). */
  notAttempted: number;
  /** That error, when the run stopped early. */
  stoppedBy?: BulkRecipientError;
}

/** Options of {@link runBulk}. */
export interface RunBulkOptions {
  provider: MessagingProvider;
  template: { name: string; language: string };
  campaign?: string;
  recipients: readonly BulkRecipient[];
  /** Where each recipient's result is appended as a JSON line, as soon as it is known. */
  results: FileHandle;
  onProgress: (done: number, failed: number) => void;
}

/** Errors every later chunk would hit too: going on would only fail every remaining recipient. */
const FATAL_CODES: ReadonlySet<string> = new Set([
  'auth_failed',
  'unsupported_feature',
  'validation_failed',
  'template_not_found',
]);

/**
 * Sends the template to every recipient through core's `streamBulk` (the provider's
 * `sendBulkStream`): results are written as they settle, in flushes of a few lines so progress
 * shows and a crash leaves the results so far on disk, and nothing is held per recipient, so a run
 * of 100,000 recipients stays in bounded memory. A batch the provider refuses marks its recipients
 * failed; an error that would fail every later recipient too (credentials, validation) stops the
 * run after `chunkSize` recipients in a row failed with it (the sends still in flight then are
 * aborted and counted as not attempted).
 */
export async function runBulk(options: RunBulkOptions): Promise<BulkSummary> {
  const { provider, recipients } = options;
  const batch = provider.limits.bulkBatchSize;
  const chunkSize = batch > 1 ? Math.min(batch, 250) : 10;
  let done = 0;
  let failed = 0;
  let pending: BulkResultLine[] = [];
  let fatalRun: BulkResultLine[] = [];
  let fatal: BulkRecipientError | undefined;
  const flush = async () => {
    if (pending.length === 0) return;
    const lines = pending.sort((a, b) => a.line - b.line);
    pending = [];
    await options.results.appendFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    done += lines.length;
    failed += lines.filter((line) => !line.ok).length;
    options.onProgress(done, failed);
  };
  try {
    const stream = streamBulk(provider, {
      template: options.template,
      ...(options.campaign === undefined ? {} : { campaign: options.campaign }),
      recipients: recipients.map(({ to, parameters }) => ({
        to,
        ...(parameters === undefined ? {} : { parameters }),
      })),
    });
    for await (const outcome of stream) {
      const line: BulkResultLine = {
        line: (recipients[outcome.index] as BulkRecipient).line,
        to: outcome.to,
        ok: outcome.ok,
        ...(outcome.id === undefined ? {} : { id: outcome.id }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      };
      pending.push(line);
      // A fan-out reports such an error per recipient instead of throwing it.
      fatalRun = line.error !== undefined && FATAL_CODES.has(line.error.code) ? [...fatalRun, line] : [];
      fatal =
        fatalRun.length >= Math.min(chunkSize, recipients.length) ? commonFatalError(fatalRun) : undefined;
      if (fatal !== undefined) break;
      if (pending.length >= chunkSize) await flush();
    }
  } catch (error) {
    // Thrown before anything was sent (the request failed validation): every recipient fails alike.
    const reason = toBulkRecipientError(error);
    if (SwitchboardError.isInstance(error) && FATAL_CODES.has(error.code)) fatal = reason;
    const chunk = fatal === undefined ? recipients : recipients.slice(0, chunkSize);
    pending = chunk.map((recipient) => ({
      line: recipient.line,
      to: recipient.to,
      ok: false,
      error: reason,
    }));
  }
  await flush();
  if (fatal !== undefined) {
    return { sent: done - failed, failed, notAttempted: recipients.length - done, stoppedBy: fatal };
  }
  return { sent: done - failed, failed, notAttempted: 0 };
}

/** The error of a chunk whose recipients all failed the same fatal way. */
function commonFatalError(lines: readonly BulkResultLine[]): BulkRecipientError | undefined {
  const first = lines[0]?.error;
  if (first === undefined || !FATAL_CODES.has(first.code)) return undefined;
  return lines.every((line) => !line.ok && line.error?.code === first.code) ? first : undefined;
}
