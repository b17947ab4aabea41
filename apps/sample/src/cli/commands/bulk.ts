import { access, type FileHandle, open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { recipientsFromCsv, refuseUnaddressableRecipients } from '../bulk-recipients.js';
import { BulkResultsWriteError } from '../bulk-results-file.js';
import { runBulk } from '../bulk-runner.js';
import { checkBulkTemplate } from '../bulk-template-check.js';
import type { CliIo } from '../cli-io.js';
import { confirm } from '../confirm.js';
import { CsvError, parseCsv } from '../csv.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { type GlobalOptions, parseCommandArgs } from '../global-options.js';
import { COMMAND_HELP } from '../help.js';
import { printResult } from '../output.js';
import { ProgressBar } from '../progress-bar.js';
import { UsageError } from '../usage-error.js';
import { loadCliConfig, runtimeLabel, withConfiguredRuntime } from '../with-runtime.js';

const OPTIONS = {
  template: { type: 'string' },
  language: { type: 'string', default: 'en_US' },
  csv: { type: 'string' },
  out: { type: 'string' },
  campaign: { type: 'string' },
  yes: { type: 'boolean', short: 'y', default: false },
} as const satisfies ParseArgsOptionsConfig;

/**
 * `switchboard bulk --template <name> --csv <file>`: one template to every row of a CSV, after a
 * confirmation, with progress on stderr and one result per recipient in a JSON-lines file.
 */
export async function runBulkCommand(
  args: readonly string[],
  defaults: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const { values, global } = parseCommandArgs('bulk', args, OPTIONS, defaults);
  if (global.help) {
    io.stdout.write(COMMAND_HELP.bulk);
    return EXIT_OK;
  }
  if (values.template === undefined) throw new UsageError('--template <name> is required', 'bulk');
  if (values.csv === undefined) throw new UsageError('--csv <file> is required', 'bulk');
  const csvPath = resolve(io.cwd, values.csv);
  const recipients = recipientsFromCsv(await readCsv(csvPath, values.csv), values.csv);
  const config = await loadCliConfig(io, global);
  const template = { name: values.template, language: values.language };
  const outPath = resolve(
    io.cwd,
    values.out ?? `bulk-results-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`,
  );
  // Checked before asking: the results of an earlier run are the only record of what it sent.
  await refuseExisting(outPath);

  if (!values.yes && io.stdin.isTTY !== true) {
    throw new UsageError(
      `refusing to send to ${recipients.length} recipient(s) without confirmation: stdin is not a terminal. ` +
        'Add --yes to send without asking',
      'bulk',
    );
  }

  return withConfiguredRuntime(io, config, async (runtime) => {
    refuseUnaddressableRecipients(recipients, runtime.provider, values.csv as string);
    // Every row's parameters are checked against the template before anything is sent.
    const check = await checkBulkTemplate(runtime.provider, template, recipients, values.csv as string);
    if (!check.checked) {
      io.stderr.write(`note: the template's parameters were not checked (${check.reason})\n`);
    }
    if (!values.yes) {
      const question = `Send template "${template.name}" (${template.language}) to ${recipients.length} recipient(s) via ${runtimeLabel(config)}?`;
      if (!(await confirm(question, io.stdin, io.stderr))) {
        io.stderr.write('Cancelled: nothing was sent.\n');
        return EXIT_FAILURE;
      }
    }
    const results = await openResults(outPath);
    try {
      const progress = new ProgressBar(io.stderr, recipients.length);
      progress.update(0, 0);
      const summary = await runBulk({
        provider: runtime.provider,
        template,
        ...(values.campaign === undefined ? {} : { campaign: values.campaign }),
        recipients,
        results,
        onProgress: (done, failed) => progress.update(done, failed),
      }).catch((error: unknown) => {
        // Known outcomes the file could not take are not lost: they go to stderr, one JSON line each.
        if (error instanceof BulkResultsWriteError) {
          progress.finish();
          for (const line of error.unrecorded) io.stderr.write(`${JSON.stringify(line)}\n`);
        }
        throw error;
      });
      progress.finish();
      const document = { ...summary, total: recipients.length, resultsFile: outPath };
      printResult(io.stdout, global.json, document, () =>
        [
          `Sent ${summary.sent} of ${recipients.length} via ${runtimeLabel(config)}; ${summary.failed} failed.`,
          ...(summary.stoppedBy === undefined
            ? []
            : [
                `Stopped early (${summary.stoppedBy.code}): ${summary.stoppedBy.message}; ${summary.notAttempted} not attempted.`,
              ]),
          `Results: ${outPath}`,
        ].join('\n'),
      );
      return summary.failed > 0 || summary.notAttempted > 0 ? EXIT_FAILURE : EXIT_OK;
    } finally {
      await results.close();
    }
  });
}

async function readCsv(path: string, given: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${given} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'bulk',
    );
  }
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`${given}: ${error.message}`, 'bulk');
    throw error;
  }
}

async function refuseExisting(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    return;
  }
  throw alreadyExists(path);
}

/** Creates the results file; never overwrites one (`wx`), even one created since {@link refuseExisting}. */
async function openResults(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyExists(path);
    throw new UsageError(`cannot write the results file ${path} (${code ?? 'error'})`, 'bulk');
  }
}

function alreadyExists(path: string): UsageError {
  return new UsageError(
    `the results file ${path} already exists and would be overwritten: pass another --out, or remove it first`,
    'bulk',
  );
}
