import {
  ApiError,
  HttpTransport,
  matonAccountRateLimiter,
  type RateLimiter,
  resolveRateLimiter,
  type TransportRequest,
  urlPath,
} from '@switchboard/core';
import type { z } from 'zod';
import { successSchema } from './graph-schemas.js';
import { createGraphErrorMapper } from './map-graph-error.js';
import { type ResolvedWhatsAppCloudOptions, WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

/** A Graph request; the path is relative to `/{apiVersion}`. Every call names its operation. */
export interface GraphRequest extends Omit<TransportRequest, 'path'> {
  /** Path after the version, built with `urlPath`, e.g. `/106540352242922/messages`. */
  path: string;
  operation: string;
}

/** The HTTP side of a WhatsApp Cloud provider: auth headers, limiter, error mapper, versioned paths. */
export class GraphClient {
  readonly transport: HttpTransport;
  /** The limiter every request of this instance draws on, if any. */
  readonly rateLimiter: RateLimiter | undefined;

  constructor(readonly options: ResolvedWhatsAppCloudOptions) {
    const headers: Record<string, string> = { authorization: `Bearer ${options.credential}` };
    if (options.transport === 'maton' && options.connectionId !== undefined) {
      headers['maton-connection'] = options.connectionId;
    }
    // Maton limits per account, whichever app uses it: the default budget is the API key's,
    // shared with every other provider (WATI included) created with the same key.
    this.rateLimiter = resolveRateLimiter(options.rateLimit, () =>
      options.transport === 'maton' ? matonAccountRateLimiter(options.credential) : undefined,
    );
    const { retry, timeoutMs, dispatcher, hooks } = options;
    this.transport = new HttpTransport({
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      baseUrl: options.baseUrl,
      headers,
      secrets: options.secrets,
      mapError: createGraphErrorMapper(options.transport),
      rateLimit: this.rateLimiter ?? false,
      retry,
      timeoutMs,
      dispatcher,
      hooks,
    });
  }

  /**
   * Sends a request under `/{apiVersion}` and returns the body validated by `schema`. The transport
   * has already removed this instance's secrets and `access_token=` values from it: safe as `raw`.
   */
  async call<S extends z.ZodType>(request: GraphRequest, schema: S): Promise<z.output<S>> {
    return (await this.request(request, schema)).data;
  }

  /**
   * Sends a request whose answer is `{ success: true }` (mark-read, deletes, profile updates).
   * Any other 2xx body (`success: false`, no `success`, an error object) is an {@link ApiError}:
   * an unconfirmed write must never pass for a done one.
   */
  async callForSuccess(request: GraphRequest): Promise<void> {
    const response = await this.request(request, successSchema);
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

  private request<S extends z.ZodType>(request: GraphRequest, schema: S) {
    return this.transport.requestJson(
      { ...request, path: `${urlPath`/${this.options.apiVersion}`}${request.path}` },
      schema,
    );
  }
}
