import { type MultipartData, parseOrThrow, templateNameSchema } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { readV1BulkErrors } from './v1-bulk-errors.js';
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

/**
 * What WATI answered to a CSV broadcast. WATI gives no per-recipient ids; it may list the rows it
 * refused (in the v1 bulk `errors` shape). Every other row was accepted: delivery shows in the status
 * webhooks.
 */
export interface TemplateCsvResult {
  /** Numbers (digits) WATI reported as not WhatsApp numbers (`errors.invalidWhatsappNumbers`): not sent. */
  invalidNumbers: string[];
  /** Numbers (digits) whose template parameters WATI refused (`errors.invalidCustomParameters`): not sent. */
  invalidParameters: string[];
  /** WATI's answer. */
  raw: unknown;
}

/** The column names of a CSV's header row (quotes and a byte-order mark removed, lower-cased). */
function headerColumns(csv: string | Uint8Array): string[] {
  const text = typeof csv === 'string' ? csv : new TextDecoder().decode(csv.subarray(0, 4096));
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.split(',').map((column) => column.trim().replace(/^"|"$/g, '').toLowerCase());
}

const requestSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    templateName: templateNameSchema,
    broadcastName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    csv: z
      .custom<CsvSource>(
        (value) =>
          typeof value === 'string' ||
          value instanceof Uint8Array ||
          value instanceof Blob ||
          value instanceof ReadableStream ||
          (typeof value === 'object' && value !== null && Symbol.asyncIterator in value),
        { message: 'must be CSV text, bytes, a Blob or a stream of bytes' },
      )
      .check(
        z.refine(
          (csv) =>
            !(typeof csv === 'string' || csv instanceof Uint8Array) || headerColumns(csv).includes('phone'),
          "needs a header row with a Phone column (WATI's contact-import format)",
        ),
      ),
    filename: z.optional(z.string().check(z.minLength(1), z.maxLength(240))),
  }),
);

const csvResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(z.looseObject({ result: z.optional(z.unknown()), errors: z.optional(z.unknown()) })),
);

/**
 * `POST /api/v1/sendTemplateMessageCSV?template_name=…&broadcast_name=…` with the CSV as multipart
 * part `whatsapp_numbers_csv` (docs.wati.io/reference/sendtemplatemessagecsv). WATI documents no
 * response body; the rows it refuses are read from a v1 bulk `errors` object when it sends one, so
 * a refused number is never reported as sent.
 */
export async function postTemplateCsv(
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
  const { invalidNumbers, invalidParameters } = readV1BulkErrors(response.data?.errors);
  return {
    invalidNumbers: [...invalidNumbers.keys()],
    invalidParameters: [...invalidParameters.keys()],
    raw: response.data ?? null,
  };
}
