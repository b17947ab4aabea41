import { buildUrl, HttpTransport, resolveRateLimiter, type TransportRequest } from '@switchboard/core';
import type { z } from 'zod';
import { createWatiErrorMapper } from './map-wati-error.js';
import { createWatiRateLimiter, type WatiRateLimitGroup } from './rate-limits.js';
import { type ResolvedWatiOptions, WATI_PROVIDER_ID } from './wati-options.js';
import { assertWatiSuccess } from './wati-soft-failure.js';

/** A WATI request: every call names its operation and rate-limit group. */
export interface WatiRequest extends TransportRequest {
  operation: string;
  rateLimitGroup: WatiRateLimitGroup;
}

/** A checked WATI response. */
export interface WatiResponse<T> {
  data: T;
  status: number;
  /** The request URL with secrets redacted, for errors. */
  url: string;
  headers: Readonly<Record<string, string>>;
}

/** The HTTP side of a WATI provider: the transport, its auth headers, limiter and error mapper. */
export class WatiClient {
  readonly transport: HttpTransport;

  constructor(readonly options: ResolvedWatiOptions) {
    const { credential, connectionId } = options;
    const headers: Record<string, string> = { authorization: `Bearer ${credential}` };
    if (connectionId !== undefined) headers['maton-connection'] = connectionId;
    const rateLimiter = resolveRateLimiter(options.rateLimit, () =>
      createWatiRateLimiter({ plan: options.plan, transport: options.transport }),
    );
    this.transport = new HttpTransport({
      provider: WATI_PROVIDER_ID,
      baseUrl: options.baseUrl,
      headers,
      secrets: [credential, ...(options.webhookSecret ? [options.webhookSecret.value] : [])],
      mapError: createWatiErrorMapper(options.transport),
      ...(rateLimiter === undefined ? { rateLimit: false as const } : { rateLimit: rateLimiter }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    });
  }

  /** The redacted URL of a request, for error messages. */
  urlOf(request: Pick<TransportRequest, 'path' | 'query'>): string {
    return this.transport.redact(buildUrl(this.transport.baseUrl, request.path, request.query));
  }

  /**
   * Sends a request, validates the JSON body with `schema`, and turns WATI's HTTP 200 soft failures
   * (`result: false`, `ok: false`, `result: "error"`) into typed errors.
   */
  async call<S extends z.ZodType>(request: WatiRequest, schema: S): Promise<WatiResponse<z.output<S>>> {
    const response = await this.transport.requestJson(request, schema);
    const url = this.urlOf(request);
    assertWatiSuccess(response.data, { operation: request.operation, url, status: response.status });
    return { data: response.data, status: response.status, url, headers: response.headers };
  }
}
