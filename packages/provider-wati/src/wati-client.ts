import {
  HttpTransport,
  resolveRateLimiter,
  type TransportRequest,
  type TransportResponse,
} from '@switchboard/core';
import type { z } from 'zod/mini';
import { createWatiErrorMapper } from './map-wati-error.js';
import { type WatiRateLimitGroup, watiRateLimiter } from './rate-limits.js';
import { type ResolvedWatiOptions, WATI_GATEWAY_API, WATI_PROVIDER_ID } from './wati-options.js';
import { assertWatiSuccess } from './wati-soft-failure.js';

/** A WATI request: every call names its operation and rate-limit group. */
export interface WatiRequest extends TransportRequest {
  operation: string;
  rateLimitGroup: WatiRateLimitGroup;
  /** `v3`: the path is a V3 path (`/api/ext/v3/…`), sent to the V3 base URL (no tenant segment). */
  api?: 'v3';
}

/**
 * The HTTP side of a WATI provider around core's transport: the base URL (the `baseUrl` option,
 * else the gateway's WATI base URL), the headers (the gateway's, else the WATI token as a bearer
 * token), the limiter (WATI's per-endpoint limits with the gateway's account limiter) and the error
 * mapper. A gateway's `rewritePath` applies to every request path.
 */
export class WatiClient {
  readonly transport: HttpTransport;
  /** The transport of V3 requests (same headers, limiter, hooks; the V3 base URL); `undefined` for `legacy`. */
  readonly v3Transport: HttpTransport | undefined;
  readonly #rewritePath: ((path: string) => string) | undefined;

  constructor(readonly options: ResolvedWatiOptions) {
    const { gateway } = options;
    const rateLimiter = resolveRateLimiter(options.rateLimit, () =>
      watiRateLimiter(options.plan, gateway?.rateLimiter),
    );
    const rewritePath = gateway?.rewritePath;
    this.#rewritePath =
      rewritePath === undefined ? undefined : (path) => rewritePath.call(gateway, WATI_GATEWAY_API, path);
    // One limiter for both transports: WATI's limits are per account, whichever API a call uses.
    const transportFor = (baseUrl: string) => new HttpTransport(this.#transportOptions(baseUrl, rateLimiter));
    this.transport = transportFor(options.baseUrl);
    this.v3Transport = options.v3BaseUrl === undefined ? undefined : transportFor(options.v3BaseUrl);
  }

  #transportOptions(
    baseUrl: string,
    rateLimiter: ReturnType<typeof resolveRateLimiter>,
  ): ConstructorParameters<typeof HttpTransport>[0] {
    const { options } = this;
    const { gateway, token } = options;
    const { retry, timeoutMs, dispatcher, hooks } = options;
    return {
      provider: WATI_PROVIDER_ID,
      baseUrl,
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
    };
  }

  /**
   * Sends a request, validates the JSON body with `schema`, and turns WATI's HTTP 200 soft failures
   * (`result: false`, `ok: false`, `result: "error"`, V3's `success: false`) into typed errors. Returns the whole response
   * (`data`, `status`, `url`, `headers`).
   */
  async call<S extends z.ZodMiniType>(
    request: WatiRequest,
    schema: S,
  ): Promise<TransportResponse<z.output<S>>> {
    const response = await this.#transportOf(request).requestJson(this.#route(request), schema);
    assertWatiSuccess(response.data, () => ({
      operation: request.operation,
      url: response.url,
      status: response.status,
    }));
    return response;
  }

  /** Sends a request whose answer is a file: the bytes, unredacted (see {@link redact}). */
  bytes(request: WatiRequest): Promise<TransportResponse<Uint8Array>> {
    return this.#transportOf(request).requestBytes(this.#route(request));
  }

  /** Removes every secret of this client (token, gateway secrets, webhook secret) from a text. */
  redact(text: string): string {
    return this.transport.redact(text);
  }

  #transportOf(request: WatiRequest): HttpTransport {
    if (request.api !== 'v3') return this.transport;
    if (this.v3Transport === undefined) {
      // A V3 request is only built when api is 'v3', which always has a V3 transport.
      throw new Error(`WATI ${request.operation}: a V3 request without api: 'v3'`);
    }
    return this.v3Transport;
  }

  #route(request: WatiRequest): WatiRequest {
    return this.#rewritePath === undefined ? request : { ...request, path: this.#rewritePath(request.path) };
  }
}
