import {
  HttpTransport,
  resolveRateLimiter,
  type TransportRequest,
  type TransportResponse,
} from '@switchboard/core';
import type { z } from 'zod';
import { createWatiErrorMapper } from './map-wati-error.js';
import { createWatiRateLimiter, type WatiRateLimitGroup } from './rate-limits.js';
import { type ResolvedWatiOptions, WATI_GATEWAY_API, WATI_PROVIDER_ID } from './wati-options.js';
import { assertWatiSuccess } from './wati-soft-failure.js';

/** A WATI request: every call names its operation and rate-limit group. */
export interface WatiRequest extends TransportRequest {
  operation: string;
  rateLimitGroup: WatiRateLimitGroup;
}

/**
 * The HTTP side of a WATI provider around core's transport: the base URL (the `baseUrl` option,
 * else the gateway's WATI base URL), the headers (the gateway's, else the WATI token as a bearer
 * token), the limiter (WATI's per-endpoint limits with the gateway's account limiter) and the error
 * mapper. A gateway's `rewritePath` applies to every request path.
 */
export class WatiClient {
  readonly transport: HttpTransport;
  readonly #rewritePath: ((path: string) => string) | undefined;

  constructor(readonly options: ResolvedWatiOptions) {
    const { gateway, token } = options;
    const rateLimiter = resolveRateLimiter(options.rateLimit, () =>
      createWatiRateLimiter({ plan: options.plan, ...(gateway === undefined ? {} : { gateway }) }),
    );
    const rewritePath = gateway?.rewritePath;
    this.#rewritePath =
      rewritePath === undefined ? undefined : (path) => rewritePath.call(gateway, WATI_GATEWAY_API, path);
    const { retry, timeoutMs, dispatcher, hooks } = options;
    this.transport = new HttpTransport({
      provider: WATI_PROVIDER_ID,
      baseUrl: options.baseUrl,
      headers: gateway === undefined ? { authorization: `Bearer ${token}` } : () => gateway.headers(),
      secrets: [
        ...(token === undefined ? [] : [token]),
        ...(gateway?.secrets ?? []),
        ...(options.webhookSecret ? [options.webhookSecret.value] : []),
      ],
      mapError: createWatiErrorMapper({ gateway }),
      rateLimit: rateLimiter ?? false,
      retry,
      timeoutMs,
      dispatcher,
      hooks,
    });
  }

  /**
   * Sends a request, validates the JSON body with `schema`, and turns WATI's HTTP 200 soft failures
   * (`result: false`, `ok: false`, `result: "error"`) into typed errors. Returns the whole response
   * (`data`, `status`, `url`, `headers`).
   */
  async call<S extends z.ZodType>(request: WatiRequest, schema: S): Promise<TransportResponse<z.output<S>>> {
    const response = await this.transport.requestJson(this.#route(request), schema);
    assertWatiSuccess(response.data, {
      operation: request.operation,
      url: response.url,
      status: response.status,
    });
    return response;
  }

  /** Sends a request whose answer is a file: the bytes, unredacted (see {@link redact}). */
  bytes(request: WatiRequest): Promise<TransportResponse<Uint8Array>> {
    return this.transport.requestBytes(this.#route(request));
  }

  /** Removes every secret of this client (token, gateway secrets, webhook secret) from a text. */
  redact(text: string): string {
    return this.transport.redact(text);
  }

  #route(request: WatiRequest): WatiRequest {
    return this.#rewritePath === undefined ? request : { ...request, path: this.#rewritePath(request.path) };
  }
}
