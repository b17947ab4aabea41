import type { RequestHandler } from 'msw';
import type { ConformanceOperationCapability, ConformanceSendCapability } from './contract-names.js';

/*
 * The provider surface the conformance kit exercises, described structurally: this package imports no
 * Switchboard package, so these are minimal mirrors of `@switchboard/core`'s types. A `MessagingProvider`
 * (or a factory's return type) is assignable to {@link ConformanceProvider}, and core's `OutboundMessage`,
 * `SendResult` and `InboundEvent` to the kit's shapes, so an adapter passes its own types in unchanged.
 */

/** A message as `send` takes it: core's `OutboundMessage`, kept structural. */
export interface ConformanceMessage {
  readonly type: string;
  readonly to: string;
  readonly replyTo?: string;
  readonly [field: string]: unknown;
}

/** What `send` resolves with: core's `SendResult`. */
export interface ConformanceSendResult {
  /** The id status webhooks report on. */
  readonly id: string;
  readonly provider: string;
  readonly to: string;
  readonly status: string;
  readonly providerIds?: Readonly<Record<string, string>>;
  readonly raw?: unknown;
}

/** A bulk template send: core's `BulkRequest`. */
export interface ConformanceBulkRequest {
  readonly template: { readonly name: string; readonly language: string };
  readonly campaign?: string;
  readonly recipients: readonly { readonly to: string; readonly parameters?: unknown }[];
}

/** What `sendBulk` resolves with: core's `BulkResult`. */
export interface ConformanceBulkResult {
  readonly results: readonly {
    readonly to: string;
    readonly ok: boolean;
    readonly id?: string;
    readonly error?: unknown;
  }[];
}

/** An event `webhooks.parse` returns: core's `InboundEvent`, with the fields the kit reads. */
export interface ConformanceInboundEvent {
  readonly kind: string;
  readonly provider?: string;
  /** On `status` events: the `SendResult.id` the status reports on. */
  readonly messageId?: string;
  readonly status?: string;
  readonly timestamp?: Date;
  readonly providerIds?: Readonly<Record<string, string>>;
  readonly raw?: unknown;
}

/** A webhook delivery given as its raw parts: core's `RawWebhookRequest`. */
export interface ConformanceRawWebhookRequest {
  readonly body: Uint8Array | string;
  readonly headers: Readonly<Record<string, string>>;
  readonly url?: string;
}

/** `provider.webhooks`. */
export interface ConformanceWebhookHandler {
  handleVerification(requestOrUrl: Request | URL | string): Response;
  parse(request: Request | ConformanceRawWebhookRequest): Promise<readonly ConformanceInboundEvent[]>;
}

/**
 * The provider surface the kit exercises: core's `MessagingProvider`. Facets are typed loosely (`object`):
 * the kit finds their operations by name, as core's `facetCapabilities` does.
 */
export interface ConformanceProvider {
  readonly id: string;
  readonly capabilities: ReadonlySet<string>;
  send(message: ConformanceMessage, options?: { signal?: AbortSignal }): Promise<ConformanceSendResult>;
  sendBulk(
    request: ConformanceBulkRequest,
    options?: { signal?: AbortSignal },
  ): Promise<ConformanceBulkResult>;
  readonly webhooks: ConformanceWebhookHandler;
  close(): Promise<void>;
  markRead?(messageId: string): Promise<void>;
  readonly templates?: object;
  readonly contacts?: object;
  readonly conversations?: object;
  readonly media?: object;
  readonly operators?: object;
  readonly account?: object;
}

/**
 * Observability hooks the kit passes to `createProvider`, in core's `TransportHooks` shape. Each records
 * the event it receives, so the kit can search them for secrets.
 */
export interface ConformanceHooks {
  onRequest(event: unknown): void;
  onResponse(event: unknown): void;
  onRetry(event: unknown): void;
}

/**
 * Which server a provider is created for:
 * - `api`: the emulator or handlers you gave, answering for real;
 * - `tripwire`: a server the provider must not call (unsupported calls, invalid input); it answers 500;
 * - `fault`: a server answering every request with one error (401, 429 with `Retry-After`, 503).
 */
