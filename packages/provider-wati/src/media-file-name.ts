/**
 * The WATI file name (`data/images/<uuid>.jpg`) a media reference stands for. Webhooks give a full
 * URL, `https://<host>/<tenant>/api/file/showFile?fileName=data/images/<uuid>.jpg`; message history
 * gives the bare path. Both work with `getMedia?fileName=…`.
 *
 * @returns `undefined` for an absolute URL without a `fileName` parameter.
 */
export function watiFileName(reference: string): string | undefined {
  const text = reference.trim();
  if (text === '') return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    return new URL(text).searchParams.get('fileName') ?? undefined;
  } catch {
    return undefined;
  }
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}
