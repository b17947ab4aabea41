import { type CliIo, processIo } from './cli-io.js';
import { runBulkCommand } from './commands/bulk.js';
import { runContactsList, runTemplatesList } from './commands/list.js';
import { runSend } from './commands/send.js';
import { runServe } from './commands/serve.js';
import { EXIT_OK, exitCodeOf } from './exit-codes.js';
import type { GlobalOptions } from './global-options.js';
import { COMMAND_HELP, type HelpTopic, TOP_HELP } from './help.js';
import { reportError } from './report-error.js';
import { UsageError } from './usage-error.js';

/**
 * Runs the `switchboard` CLI and resolves with its exit code. Output goes to `io`, so tests call it
 * in-process with captured streams.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const { global, rest } = leadingGlobalOptions(argv);
  try {
    const [command, ...args] = rest;
    if (command === undefined || command === 'help') {
      const topic = args[0];
      if (command === 'help' && topic !== undefined) {
        if (!isHelpTopic(topic)) throw new UsageError(`unknown command "${topic}"`);
        io.stdout.write(COMMAND_HELP[topic]);
        return EXIT_OK;
      }
      if (command === undefined && !global.help) throw new UsageError('missing command');
      io.stdout.write(TOP_HELP);
      return EXIT_OK;
    }
    switch (command) {
      case 'send':
        return await runSend(args, global, io);
      case 'bulk':
        return await runBulkCommand(args, global, io);
      case 'serve':
        return await runServe(args, global, io);
      case 'templates':
        return await runSubcommand('templates', args, global, io, runTemplatesList);
      case 'contacts':
        return await runSubcommand('contacts', args, global, io, runContactsList);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    reportError(error, { stdout: io.stdout, stderr: io.stderr, json: global.json || wantsJson(rest) });
    return exitCodeOf(error);
  }
}

/** `templates list` and `contacts list`: `list` is the only subcommand, and `--help` works without it. */
function runSubcommand(
  command: 'templates' | 'contacts',
  args: readonly string[],
  global: GlobalOptions,
  io: CliIo,
  run: (args: readonly string[], global: GlobalOptions, io: CliIo) => Promise<number>,
): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'list') return run(rest, global, io);
  if (global.help || subcommand === '--help' || subcommand === '-h') {
    io.stdout.write(COMMAND_HELP[command]);
    return Promise.resolve(EXIT_OK);
  }
  throw new UsageError(
    subcommand === undefined
      ? `say what to do: ${command} list`
      : `unknown subcommand "${command} ${subcommand}"`,
    command,
  );
}

/** Global options written before the command (`switchboard --json send …`). */
function leadingGlobalOptions(argv: readonly string[]): { global: GlobalOptions; rest: string[] } {
  const global: GlobalOptions = { config: undefined, json: false, help: false };
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--json') global.json = true;
    else if (arg === '--help' || arg === '-h') global.help = true;
    else if ((arg === '--config' || arg === '-c') && argv[index + 1] !== undefined)
      global.config = argv[++index];
    else if (arg.startsWith('--config=')) global.config = arg.slice('--config='.length);
    else break;
  }
  return { global, rest: argv.slice(index) };
}

/**
 * Whether the command line asks for JSON output, for errors thrown before (or while) the command
 * parsed it. `send --json <file>` names a message file instead.
 */
function wantsJson(rest: readonly string[]): boolean {
  return rest.some(
    (arg, index) =>
      arg === '--json' &&
      (rest[0] !== 'send' || rest[index + 1] === undefined || rest[index + 1]?.startsWith('-')),
  );
}

function isHelpTopic(value: string): value is HelpTopic {
  return Object.hasOwn(COMMAND_HELP, value);
}
