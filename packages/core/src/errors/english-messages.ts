import type { z } from 'zod/mini';
import englishLocale from 'zod/v4/locales/en.js';

let englishLocaleError: z.core.$ZodErrorMap | undefined;

/**
 * zod's English messages, with their tables built on the first issue: a process whose parses all
 * succeed (a cold start's first send) never builds them.
 */
const englishError: z.core.$ZodErrorMap = (issue) => {
  englishLocaleError ??= englishLocale().localeError as z.core.$ZodErrorMap;
  return englishLocaleError(issue);
};

/**
 * The parse options that give zod's issues English messages, for the errors Switchboard throws.
 * `zod/mini` carries no locale, and setting one with `z.config` would change the messages of every
 * zod schema in the application; a per-parse error map changes only the parses made here. A message
 * a schema sets itself still wins.
 */
export function englishParseOptions(): { error: z.core.$ZodErrorMap } {
  return { error: englishError };
}
