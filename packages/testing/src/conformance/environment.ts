import { HttpResponse, http } from 'msw';
import { type LoopbackServer, startLoopbackServer } from '../loopback-server.js';
import { ConformanceError, describeValue, fail } from './conformance-error.js';
import type {
  ConformanceEnvironmentHandle,
  ConformanceHooks,
  ConformanceProvider,
  ConformanceSecrets,
  ConformanceServer,
  ConformanceTarget,
  ProviderConformanceOptions,
} from './types.js';

/** One event a provider passed to a hook the kit gave it. */
export interface RecordedHookEvent {
  readonly hook: keyof ConformanceHooks;
  readonly target: ConformanceTarget;
  readonly event: unknown;
}

/** Where hook events of the providers a check creates are recorded. */
export class HookLog {
  readonly events: RecordedHookEvent[] = [];

  hooksFor(target: ConformanceTarget): ConformanceHooks {
    const record =
      (hook: keyof ConformanceHooks) =>
      (event: unknown): void => {
        this.events.push({ hook, target, event });
      };
    return { onRequest: record('onRequest'), onResponse: record('onResponse'), onRetry: record('onRetry') };
  }
}

/** A position in a server's request log. */
export interface RequestMark {
  readonly length: number;
  readonly last: unknown;
}

/** The requests a server received, as a check sees them. */
export class ServerProbe {
  constructor(readonly server: ConformanceServer) {}

  get url(): string {
    return this.server.url;
  }

  /** Remembers where the log is now. */
  mark(): RequestMark {
    const { requests } = this.server;
    return { length: requests.length, last: requests.at(-1) };
  }

  /**
   * How many requests arrived since `mark`. A bounded log (an emulator keeps the newest 1000) may stop
   * growing; a different newest request then still counts as (at least) one.
   */
  arrivedSince(mark: RequestMark): number {
    const { requests } = this.server;
    if (requests.length > mark.length) return requests.length - mark.length;
    return requests.at(-1) === mark.last ? 0 : 1;
  }

  /** The requests since `mark`, as `METHOD path` lines, for failure messages. */
  describeSince(mark: RequestMark): string {
    return this.server.requests
      .slice(mark.length)
      .map((request) => `${request.method} ${pathOf(request.url)}`)
      .join(', ');
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname;
  } catch {
    return url;
  }
}

/** How a fault server answers every request. */
export type FaultResponder = (request: Request) => Response | Promise<Response>;

/**
 * The running servers checks share: the API (your emulator or handlers), plus a fresh tripwire or fault
 * server per check. Create one with {@link startConformanceEnvironment}.
 */
