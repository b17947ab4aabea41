import type { FileHandle } from 'node:fs/promises';
import {
  type BulkRecipientError,
  type MessagingProvider,
  SwitchboardError,
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
 * Sends the template to every recipient through `sendBulk`, in chunks so progress can be shown and
 * results are written while the run goes on (a crash leaves the results so far on disk). Chunks follow
 * the provider's native batch size (WATI: up to 1000 per call, capped here at 250 for progress) or are
 * small fan-outs (WhatsApp Cloud has no bulk endpoint). A chunk that fails as a whole marks its
 * recipients failed; an error that would fail every chunk (credentials, validation) stops the run.
 */
export async function runBulk(options: RunBulkOptions): Promise<BulkSummary> {
  const { provider, recipients } = options;
  const batch = provider.limits.bulkBatchSize;
  const chunkSize = batch > 1 ? Math.min(batch, 250) : 10;
  let done = 0;
  let failed = 0;
  for (let start = 0; start < recipients.length; start += chunkSize) {
    const chunk = recipients.slice(start, start + chunkSize);
    let lines: BulkResultLine[];
    let fatal: BulkRecipientError | undefined;
    try {
      const result = await provider.sendBulk({
        template: options.template,
        ...(options.campaign === undefined ? {} : { campaign: options.campaign }),
        recipients: chunk.map(({ to, parameters }) => ({
          to,
          ...(parameters === undefined ? {} : { parameters }),
        })),
      });
      lines = chunk.map((recipient, index) => {
        const outcome = result.results[index];
        return {
          line: recipient.line,
          to: outcome?.to ?? recipient.to,
          ok: outcome?.ok === true,
          ...(outcome?.id === undefined ? {} : { id: outcome.id }),
          ...(outcome?.error === undefined ? {} : { error: outcome.error }),
        };
      });
    } catch (error) {
      const reason = toBulkRecipientError(error);
      if (SwitchboardError.isInstance(error) && FATAL_CODES.has(error.code)) fatal = reason;
      lines = chunk.map((recipient) => ({
        line: recipient.line,
        to: recipient.to,
        ok: false,
        error: reason,
      }));
    }
    // A fan-out reports such an error per recipient instead of throwing it.
    fatal ??= commonFatalError(lines);
    await options.results.appendFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    done += lines.length;
    failed += lines.filter((line) => !line.ok).length;
    options.onProgress(done, failed);
    if (fatal !== undefined) {
      return { sent: done - failed, failed, notAttempted: recipients.length - done, stoppedBy: fatal };
    }
  }
  return { sent: done - failed, failed, notAttempted: 0 };
}

/** The error of a chunk whose recipients all failed the same fatal way. */
function commonFatalError(lines: readonly BulkResultLine[]): BulkRecipientError | undefined {
  const first = lines[0]?.error;
  if (first === undefined || !FATAL_CODES.has(first.code)) return undefined;
  return lines.every((line) => !line.ok && line.error?.code === first.code) ? first : undefined;
}
