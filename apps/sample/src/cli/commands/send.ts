import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import {
  type OutboundMessage,
  outboundMessageSchema,
  parseOrThrow,
  type ValidOutboundMessage,
} from '@switchboard/core';
import { messageFromJson } from '../../messages/message-from-json.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { type GlobalOptions, parseCommandArgs } from '../global-options.js';
import { COMMAND_HELP } from '../help.js';
import { imageSource } from '../image-source.js';
import { printResult } from '../output.js';
import { parseTemplateParameters } from '../template-parameters.js';
import { UsageError } from '../usage-error.js';
import { runtimeLabel, withRuntime } from '../with-runtime.js';

const OPTIONS = {
  to: { type: 'string' },
  text: { type: 'string' },
  image: { type: 'string' },
  caption: { type: 'string' },
  template: { type: 'string' },
  language: { type: 'string', default: 'en_US' },
  param: { type: 'string', multiple: true },
  message: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** `switchboard send`: one message, given by flags or as a full `OutboundMessage` JSON file. */
export async function runSend(args: readonly string[], defaults: GlobalOptions, io: CliIo): Promise<number> {
  const { values, global } = parseCommandArgs('send', messageFileShorthand(args), OPTIONS, defaults);
  if (global.help) {
    io.stdout.write(COMMAND_HELP.send);
    return EXIT_OK;
  }
  const message = await buildMessage(values, io.cwd);
  return withRuntime(io, global, async (runtime) => {
    const result = await runtime.provider.send(message);
    printResult(io.stdout, global.json, result, () =>
      [`Sent ${message.type} to ${result.to} via ${runtimeLabel(runtime.config)}`, `id: ${result.id}`].join(
        '\n',
      ),
    );
    return EXIT_OK;
  });
}

/**
 * `--json <file>` names the message file (as `--message <file>`) when a file name follows it; a bare
 * `--json` keeps selecting JSON output.
 */
function messageFileShorthand(args: readonly string[]): string[] {
  const rewritten: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const next = args[index + 1];
    if (arg === '--json' && next !== undefined && !next.startsWith('-')) {
      rewritten.push('--message', next);
      index++;
    } else if (arg.startsWith('--json=')) {
      rewritten.push(`--message=${arg.slice('--json='.length)}`);
    } else {
      rewritten.push(arg);
    }
  }
  return rewritten;
}

interface SendValues {
  to?: string | undefined;
  text?: string | undefined;
  image?: string | undefined;
  caption?: string | undefined;
  template?: string | undefined;
  language?: string | undefined;
  param?: string[] | undefined;
  message?: string | undefined;
}

/**
 * The message the flags or the file describe, validated with core's schema before any provider
 * starts: a bad value is a `ValidationError` naming the field (`to`, `buttons.0.title`, …).
 */
async function buildMessage(values: SendValues, cwd: string): Promise<ValidOutboundMessage> {
  const kinds = (['text', 'image', 'template', 'message'] as const).filter(
    (kind) => values[kind] !== undefined,
  );
  if (kinds.length !== 1) {
    throw new UsageError(
      kinds.length === 0
        ? 'say what to send: --text, --image, --template or --message <file>'
        : `give only one of --${kinds.join(', --')}`,
      'send',
    );
  }
  let input: unknown;
  if (values.message !== undefined) {
    if (values.to !== undefined)
      throw new UsageError('--to cannot be combined with --message: put "to" in the file', 'send');
    input = await readMessageFile(values.message, cwd);
  } else {
    input = await messageFromFlags(values, cwd);
  }
  return parseOrThrow(outboundMessageSchema, input, { what: 'message' });
}

/** The message `--text`, `--image` or `--template` (with `--to` and their companions) describe. */
async function messageFromFlags(values: SendValues, cwd: string): Promise<OutboundMessage> {
  if (values.to === undefined) throw new UsageError('--to <phone> is required', 'send');
  if (values.caption !== undefined && values.image === undefined)
    throw new UsageError('--caption goes with --image', 'send');
  if ((values.param?.length ?? 0) > 0 && values.template === undefined) {
    throw new UsageError('--param goes with --template', 'send');
  }
  const to = values.to;
  if (values.text !== undefined) return { type: 'text', to, text: values.text };
  if (values.image !== undefined) {
    return {
      type: 'image',
      to,
      media: await imageSource(values.image, cwd),
      ...(values.caption === undefined ? {} : { caption: values.caption }),
    };
  }
  if (values.template === undefined) {
    // Not reached: `buildMessage` checked that exactly one of the message flags is set.
    throw new UsageError('say what to send: --text, --image, --template or --message <file>', 'send');
  }
  const parameters = parseTemplateParameters(values.param ?? [], 'send');
  return {
    type: 'template',
    to,
    template: {
      name: values.template,
      language: values.language ?? 'en_US',
      ...(parameters === undefined ? {} : { parameters }),
    },
  };
}

/** The file's JSON, with base64 media decoded to bytes; validated by the caller. */
async function readMessageFile(file: string, cwd: string): Promise<unknown> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'send');
  }
  try {
    return messageFromJson(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UsageError(`${path} is not valid JSON`, 'send');
    throw error;
  }
}
