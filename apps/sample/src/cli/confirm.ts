import type { CliInput, CliOutput } from './cli-io.js';

/** Asks a yes/no question on a terminal; only `y` or `yes` (any case) is a yes. */
export async function confirm(question: string, input: CliInput, output: CliOutput): Promise<boolean> {
  output.write(`${question} [y/N] `);
  const answer = await readLine(input);
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}

async function readLine(input: CliInput): Promise<string | undefined> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const end = text.indexOf('\n');
    if (end !== -1) return text.slice(0, end);
  }
  return text === '' ? undefined : text;
}
