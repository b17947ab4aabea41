import type { FileHandle } from 'node:fs/promises';
import {
  type BulkRecipientError,
  type BulkStreamResult,
  isBulkSendAborted,
  type MessagingProvider,
  possiblySentError,
  SwitchboardError,
  streamBulk,
  toBulkRecipientError,
} from '@switchboard/core';
import type { BulkRecipient } from './bulk-recipients.js';
import { type BulkResultLine, BulkResultsWriteError, ResultsFile } from './bulk-results-file.js';

/** What {@link runBulk} did. */
export interface BulkSummary {
  sent: number;
  /** Recipients attempted and not sent (or possibly sent: see each line's error). */
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
 * of 100,000 recipients stays in bounded memory. Every recipient gets one line:
 *
 * - a batch the provider refuses marks its recipients failed;
 * - an error that would fail every later recipient too (credentials, validation) stops the run
 *   after `chunkSize` recipients in a row failed with it: the run is aborted, the results still
 *   coming are written as they settle (a send the abort interrupted says it may have been sent),
 *   and the recipients never attempted are written as `not sent: the bulk send was aborted`;
 * - a provider whose stream breaks off leaves the recipients it did not report marked as possibly
 *   sent, and one that ends without reporting some marks them as having no result (a custom
 *   provider's duplicate or out-of-range index is ignored).
 *
 * @throws {BulkResultsWriteError} when the results file cannot be written: sending stops at once,
 *   and the error carries the results not written.
 */
export async function runBulk(options: RunBulkOptions): Promise<BulkSummary> {
  const { provider, recipients } = options;
  const batch = provider.limits.bulkBatchSize;
  const chunkSize = batch > 1 ? Math.min(batch, 250) : 10;
  const stop = new AbortController();
  const iterator = streamBulk(
    provider,
    {
      template: options.template,
      ...(options.campaign === undefined ? {} : { campaign: options.campaign }),
      recipients: recipients.map(({ to, parameters }) => ({
        to,
        ...(parameters === undefined ? {} : { parameters }),
      })),
    },
    { signal: stop.signal },
  )[Symbol.asyncIterator]();
  let step: IteratorResult<BulkStreamResult, unknown>;
  try {
    step = await iterator.next();
  } catch (error) {
    return writeRefusal(options, chunkSize, error);
  }

  const file = new ResultsFile(options);
  const reported = new Uint8Array(recipients.length);
  const fatal = new FatalRun(Math.min(chunkSize, recipients.length));
  let writeFailure: { cause: unknown } | undefined;
  let notAttemptedAfterFailure = 0;
  const unrecorded: BulkResultLine[] = [];
  let brokenBy: { error: unknown } | undefined;
  let ended = false;
  try {
    for (; step.done !== true; step = await iterator.next()) {
      const { index } = step.value;
      // A custom provider's duplicate or out-of-range index is ignored: each recipient gets one line.
      if (!Number.isInteger(index) || index < 0 || index >= recipients.length || reported[index] === 1)
        continue;
      reported[index] = 1;
      const line = toLine(recipients, step.value);
      if (writeFailure !== undefined) {
        if (isBulkSendAborted(line.error)) notAttemptedAfterFailure++;
        else unrecorded.push(line);
        continue;
      }
      if (fatal.stoppedBy === undefined && fatal.add(line) !== undefined) stop.abort();
      try {
        await file.add(line, chunkSize);
      } catch (cause) {
        writeFailure = { cause };
        unrecorded.push(...file.takePending());
        stop.abort();
      }
    }
    ended = true;
  } catch (error) {
    brokenBy = { error };
  } finally {
    if (!ended) {
      stop.abort();
      try {
        await iterator.return?.();
      } catch {
        // The stream already failed; its first error is the one reported, below.
      }
    }
  }
  // Recipients the provider never reported: possibly sent when its stream broke off.
  for (const [index, recipient] of recipients.entries()) {
    if (reported[index] === 1) continue;
    const line = brokenBy === undefined ? noResultLine(recipient) : brokenOffLine(recipient, brokenBy.error);
    if (writeFailure === undefined) file.pending.push(line);
    else unrecorded.push(line);
  }
  if (writeFailure === undefined) {
    try {
      await file.flush();
    } catch (cause) {
      writeFailure = { cause };
      unrecorded.push(...file.takePending());
    }
  }
  if (writeFailure !== undefined) {
    throw new BulkResultsWriteError(unrecorded, notAttemptedAfterFailure, writeFailure.cause);
  }
  const { sent, failed, notAttempted } = file.tally;
  return fatal.stoppedBy === undefined
    ? { sent, failed, notAttempted }
    : { sent, failed, notAttempted, stoppedBy: fatal.stoppedBy };
}

/**
 * Recognizes a run of recipients that all failed the same fatal way: a fan-out reports such an
 * error per recipient instead of throwing it.
 */
class FatalRun {
  private length = 0;
  private error: BulkRecipientError | undefined;
  stoppedBy: BulkRecipientError | undefined;

  constructor(private readonly needed: number) {}

  /** Counts `line` in; returns the error once `needed` lines in a row failed with its code. */
  add(line: BulkResultLine): BulkRecipientError | undefined {
    const error = line.error;
    if (error === undefined || !FATAL_CODES.has(error.code)) {
      this.length = 0;
      return undefined;
    }
    if (this.error?.code === error.code) this.length++;
    else [this.error, this.length] = [error, 1];
    if (this.length >= this.needed) this.stoppedBy = this.error;
    return this.stoppedBy;
  }
}

function toLine(recipients: readonly BulkRecipient[], outcome: BulkStreamResult): BulkResultLine {
  return {
    line: (recipients[outcome.index] as BulkRecipient).line,
    to: outcome.to,
    ok: outcome.ok,
    ...(outcome.id === undefined ? {} : { id: outcome.id }),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  };
}

function noResultLine(recipient: BulkRecipient): BulkResultLine {
  return {
    line: recipient.line,
    to: recipient.to,
    ok: false,
    error: {
      code: 'unknown',
      message: 'the provider returned no result for this recipient',
      retryable: false,
    },
  };
}

function brokenOffLine(recipient: BulkRecipient, error: unknown): BulkResultLine {
  return {
    line: recipient.line,
    to: recipient.to,
    ok: false,
    error: possiblySentError(error, 'the bulk send broke off before reporting this recipient'),
  };
}

/**
 * The request was refused before anything was sent (it failed validation): every recipient fails
 * alike, or, for an error every recipient would hit, the first chunk shows it and the rest are not
 * attempted.
 */
async function writeRefusal(
  options: RunBulkOptions,
  chunkSize: number,
  error: unknown,
): Promise<BulkSummary> {
  const { recipients } = options;
  const reason = toBulkRecipientError(error);
  const fatal = SwitchboardError.isInstance(error) && FATAL_CODES.has(error.code) ? reason : undefined;
  const file = new ResultsFile(options);
  const chunk = fatal === undefined ? recipients : recipients.slice(0, chunkSize);
  file.pending = chunk.map((recipient) => ({
    line: recipient.line,
    to: recipient.to,
    ok: false,
    error: reason,
  }));
  try {
    await file.flush();
  } catch (writeError) {
    throw new BulkResultsWriteError(file.takePending(), recipients.length - chunk.length, writeError);
  }
  return fatal === undefined
    ? { sent: 0, failed: chunk.length, notAttempted: 0 }
    : { sent: 0, failed: chunk.length, notAttempted: recipients.length - chunk.length, stoppedBy: fatal };
}