export class ConformanceEnvironment<P extends ConformanceProvider = ConformanceProvider>
  implements ConformanceEnvironmentHandle
{
  readonly options: ProviderConformanceOptions<P>;
  readonly api: ServerProbe;
  readonly #ownServer: LoopbackServer | undefined;
  readonly #openProviders = new Set<P>();
  readonly #servers = new Set<LoopbackServer>();
  readonly #memo = new Map<string, Promise<unknown>>();
  /** Hook events of providers created without a log of their own. */
  readonly hookLog = new HookLog();
  #closed = false;

  constructor(options: ProviderConformanceOptions<P>, api: ConformanceServer, ownServer?: LoopbackServer) {
    this.options = options;
    this.api = new ServerProbe(api);
    this.#ownServer = ownServer;
  }

  get secrets(): Readonly<Record<string, string>> {
    return this.options.secrets;
  }

  /** The capabilities the provider claims: `options.capabilities`, else `provider.capabilities`. */
  claimed(): Promise<{ capabilities: ReadonlySet<string> }> {
    return this.memo('claimed', () =>
      this.withTripwire(async (provider) => ({
        capabilities: new Set(this.options.capabilities ?? provider.capabilities),
      })),
    );
  }

  /** Runs `create` once per environment and shares its promise. */
  memo<T>(key: string, create: () => Promise<T>): Promise<T> {
    let value = this.#memo.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      value = create();
      this.#memo.set(key, value);
    }
    return value;
  }

  /** Runs `use` with a new provider talking to the API. */
  withApi<T>(use: (provider: P, server: ServerProbe) => Promise<T>, log?: HookLog): Promise<T> {
    return this.#withProvider('api', this.api, use, log);
  }

  /**
   * Runs `use` with a new provider talking to a new server that answers every request with a 500. Checks
   * use it where no request may be made: `server.arrivedSince` counts what the provider sent anyway.
   */
  async withTripwire<T>(use: (provider: P, server: ServerProbe) => Promise<T>, log?: HookLog): Promise<T> {
    const server = await this.#startServer(() =>
      HttpResponse.json(
        { error: { message: 'conformance tripwire: this call must not make any request' } },
        { status: 500 },
      ),
    );
    try {
      return await this.#withProvider('tripwire', new ServerProbe(server), use, log);
    } finally {
      await this.#stopServer(server);
    }
  }

  /** Runs `use` with a new provider talking to a new server that answers every request with `respond`. */
  async withFault<T>(
    respond: FaultResponder,
    use: (provider: P, server: ServerProbe) => Promise<T>,
    log?: HookLog,
  ): Promise<T> {
    const server = await this.#startServer(respond);
    try {
      return await this.#withProvider('fault', new ServerProbe(server), use, log);
    } finally {
      await this.#stopServer(server);
    }
  }

  async #withProvider<T>(
    target: ConformanceTarget,
    server: ServerProbe,
    use: (provider: P, server: ServerProbe) => Promise<T>,
    log: HookLog = this.hookLog,
  ): Promise<T> {
    if (this.#closed) throw new Error('The conformance environment is closed');
    let provider: P;
    try {
      provider = await this.options.createProvider({
        baseUrl: server.url,
        secrets: this.options.secrets,
        hooks: log.hooksFor(target),
        target,
      });
    } catch (error) {
      return fail(`createProvider (for the ${target} server) threw: ${describeValue(error, this.secrets)}`);
    }
    if (typeof provider !== 'object' || provider === null || typeof provider.send !== 'function') {
      fail(`createProvider must return a provider object, got ${describeValue(provider, this.secrets)}`);
    }
    this.#openProviders.add(provider);
    let result: T;
    try {
      result = await use(provider, server);
    } catch (error) {
      await this.#closeProvider(provider).catch(() => undefined);
      throw error;
    }
    await this.#closeProvider(provider).catch((error: unknown) => {
      throw new ConformanceError(`provider.close() rejected: ${describeValue(error, this.secrets)}`);
    });
    return result;
  }

  async #closeProvider(provider: P): Promise<void> {
    this.#openProviders.delete(provider);
    await provider.close();
  }

  async #startServer(respond: FaultResponder): Promise<LoopbackServer> {
    const server = await startLoopbackServer({
      handlers: [http.all('*', ({ request }) => respond(request))],
    });
    this.#servers.add(server);
    return server;
  }

  async #stopServer(server: LoopbackServer): Promise<void> {
    this.#servers.delete(server);
    await server.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closing: Promise<unknown>[] = [...this.#openProviders].map((provider) => provider.close());
    closing.push(...[...this.#servers].map((server) => server.close()));
    if (this.#ownServer !== undefined) closing.push(this.#ownServer.close());
    else if (this.options.emulator !== undefined) closing.push(this.options.emulator.close());
    this.#openProviders.clear();
    this.#servers.clear();
    await Promise.allSettled(closing);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Checks the options a conformance run cannot start without, so a misconfiguration fails at once rather
 * than as dozens of failing checks.
 *
 * @throws TypeError naming the option.
 */
export function assertConformanceOptions(options: ProviderConformanceOptions<ConformanceProvider>): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  if (typeof options.name !== 'string' || options.name.trim() === '')
    throw new TypeError('options.name must be a non-empty string');
  if (typeof options.createProvider !== 'function')
    throw new TypeError('options.createProvider must be a function');
  if ((options.emulator === undefined) === (options.handlers === undefined))
    throw new TypeError('give exactly one of options.emulator and options.handlers');
  if (options.emulator !== undefined && typeof options.emulator.listen !== 'function')
    throw new TypeError('options.emulator must have listen() and close()');
  if (typeof options.secrets !== 'object' || options.secrets === null)
    throw new TypeError('options.secrets must be an object of the secrets createProvider configures');
  for (const [name, value] of Object.entries(options.secrets)) {
    if (typeof value !== 'string' || value.length < 8) {
      throw new TypeError(
        `options.secrets.${name} must be a string of at least 8 characters, so that finding it means a leak`,
      );
    }
  }
  if (
    typeof options.fixtures !== 'object' ||
    options.fixtures === null ||
    options.fixtures.messages === undefined
  )
    throw new TypeError('options.fixtures.messages is required');
  if (
    typeof options.webhooks !== 'object' ||
    options.webhooks === null ||
    typeof options.webhooks.status !== 'function'
  )
    throw new TypeError('options.webhooks.status is required');
}

/**
 * Starts what the checks need: the emulator (`listen()`) or a loopback server serving `handlers`. Close
 * the environment when done (`await using` works).
 *
 * @example
 * ```ts
 * await using env = await startConformanceEnvironment(options);
 * for (const check of providerConformanceChecks(options)) await check.run(env);
 * ```
 */
export async function startConformanceEnvironment<
  P extends ConformanceProvider,
  S extends ConformanceSecrets,
>(options: ProviderConformanceOptions<P, S>): Promise<ConformanceEnvironmentHandle> {
  return openConformanceEnvironment(options);
}

/** {@link startConformanceEnvironment}, typed with the environment's internals the checks use. */
export async function openConformanceEnvironment<P extends ConformanceProvider, S extends ConformanceSecrets>(
  options: ProviderConformanceOptions<P, S>,
): Promise<ConformanceEnvironment<P>> {
  assertConformanceOptions(options);
  if (options.emulator !== undefined) {
    const server = await options.emulator.listen();
    return new ConformanceEnvironment(options, server);
  }
  const server = await startLoopbackServer({ handlers: [...options.handlers] });
  return new ConformanceEnvironment(options, server, server);
}

/** The environment behind a handle: checks receive the handle `startConformanceEnvironment` returned. */
export function environmentOf(handle: ConformanceEnvironmentHandle): ConformanceEnvironment {
  if (!(handle instanceof ConformanceEnvironment)) {
    throw new TypeError('pass the environment startConformanceEnvironment returned');
  }
  return handle as ConformanceEnvironment;
}
