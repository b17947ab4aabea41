import {
  ApiError,
  buildUrl,
  HttpTransport,
  type RateLimiter,
  resolveRateLimiter,
  TokenBucketRateLimiter,
  type TransportRequest,
  urlPath,
} from '@switchboard/core';
import type { z } from 'zod';
import { successSchema } from './graph-schemas.js';
import { createGraphErrorMapper } from './map-graph-error.js';
import {
  MATON_REQUESTS_PER_SECOND,
  type ResolvedWhatsAppCloudOptions,
  WHATSAPP_CLOUD_PROVIDER_ID,
} from './whatsapp-cloud-options.js';

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
    this.rateLimiter = resolveRateLimiter(options.rateLimit, () =>
      options.transport === 'maton'
        ? new TokenBucketRateLimiter({ requestsPerSecond: MATON_REQUESTS_PER_SECOND })
        : undefined,
    );
    this.transport = new HttpTransport({
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      baseUrl: options.baseUrl,
      headers,
      secrets: options.secrets,
      mapError: createGraphErrorMapper(options.transport),
      rateLimit: this.rateLimiter ?? false,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    });
  }

  /** Sends a request under `/{apiVersion}` and returns the body validated by `schema`. */
  async call<S extends z.ZodType>(request: GraphRequest, schema: S): Promise<z.output<S>> {
    const response = await this.transport.requestJson(
      { ...request, path: `${urlPath`/${this.options.apiVersion}`}${request.path}` },
      schema,
    );
    return response.data;
  }

  /**
   * Sends a request whose answer is `{ success: true }` (mark-read, deletes, profile updates);
   * `success: false` is an {@link ApiError}.
   */
  async callForSuccess(request: GraphRequest): Promise<void> {
    const data = await this.call(request, successSchema);
    if (data.success === false) {
      const path = `${urlPath`/${this.options.apiVersion}`}${request.path}`;
      const url = this.redact(buildUrl(this.transport.baseUrl, path, request.query));
      throw new ApiError(
        `WhatsApp Cloud API answered { success: false } to ${request.method} ${url} (${request.operation})`,
        {
          provider: WHATSAPP_CLOUD_PROVIDER_ID,
          url,
          code: 'unknown',
        },
      );
    }
  }

  /** Removes this instance's secrets from a value kept in a `raw` field. */
  redact<T>(value: T): T {
    return this.transport.redact(value);
  }
}
