/** `T` without the keys whose value is `undefined`. */
export type WithoutUndefined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * A shallow copy of `value` without the keys set to `undefined`. JavaScript callers write
 * `{ maxRetries: undefined }` meaning "the default", and zod's `.optional()` keeps such a key; spread
 * over defaults it would replace a default with `undefined`. Options schemas end with this
 * transform, so an explicit `undefined` means exactly what an absent key means.
 */
export function omitUndefined<T extends object>(value: T): WithoutUndefined<T> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = item;
  return result as WithoutUndefined<T>;
}
