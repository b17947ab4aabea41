import * as z from 'zod';

/** The version of {@link OutboxJobData}: a worker refuses jobs of a shape it does not know. */
export const OUTBOX_JOB_VERSION = 1;

/** Where a bulk recipient's job belongs. */
export interface BulkJobRef {
  id: string;
  index: number;
  /**
   * The campaign registration the job was made for. Not stored in the job (its data keeps the
   * shape workers of earlier versions accept): it is read back from the job id, see
   * {@link bulkJobRef}.
   */
  token?: string;
}

/** The id of a campaign's job: `bulk-<bulkId>-<token>-<index>`, or without a token for registrations of earlier versions. */
export function bulkJobId(bulkId: string, token: string | undefined, index: number): string {
  return token === undefined ? `bulk-${bulkId}-${index}` : `bulk-${bulkId}-${token}-${index}`;
}

/** A bulk job's reference with the registration token its id carries (see {@link bulkJobId}). */
export function bulkJobRef(jobId: string, bulk: { id: string; index: number }): BulkJobRef {
  const head = `bulk-${bulk.id}-`;
  const tail = `-${bulk.index}`;
  const token = jobId.slice(head.length, jobId.length - tail.length);
  return jobId.startsWith(head) && jobId.endsWith(tail) && token.length > 0 && !token.includes('-')
    ? { id: bulk.id, index: bulk.index, token }
    : { id: bulk.id, index: bulk.index };
}

/**
 * What a job stores in Redis: JSON only, so media bytes are base64 under {@link BYTES_TAG}. The
 * message stays as the caller wrote it (re-validated by the worker before sending), so a job
 * written before a schema change fails with the field that no longer validates.
 */
export interface OutboxJobData {
  v: typeof OUTBOX_JOB_VERSION;
  /** The name of the provider in the outbox's `providers`. */
  provider: string;
  message: unknown;
  idempotencyKey?: string;
  providerOptions?: Record<string, Record<string, unknown>>;
  bulk?: Pick<BulkJobRef, 'id' | 'index'>;
}

export const outboxJobDataSchema = z.strictObject({
  v: z.literal(OUTBOX_JOB_VERSION),
  provider: z.string().min(1),
  message: z.unknown(),
  idempotencyKey: z.string().min(1).optional(),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  bulk: z.strictObject({ id: z.string().min(1), index: z.number().int().nonnegative() }).optional(),
});

const BYTES_TAG = '$switchboard:bytes';

/**
 * Turns binary media (`Uint8Array`, `Blob`) into JSON-safe base64 so the message survives the
 * trip through Redis; everything else is copied as is.
 */
export async function encodeForJob(value: unknown): Promise<unknown> {
  if (value instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(value).toString('base64') };
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return { [BYTES_TAG]: Buffer.from(await value.arrayBuffer()).toString('base64') };
  }
  if (Array.isArray(value)) return Promise.all(value.map(encodeForJob));
  if (isPlainObject(value)) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await encodeForJob(item)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/** The inverse of {@link encodeForJob}: base64 media back to `Uint8Array`. */
export function decodeFromJob(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFromJob);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const bytes = value[BYTES_TAG];
    if (keys.length === 1 && typeof bytes === 'string') return new Uint8Array(Buffer.from(bytes, 'base64'));
    return Object.fromEntries(keys.map((key) => [key, decodeFromJob(value[key])]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