export type ConformanceTarget = 'api' | 'tripwire' | 'fault';

/** The secrets of a conformance run, by name. */
export type ConformanceSecrets = Readonly<Record<string, string>>;

/** What `createProvider` is given. */
export interface ConformanceProviderContext<S extends ConformanceSecrets = ConformanceSecrets> {
  /** The server to talk to, without a trailing slash: use it as the provider's base URL. */
  readonly baseUrl: string;
  /** `options.secrets`: the credentials (and webhook secrets) to configure. */
  readonly secrets: S;
  /** Pass them as the provider's observability hooks, if it has any. */
  readonly hooks: ConformanceHooks;
  /**
   * Which server `baseUrl` is. Every attempt at a `fault` server gets the same answer, so retrying only
   * slows a check down: turn retries off (`retry: false`) for it, or for every target.
   */
  readonly target: ConformanceTarget;
}

/** A running server the kit reads requests from: a `LoopbackServer` (what the emulators' `listen()` returns) fits. */
export interface ConformanceServer {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** The requests received, oldest first (a bounded log may drop the oldest). */
  readonly requests: readonly { readonly method: string; readonly url: string }[];
}

/** An emulator the kit starts and stops: both `createWhatsAppCloudEmulator` and `createWatiEmulator` fit. */
export interface ConformanceEmulator {
  /** Starts serving (or returns the running server). */
  listen(): Promise<ConformanceServer>;
  close(): Promise<void>;
}

/** A webhook delivery exactly as the provider's platform would POST it. */
export interface ConformanceDelivery {
  /** The body as sent: the bytes a signature covers. */
  readonly body: string | Uint8Array;
  /** Every header, including the signature or shared secret. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request URL or path (some providers authenticate by a secret path segment); default `/webhooks`. */
  readonly url?: string;
}

/** The status values the kit asks deliveries for. */
export type ConformanceStatus = 'sent' | 'delivered' | 'read';

/**
 * Arguments of one operation, or a function producing them (e.g. uploading a file first for `media.get`).
 * The function is declared as a method so that options typed for your provider are also options for any
 * provider (method parameters are bivariant).
 */
export type ConformanceOperationArgs<P extends ConformanceProvider = ConformanceProvider> =
  | readonly unknown[]
  | {
      produce(provider: P): readonly unknown[] | Promise<readonly unknown[]>;
    }['produce'];

/**
 * A message the API accepts, or a function producing one with a provider talking to the API (e.g. one that
 * uploads a file first for `send.media.id`). Declared as a method so it is bivariant, as
 * {@link ConformanceOperationArgs}.
 */
export type ConformanceMessageFixture<P extends ConformanceProvider = ConformanceProvider> =
  | ConformanceMessage
  | {
      produce(provider: P): ConformanceMessage | Promise<ConformanceMessage>;
    }['produce'];

/** Valid inputs the kit cannot invent: what your API (emulator) accepts. */
export interface ConformanceFixtures<P extends ConformanceProvider = ConformanceProvider> {
  /**
   * One message the API accepts per claimed send capability: `send.text` … `send.reaction` (a message of
   * that type), `send.replyTo` (a message with `replyTo`), `send.media.url` / `.id` / `.data` (a media
   * message with that source; may be omitted when a message of a media type already uses it).
   *
   * Checks that must not reach any server (unsupported and invalid input) reuse the plain messages given
   * here: the `send.text` one (else `send.template`, else any) as their base. Give that one as a plain
   * message, not a function.
   */
  readonly messages: Partial<Record<ConformanceSendCapability, ConformanceMessageFixture<P>>>;
  /** A bulk request the API accepts; required when `send.bulk` is claimed. */
  readonly bulk?: ConformanceBulkRequest;
  /**
   * Arguments per claimed operation. Operations without required arguments (`templates.list`,
   * `contacts.list`, `account.phoneNumbers`, `account.businessProfile`) default to none.
   */
  readonly operations?: Partial<Record<ConformanceOperationCapability, ConformanceOperationArgs<P>>>;
}

