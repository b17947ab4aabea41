import {
  baseUrlSchema,
  HttpTransport,
  isAbortSignal,
  normalizeBearerToken,
  type ProviderTransportOptions,
  parseOrThrow,
  transportOptionsShape,
  urlPath,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { matonKeyRejected } from './map-maton-error.js';
import { isMatonApp, MATON_APIS } from './maton-apis.js';

/** Status of a Maton connection. `PENDING` until the OAuth/authorization flow at `authorizationUrl` is completed. */
export type MatonConnectionStatus = 'ACTIVE' | 'PENDING' | 'FAILED' | (string & {});

/** A Maton connection: one authorized account of an app (e.g. one WhatsApp Business account). */
export interface MatonConnection {
  id: string;
  app: string;
  status: MatonConnectionStatus;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
  /** Open it in a browser to authorize the connection. */
  authorizationUrl: string | undefined;
  metadata: Record<string, unknown>;
}

const connectionSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    connection_id: z.string(),
    app: z.nullish(z.string()),
    status: z.nullish(z.string()),
    creation_time: z.nullish(z.string()),
    last_updated_time: z.nullish(z.string()),
    url: z.nullish(z.string()),
    metadata: z.nullish(z.record(z.string(), z.unknown())),
  }),
);

const oneSchema = /* @__PURE__ */ lazySchema(() => z.looseObject({ connection: connectionSchema }));
const listSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ connections: z.nullish(z.array(connectionSchema)) }),
);

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    // A key pasted as "Bearer …" works like everywhere else in Switchboard.
    apiKey: z.pipe(
      z.pipe(z.string(), z.transform(normalizeBearerToken)),
      z.string().check(z.minLength(1, 'the Maton API key is required')),
    ),
    app: z.string().check(z.minLength(1)),
    baseUrl: z.optional(baseUrlSchema),
    timeoutMs: transportOptionsShape.timeoutMs,
    retry: transportOptionsShape.retry,
    dispatcher: transportOptionsShape.dispatcher,
    hooks: transportOptionsShape.hooks,
  }),
);

const callOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    status: z.optional(z.string().check(z.minLength(1))),
    signal: z.optional(z.custom<AbortSignal>(isAbortSignal, 'must be an AbortSignal')),
  }),
);

/** Options of {@link createMatonConnections}. */
export interface MatonConnectionsOptions
  extends Pick<ProviderTransportOptions, 'timeoutMs' | 'retry' | 'dispatcher' | 'hooks'> {
  /** The Maton API key (`MATON_API_KEY`). */
  apiKey: string;
  /** The app whose connections to manage: `whatsapp-business` or `wati`. */
  app: string;
  /**
   * Control-plane base URL. The default is the one the app's Maton reference names
   * (`https://ctrl.maton.ai` for `whatsapp-business`, `https://api.maton.ai` for `wati`).
   */
  baseUrl?: string;
}

/** Manages Maton connections of one app; see {@link createMatonConnections}. */
export interface MatonConnections {
  /** Connections of the app, optionally only those with `status` (e.g. `ACTIVE`). */
  list(options?: { status?: MatonConnectionStatus; signal?: AbortSignal }): Promise<MatonConnection[]>;
  /** Starts a new connection; open its `authorizationUrl` to authorize it. */
  create(options?: { signal?: AbortSignal }): Promise<MatonConnection>;
  get(connectionId: string, options?: { signal?: AbortSignal }): Promise<MatonConnection>;
  delete(connectionId: string, options?: { signal?: AbortSignal }): Promise<void>;
}

function toConnection(raw: z.infer<typeof connectionSchema>, app: string): MatonConnection {
  const date = (value: string | null | undefined) => (value ? new Date(value) : undefined);
  return {
    id: raw.connection_id,
    app: raw.app ?? app,
    status: raw.status ?? 'UNKNOWN',
    createdAt: date(raw.creation_time),
    updatedAt: date(raw.last_updated_time),
    authorizationUrl: raw.url ?? undefined,
    metadata: raw.metadata ?? {},
  };
}

/**
 * Lists, creates, reads and deletes the Maton connections of one app. Users of the Maton transport
 * need a connection per WhatsApp Business account or WATI tenant; pass its id as `connectionId`
 * when you have several.
 *
 * @example
 * ```ts
 * const connections = createMatonConnections({ apiKey: process.env.MATON_API_KEY!, app: 'whatsapp-business' });
 * const [active] = await connections.list({ status: 'ACTIVE' });
 * const pending = await connections.create();
 * console.log('Authorize at', pending.authorizationUrl);
 * ```
 */
export function createMatonConnections(options: MatonConnectionsOptions): MatonConnections {
  const parsed = parseOrThrow(optionsSchema, options, {
    what: 'Maton connection options',
    provider: 'maton',
  }) as MatonConnectionsOptions;
  const { apiKey, app } = parsed;
  const transport = new HttpTransport({
    provider: 'maton',
    baseUrl:
      parsed.baseUrl ??
      (isMatonApp(app) ? MATON_APIS[app].controlBaseUrl : MATON_APIS['whatsapp-business'].controlBaseUrl),
    headers: () => ({ authorization: `Bearer ${apiKey}` }),
    secrets: [apiKey],
    mapError: (context) => (context.status === 401 ? matonKeyRejected(context) : undefined),
    ...(parsed.timeoutMs === undefined ? {} : { timeoutMs: parsed.timeoutMs }),
    ...(parsed.retry === undefined ? {} : { retry: parsed.retry }),
    ...(parsed.dispatcher === undefined ? {} : { dispatcher: parsed.dispatcher }),
    ...(parsed.hooks === undefined ? {} : { hooks: parsed.hooks }),
  });
  const connectionId = (id: string) =>
    parseOrThrow(z.string().check(z.minLength(1, 'a connection id is required')), id, {
      what: 'connection id',
      provider: 'maton',
    });
  const callOptions = (given: unknown): { status?: string; signal?: AbortSignal } =>
    given === undefined
      ? {}
      : parseOrThrow(callOptionsSchema, given, { what: 'Maton connection call options', provider: 'maton' });

  return {
    async list(given) {
      const { status, signal } = callOptions(given);
      const response = await transport.requestJson(
        {
          method: 'GET',
          path: '/connections',
          query: { app, status },
          operation: 'maton.connections.list',
          ...(signal ? { signal } : {}),
        },
        listSchema,
      );
      return (response.data.connections ?? []).map((raw) => toConnection(raw, app));
    },
    async create(given) {
      const { signal } = callOptions(given);
      const response = await transport.requestJson(
        {
          method: 'POST',
          path: '/connections',
          body: { type: 'json', value: { app } },
          operation: 'maton.connections.create',
          ...(signal ? { signal } : {}),
        },
        oneSchema,
      );
      return toConnection(response.data.connection, app);
    },
    async get(id, given) {
      const { signal } = callOptions(given);
      const response = await transport.requestJson(
        {
          method: 'GET',
          path: urlPath`/connections/${connectionId(id)}`,
          operation: 'maton.connections.get',
          ...(signal ? { signal } : {}),
        },
        oneSchema,
      );
      return toConnection(response.data.connection, app);
    },
    async delete(id, given) {
      const { signal } = callOptions(given);
      await transport.requestText({
        method: 'DELETE',
        path: urlPath`/connections/${connectionId(id)}`,
        operation: 'maton.connections.delete',
        ...(signal ? { signal } : {}),
      });
    },
  };
}
