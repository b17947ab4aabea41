import {
  ApiError,
  HttpTransport,
  type RateLimiter,
  resolveRateLimiter,
  type TransportRequest,
  type TransportResponse,
  urlPath,
} from '@switchboard/core';
import type { z } from 'zod/mini';
import { successSchema } from './graph-schemas.js';
import { createWhatsAppCloudErrorMapper } from './map-whatsapp-cloud-error.js';
import {
  GRAPH_BASE_URL,
  type ResolvedWhatsAppCloudOptions,
  WHATSAPP_CLOUD_GATEWAY_API,
  WHATSAPP_CLOUD_PROVIDER_ID,
} from './whatsapp-cloud-options.js';

/** A Graph request; the path is relative to `/{apiVersion}`. Every call names its operation. */
export interface WhatsAppCloudRequest extends Omit<TransportRequest, 'path'> {
  /** Path after the version, built with `urlPath`, e.g. `/106540352242922/messages`. */
  path: string;
  operation: string;
}

/**
 * The HTTP side of a WhatsApp Cloud provider around core's transport: base URL, auth headers,
 * limiter, error mapper and versioned paths, directly against Graph or through a gateway.
 *
 * - base URL: the `baseUrl` option, else the gateway's base for `whatsapp-business`, else Graph's;
 * - headers: the gateway's (its credential), else `Authorization: Bearer <accessToken>`;
 * - limiter: the `rateLimit` option, else the gateway's (Maton's account budget), else none;
 * - errors: Graph error bodies first, then the gateway's own answers (see `map-whatsapp-cloud-error.ts`);
 * - paths: `/{apiVersion}/…`, then the gateway's `rewritePath`, if it has one.
 */
export class WhatsAppCloudClient {
  readonly transport: HttpTransport;
  /** The limiter every request of this instance draws on, if any. */
  readonly rateLimiter: RateLimiter | undefined;

  constructor(readonly options: ResolvedWhatsAppCloudOptions) {
    const { gateway, retry, timeoutMs, dispatcher, hooks } = options;
    const bearer = { authorization: `Bearer ${options.accessToken ?? ''}` };
    this.rateLimiter = resolveRateLimiter(options.rateLimit, () => gateway?.rateLimiter);
    this.transport = new HttpTransport({
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      baseUrl: options.baseUrl ?? gateway?.baseUrl(WHATSAPP_CLOUD_GATEWAY_API) ?? GRAPH_BASE_URL,
      // Read per request, so a gateway can rotate its credential.
      headers: gateway === undefined ? bearer : () => gateway.headers(),
      secrets: [...options.secrets, ...(gateway?.secrets ?? [])],
      mapError: createWhatsAppCloudErrorMapper(gateway),
      rateLimit: this.rateLimiter ?? false,
      retry,
      timeoutMs,
      dispatcher,
      hooks,
    });
  }

  /**
   * Sends a request under `/{apiVersion}` and returns the response with its body validated by
   * `schema`. The transport has already removed this instance's secrets and `access_token=` values
   * from `data`: safe as `raw`.
   */
  call<S extends z.ZodMiniType>(
    request: WhatsAppCloudRequest,
    schema: S,
  ): Promise<TransportResponse<z.output<S>>> {
    const versioned = `${urlPath`/${this.options.apiVersion}`}${request.path}`;
    const path = this.options.gateway?.rewritePath?.(WHATSAPP_CLOUD_GATEWAY_API, versioned) ?? versioned;
    return this.transport.requestJson({ ...request, path }, schema);
  }

  /**
   * Sends a request whose answer is `{ success: true }` (mark-read, deletes, profile updates).
   * Any other 2xx body (`success: false`, no `success`, an error object) is an {@link ApiError}:
   * an unconfirmed write must never pass for a done one.
   */
  async callForSuccess(request: WhatsAppCloudRequest): Promise<void> {
    const response = await this.call(request, successSchema);
    if (response.data.success === true) return;
    const body = JSON.stringify(response.data);
    throw new ApiError(
      `WhatsApp Cloud API did not confirm ${request.method} ${response.url} (${request.operation}): expected { "success": true }, got ${body.length > 300 ? `${body.slice(0, 300)}…` : body}`,
      {
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
        url: response.url,
        status: response.status,
        responseBody: body,
        code: 'unknown',
        retryable: false,
      },
    );
  }
}
