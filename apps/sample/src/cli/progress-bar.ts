import type { CliOutput } from './cli-io.js';

/** Counts shown by the {@link ProgressBar}. */
export interface ProgressCounts {
  done: number;
  failed: number;
  total: number;
}

/**
 * `[##########··········]  50/100  50%  2 failed  12.5/s  eta 4s`: pure, for the bar and for tests.
 */
export function renderProgress(counts: ProgressCounts, elapsedMs: number, width = 20): string {
  const ratio = counts.total === 0 ? 1 : counts.done / counts.total;
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? (counts.done * 1000) / elapsedMs : 0;
  const remaining = counts.total - counts.done;
  const eta = rate > 0 && remaining > 0 ? `  eta ${formatDuration((remaining / rate) * 1000)}` : '';
  return (
    `[${'#'.repeat(filled)}${'·'.repeat(width - filled)}]  ${counts.done}/${counts.total}  ` +
    `${Math.floor(ratio * 100)}%  ${counts.failed} failed  ${rate.toFixed(1)}/s${eta}`
  );
}

function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * A progress bar on stderr. On a terminal it redraws one line; elsewhere (CI logs, files) it prints
 * a line at most every 10 % so logs stay short.
 */
export class ProgressBar {
  readonly #output: CliOutput;
  readonly #started: number;
  readonly #now: () => number;
  #counts: ProgressCounts;
  #lastPrintedTenth = -1;

  constructor(output: CliOutput, total: number, now: () => number = Date.now) {
    this.#output = output;
    this.#now = now;
    this.#started = now();
    this.#counts = { done: 0, failed: 0, total };
  }

  /** Shows the new counts. */
  update(done: number, failed: number): void {
    this.#counts = { ...this.#counts, done, failed };
    const line = renderProgress(this.#counts, this.#now() - this.#started);
    if (this.#output.isTTY === true) {
      this.#output.write(`\r\x1b[2K${line}`);
      return;
    }
    const tenth = Math.floor((done / Math.max(1, this.#counts.total)) * 10);
    if (tenth > this.#lastPrintedTenth) {
      this.#lastPrintedTenth = tenth;
      this.#output.write(`${line}\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.#output.isTTY === true) this.#output.write('\n');
  }
}
