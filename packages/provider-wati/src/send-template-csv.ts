import { type MultipartData, parseOrThrow, templateNameSchema } from '@switchboard/core';
import { z } from 'zod';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

/** The CSV of a {@link TemplateCsvRequest}: text, bytes, a `Blob`, or a stream of bytes. */
export type CsvSource = string | Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** A template broadcast to the numbers of a CSV file; see `WatiProvider.sendTemplateCsv`. */
export interface TemplateCsvRequest {
  /** The template's name as WATI lists it (`elementName`). */
  templateName: string;
  /** The broadcast's name in WATI's dashboard; defaults to the template name. */
  broadcastName?: string;
  /**
   * WATI's contact-import CSV: a header row with a `Phone` column (country code included, or a
   * separate `CountryCode` column) and, for templates with variables, one column per parameter
   * name. A stream is sent as it is read, so the request is not retried.
   */
  csv: CsvSource;
  /** File name of the upload. Default `recipients.csv`. */
  filename?: string;
  signal?: AbortSignal;
}

/** What WATI answered to a CSV broadcast: it only confirms acceptance, with no per-recipient results. */
export interface TemplateCsvResult {
  raw: unknown;
}

const requestSchema = z.object({
  templateName: templateNameSchema,
  broadcastName: z.string().min(1).max(200).optional(),
  csv: z.custom<CsvSource>(
    (value) =>
      typeof value === 'string' ||
      value instanceof Uint8Array ||
      value instanceof Blob ||
      value instanceof ReadableStream ||
      (typeof value === 'object' && value !== null && Symbol.asyncIterator in value),
    { message: 'must be CSV text, bytes, a Blob or a stream of bytes' },
  ),
  filename: z.string().min(1).max(240).optional(),
});

const csvResponseSchema = z.looseObject({ result: z.unknown().optional() }).nullish();

/**
 * `POST /api/v1/sendTemplateMessageCSV?template_name=…&broadcast_name=…` with the CSV as multipart
 * part `whatsapp_numbers_csv` (docs.wati.io/reference/sendtemplatemessagecsv). WATI documents no
 * response body and no per-recipient outcome: delivery shows in the status webhooks and dashboard.
 */
export async function sendTemplateCsv(
  client: WatiClient,
  request: TemplateCsvRequest,
): Promise<TemplateCsvResult> {
  const parsed = parseOrThrow(requestSchema, request, {
    what: 'CSV template send',
    provider: WATI_PROVIDER_ID,
  });
  const data: MultipartData =
    typeof parsed.csv === 'string' ? new TextEncoder().encode(parsed.csv) : parsed.csv;
  const response = await client.call(
    {
      method: 'POST',
      path: '/api/v1/sendTemplateMessageCSV',
      query: {
        template_name: parsed.templateName,
        broadcast_name: parsed.broadcastName ?? parsed.templateName,
      },
      body: {
        type: 'multipart',
        parts: [
          {
            name: 'whatsapp_numbers_csv',
            data,
            filename: parsed.filename ?? 'recipients.csv',
            contentType: 'text/csv',
          },
        ],
      },
      operation: 'send.templateCsv',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templateSend,
      ...(request.signal ? { signal: request.signal } : {}),
    },
    csvResponseSchema,
  );
  return { raw: response.data ?? null };
}