/** How to produce webhook deliveries for messages the kit sent. */
export interface ConformanceWebhookFixtures {
  /**
   * A signed (or otherwise authorised) delivery reporting `status` for the message `sent` (what `send`
   * returned), carrying exactly one event.
   */
  status(
    sent: ConformanceSendResult,
    status: ConformanceStatus,
  ): ConformanceDelivery | Promise<ConformanceDelivery>;
  /**
   * One delivery reporting a status for each of `sent` (several entries, changes or statuses, as your
   * platform batches them). Omit it only when the platform never batches.
   */
  batch?(sent: readonly ConformanceSendResult[]): ConformanceDelivery | Promise<ConformanceDelivery>;
  /**
   * The status delivery of `sent` with a wrong signature or shared secret; required when
   * `webhooks.signature` is claimed.
   */
  forged?(sent: ConformanceSendResult): ConformanceDelivery | Promise<ConformanceDelivery>;
  /**
   * The subscription handshake; required when `webhooks.verification` is claimed. `accept` must get a 200
   * (with `challenge` as the body, when given), `reject` (when given) a 403.
   */
  readonly verification?: {
    readonly accept: Request | URL | string;
    readonly challenge?: string;
    readonly reject?: Request | URL | string;
  };
}

/** Options of every conformance run, whichever server answers. */
export interface ProviderConformanceBaseOptions<
  P extends ConformanceProvider = ConformanceProvider,
  S extends ConformanceSecrets = ConformanceSecrets,
> {
  /** Names the suite, e.g. `wati (direct)`. */
  readonly name: string;
  /**
   * Creates a provider for one check, talking to `context.baseUrl` with `context.secrets` and, if it has
   * observability hooks, `context.hooks`. Called many times; the kit closes every provider it creates.
   */
  createProvider(context: ConformanceProviderContext<S>): P | Promise<P>;
  /**
   * Every secret `createProvider` configures (API keys, tokens, app secrets, webhook secrets), by name. None
   * may appear in an error, hook event, result or parsed event. At least 8 characters each.
   */
  readonly secrets: S;
  /**
   * The capabilities the provider claims. Default: `provider.capabilities`; when given, the provider's
   * set must be exactly this.
   */
  readonly capabilities?: readonly string[] | ReadonlySet<string>;
  readonly fixtures: ConformanceFixtures<P>;
  readonly webhooks: ConformanceWebhookFixtures;
  /**
   * The provider calls `context.hooks`: the kit then requires hook events, so the secret check of hook
   * events is not vacuous. Default false.
   */
  readonly expectHookEvents?: boolean;
}

/**
 * Options of `runProviderConformance`: the base options, plus the API to run against, either an emulator
 * the kit starts (`listen()`) and stops, or msw handlers it serves on a loopback server.
 */
export type ProviderConformanceOptions<
  P extends ConformanceProvider = ConformanceProvider,
  S extends ConformanceSecrets = ConformanceSecrets,
> = ProviderConformanceBaseOptions<P, S> &
  (
    | { readonly emulator: ConformanceEmulator; readonly handlers?: undefined }
    | { readonly handlers: readonly RequestHandler[]; readonly emulator?: undefined }
  );

/** The groups checks are reported in. */
export type ConformanceGroup = 'capabilities' | 'send' | 'validation' | 'errors' | 'webhooks' | 'secrets';

/**
 * One check of the contract. `run` resolves when the provider honours it and rejects with a
 * `ConformanceError` saying what is wrong otherwise. It uses no test framework, so it runs anywhere.
 */
export interface ConformanceCheck {
  readonly group: ConformanceGroup;
  readonly name: string;
  run(env: ConformanceEnvironmentHandle): Promise<void>;
}

/**
 * The running servers and state checks share; create one with `startConformanceEnvironment` and pass it
 * to `check.run`.
 */
export interface ConformanceEnvironmentHandle extends AsyncDisposable {
  /** Stops the servers the environment started (and the emulator) and closes every provider still open. */
  close(): Promise<void>;
}
