import {
  HttpTransport,
  resolveRateLimiter,
  type TransportRequest,
  type TransportResponse,
} from '@switchboard/core';
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

/** The HTTP side of a WATI provider: the transport, its auth headers, limiter and error mapper. */
export class WatiClient {
  readonly transport: HttpTransport;

  constructor(readonly options: ResolvedWatiOptions) {
    const { credential, connectionId } = options;
    const headers: Record<string, string> = { authorization: `Bearer ${credential}` };
    if (connectionId !== undefined) headers['maton-connection'] = connectionId;
    const rateLimiter = resolveRateLimiter(options.rateLimit, () =>
      createWatiRateLimiter({
        plan: options.plan,
        transport: options.transport,
        // Maton limits per account: the key's budget is shared with every provider using it.
        ...(options.transport === 'maton' ? { apiKey: credential } : {}),
      }),
    );
    const { retry, timeoutMs, dispatcher, hooks } = options;
    this.transport = new HttpTransport({
      provider: WATI_PROVIDER_ID,
      baseUrl: options.baseUrl,
      headers,
      secrets: [credential, ...(options.webhookSecret ? [options.webhookSecret.value] : [])],
      mapError: createWatiErrorMapper(options.transport),
      rateLimit: rateLimiter ?? false,
      retry,
      timeoutMs,
      dispatcher,
      hooks,
    });
  }

  /**
   * Sends a request, validates the JSON body with `schema`, and turns WATI's HTTP 200 soft failures
   * (`result: false`, `ok: false`, `result: "error"`) into typed errors.
   */
  async call<S extends z.ZodType>(request: WatiRequest, schema: S): Promise<TransportResponse<z.output<S>>> {
    const response = await this.transport.requestJson(request, schema);
    assertWatiSuccess(response.data, {
      operation: request.operation,
      url: response.url,
      status: response.status,
    });
    return response;
  }
}
