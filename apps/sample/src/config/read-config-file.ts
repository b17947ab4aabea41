import { readFile } from 'node:fs/promises';
import { ValidationError } from '@switchboard/core';

/**
 * Reads and parses a JSON config file. A syntax error is reported by line and column only: V8's
 * own message quotes the text around the error, which may be a secret.
 *
 * @throws {ValidationError} when the file cannot be read or is not JSON.
 */
export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
    throw new ValidationError(
      `Config file ${path} ${reason}: create it or point SWITCHBOARD_CONFIG elsewhere`,
      {
        issues: [{ path: '', message: `config file ${reason}` }],
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const where = syntaxErrorLocation(text, error);
    throw new ValidationError(`Config file ${path} is not valid JSON${where}: fix the syntax there`, {
      issues: [{ path: '', message: `not valid JSON${where}` }],
    });
  }
}

/** ` at line 3, column 7` from V8's `at position 42` (or its own line/column), or `''`. */
function syntaxErrorLocation(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (position === null) return text.trim() === '' ? ' (the file is empty)' : '';
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
