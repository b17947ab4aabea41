import type { ParseArgsOptionsConfig } from 'node:util';
import { type Contact, requireOperation, type Template } from '@switchboard/core';
import { withoutRaw } from '../../messages/without-raw.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { type GlobalOptions, parseCommandArgs } from '../global-options.js';
import { COMMAND_HELP } from '../help.js';
import { printResult, table } from '../output.js';
import { UsageError } from '../usage-error.js';
import { withRuntime } from '../with-runtime.js';

const PAGE_OPTIONS = {
  'page-size': { type: 'string' },
  cursor: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** `switchboard templates list`. */
export async function runTemplatesList(
  args: readonly string[],
  defaults: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const { values, global } = parseCommandArgs('templates', args, PAGE_OPTIONS, defaults);
  if (global.help) {
    io.stdout.write(COMMAND_HELP.templates);
    return EXIT_OK;
  }
  const options = pageOptions(values, 'templates');
  return withRuntime(io, global, async (runtime) => {
    const page = await requireOperation(runtime.provider, 'templates.list')(options);
    printResult(io.stdout, global.json, { ...page, items: withoutRaw(page.items) }, () =>
      pageText(
        page.items.length === 0
          ? 'No templates.'
          : table(
              ['NAME', 'LANGUAGE', 'CATEGORY', 'STATUS', 'PARAMETERS'],
              page.items.map((template: Template) => [
                template.name,
                template.language,
                template.category,
                template.status,
                template.parameterNames.join(', ') || '-',
              ]),
            ),
        page.nextCursor,
      ),
    );
    return EXIT_OK;
  });
}

/** `switchboard contacts list`. */
export async function runContactsList(
  args: readonly string[],
  defaults: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const { values, global } = parseCommandArgs(
    'contacts',
    args,
    { ...PAGE_OPTIONS, name: { type: 'string' } },
    defaults,
  );
  if (global.help) {
    io.stdout.write(COMMAND_HELP.contacts);
    return EXIT_OK;
  }
  const options = {
    ...pageOptions(values, 'contacts'),
    // The name filter is WATI's own option.
    ...(values.name === undefined ? {} : { providerOptions: { wati: { name: values.name } } }),
  };
  return withRuntime(io, global, async (runtime) => {
    const page = await requireOperation(runtime.provider, 'contacts.list')(options);
    printResult(io.stdout, global.json, { ...page, items: withoutRaw(page.items) }, () =>
      pageText(
        page.items.length === 0
          ? 'No contacts.'
          : table(
              ['PHONE', 'NAME', 'ATTRIBUTES'],
              page.items.map((contact: Contact) => [
                contact.phone,
                contact.name ?? '',
                Object.entries(contact.attributes)
                  .map(([key, value]) => `${key}=${value}`)
                  .join(' '),
              ]),
            ),
        page.nextCursor,
      ),
    );
    return EXIT_OK;
  });
}

function pageOptions(
  values: { 'page-size'?: string | undefined; cursor?: string | undefined },
  command: string,
): { pageSize?: number; cursor?: string } {
  const size = values['page-size'];
  if (size !== undefined && !/^[1-9]\d*$/.test(size))
    throw new UsageError('--page-size must be a positive integer', command);
  return {
    ...(size === undefined ? {} : { pageSize: Number(size) }),
    ...(values.cursor === undefined ? {} : { cursor: values.cursor }),
  };
}

function pageText(body: string, nextCursor: string | undefined): string {
  return nextCursor === undefined ? body : `${body}\n\nMore: --cursor ${nextCursor}`;
}
