import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { MediaSource } from '@switchboard/core';
import { UsageError } from './usage-error.js';

/** The image types WhatsApp takes, by file extension. */
const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

/**
 * `--image <url|path>`: an http(s) URL is passed for the provider to fetch; anything else is a local
 * file, read and sent as bytes.
 */
export async function imageSource(value: string, cwd: string): Promise<MediaSource> {
  if (/^https?:\/\//i.test(value)) return { url: value };
  const mimeType = IMAGE_TYPES[extname(value).toLowerCase()];
  if (mimeType === undefined) {
    throw new UsageError(`--image ${value}: use a .jpg, .jpeg or .png file, or an http(s) URL`, 'send');
  }
  const path = resolve(cwd, value);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw new UsageError(
      `--image ${value}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'send',
    );
  }
  return { data: new Uint8Array(data), mimeType, filename: basename(path) };
}
