import type { FileHandle } from 'node:fs/promises';
import { type BulkRecipientError, isBulkSendAborted } from '@switchboard/core';

/** One line of the results file. */
export interface BulkResultLine {
  line: number;
  to: string;
  ok: boolean;
  id?: string;
  error?: BulkRecipientError;
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

/** The results file: lines are buffered, then appended sorted by CSV line, `chunkSize` at a time. */
export class ResultsFile {
  pending: BulkResultLine[] = [];
  readonly tally = { sent: 0, failed: 0, notAttempted: 0 };

  constructor(
    private readonly options: { results: FileHandle; onProgress: (done: number, failed: number) => void },
  ) {}

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
