import type { FileHandle } from 'node:fs/promises';
import {
  type BulkRecipientError,
  type BulkStreamResult,
  isBulkSendAborted,
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

/**
 * The results file could not be written, so sending stopped (the sends in flight were aborted).
 * `unrecorded` holds every result known but not written, the lines already written stay valid, and
 * the recipients in neither were not attempted.
 */
export class BulkResultsWriteError extends Error {
  override readonly name = 'BulkResultsWriteError';

  constructor(
    readonly unrecorded: readonly BulkResultLine[],
    readonly notAttempted: number,
    cause: unknown,
  ) {
    super(
      `Could not write the results file (${cause instanceof Error ? cause.message : String(cause)}): sending stopped; ${unrecorded.length} result(s) were not written to it and ${notAttempted} recipient(s) were not attempted`,
      { cause },
    );
  }
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
 *   sent.
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
  try {
    for (; step.done !== true; step = await iterator.next()) {
      reported[step.value.index] = 1;
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
  } catch (error) {
    // The provider's stream broke off: what it did not report may have been sent.
    for (const [index, recipient] of recipients.entries()) {
      if (reported[index] === 1) continue;
      const brokenOff = brokenOffLine(recipient, error);
      if (writeFailure === undefined) file.pending.push(brokenOff);
      else unrecorded.push(brokenOff);
    }
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

/** The results file: lines are buffered, then appended sorted by CSV line, `chunkSize` at a time. */
class ResultsFile {
  pending: BulkResultLine[] = [];
  readonly tally = { sent: 0, failed: 0, notAttempted: 0 };

  constructor(private readonly options: Pick<RunBulkOptions, 'results' | 'onProgress'>) {}

  async add(line: BulkResultLine, chunkSize: number): Promise<void> {
    this.pending.push(line);
    if (this.pending.length >= chunkSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending.toSorted((a, b) => a.line - b.line);
    await this.options.results.appendFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    this.pending = [];
    for (const line of lines) {
      if (line.ok) this.tally.sent++;
      else if (isBulkSendAborted(line.error)) this.tally.notAttempted++;
      else this.tally.failed++;
    }
    const { sent, failed, notAttempted } = this.tally;
    try {
      this.options.onProgress(sent + failed + notAttempted, failed + notAttempted);
    } catch {
      // Progress is a courtesy: the results file is the record, and a run must not stop for it.
    }
  }

  /** The lines not written yet, taken out. */
  takePending(): BulkResultLine[] {
    const lines = this.pending;
    this.pending = [];
    return lines;
  }
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

function brokenOffLine(recipient: BulkRecipient, error: unknown): BulkResultLine {
  const reason = toBulkRecipientError(error);
  return {
    line: recipient.line,
    to: recipient.to,
    ok: false,
    error: {
      ...reason,
      message: `the bulk send broke off before reporting this recipient: ${reason.message} (it may have been sent: check its status webhooks before resending)`,
      retryable: false,
    },
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
