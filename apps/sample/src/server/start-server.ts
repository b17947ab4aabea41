import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Outbox } from '@switchboard/queue';
import type { AppConfig } from '../config/app-config.js';
import { InboxStore } from '../inbox/inbox-store.js';
import { describeError, type Logger, silentLogger } from '../logger.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { SAMPLE_WORKER_CONCURRENCY, startSampleOutbox } from '../runtime/sample-outbox.js';
import { DEMO_CONTACTS, DEMO_GREETING } from '../sandbox/demo-contacts.js';
import type { StatusDelays } from '../sandbox/sandbox.js';
import { assertAccessTokenForHost } from './access-policy.js';
import { type AppServices, publishChange } from './app-services.js';
import { createApp } from './create-app.js';
import { EventStream } from './event-stream.js';
import { isLoopbackAddress } from './loopback-host-guard.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  config: AppConfig;
  /** Default 3000; `0` picks a free port. */
  port?: number;
  /** Default `127.0.0.1`: only this machine can reach the app. */
  host?: string;
  logger?: Logger;
  /** Sandbox only: pace of the automatic statuses. */
  statusDelaysMs?: StatusDelays;
  /** Sandbox only: have a demo contact write first so the inbox is not empty. Default true. */
  seed?: boolean;
  /** How long open connections may take to finish at shutdown before they are cut. Default 3 s. */
  shutdownGraceMs?: number;
}

/** A listening app. */
export interface RunningServer {
  /** Where to open the inbox, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly runtime: Runtime;
  readonly store: InboxStore;
  readonly events: EventStream;
  /** The outbox sends go through, when `config.queue` is set. */
  readonly outbox: Outbox | undefined;
  /**
   * Stops accepting connections, ends the event streams, stops the sandbox and the provider, and
   * resolves once the server is closed (cutting connections still open after the grace period).
   */
  close(): Promise<void>;
}

/**
 * Creates the provider (starting the sandbox when configured), serves the app, and in sandbox mode
 * connects the emulator's webhooks to the app's own endpoints. With `config.accessToken`, the page
 * and `/api/*` require it (see `createApp`).
 *
 * @throws {ValidationError} before anything starts, in live mode on a host beyond loopback without
 *   an access token.
 *
 * @example
 * ```ts
 * const app = await startServer({ config: await loadAppConfig(), port: 0 });
 * console.log(`Open ${app.url}`);
 * await app.close();
 * ```
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  assertAccessTokenForHost(options.config, options.host ?? '127.0.0.1');
  const runtime = await createRuntime(options.config, {
    ...(options.statusDelaysMs === undefined ? {} : { statusDelaysMs: options.statusDelaysMs }),
    onFailover: ({ provider, error }) =>
      logger.warn(`${provider} did not send (${error.code}): failing over`),
  });
  const knownNames = new Map(runtime.sandbox?.contacts.map((contact) => [contact.phone, contact.name]));
  const store = new InboxStore({ knownNames });
  const events = new EventStream();
  const services: AppServices = { runtime, store, events, logger };
  let server: Server;
  try {
    const queue = options.config.queue;
    if (queue !== undefined) {
      services.outbox = await startSampleOutbox(queue, runtime.provider, {
        onSent: ({ jobId, result }) => publishChange(services, store.markQueuedSent(jobId, result)),
        onFailed: ({ jobId, code, message }) =>
          publishChange(services, store.markQueuedFailed(jobId, { code, message })),
        onError: (error) => logger.warn(`outbox: ${describeError(error)}`),
      });
    }
    const app = await createApp(services, {
      loopbackOnly: isLoopbackAddress(options.host ?? '127.0.0.1'),
      ...(options.config.accessToken === undefined ? {} : { accessToken: options.config.accessToken }),
    });
    server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
    await listen(server, options.port ?? 3000, options.host ?? '127.0.0.1');
  } catch (error) {
    await services.outbox?.close();
    await runtime.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${browserHost(host)}:${port}`;

  if (runtime.sandbox !== undefined) {
    runtime.sandbox.connectWebhooks(`http://${loopbackHost(host)}:${port}`);
    const first = DEMO_CONTACTS[0];
    if (options.seed !== false && first !== undefined) {
      try {
        await runtime.sandbox.simulateInbound({ from: first.phone, name: first.name, text: DEMO_GREETING });
      } catch (error) {
        logger.warn(`could not seed the sandbox inbox: ${describeError(error)}`);
      }
    }
  }

  services.outbox?.startWorker({ concurrency: SAMPLE_WORKER_CONCURRENCY });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      events.close();
      // Connections turn idle as their last response ends (an event stream, a webhook in flight);
      // close them as they do instead of waiting for the keep-alive timeout.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 3000);
      sweep.unref();
      cut.unref();
      // Requests in flight still use the provider (and the sandbox behind it): stop those only once
      // every response went out, or the grace period cut what was left.
      await closed;
      clearInterval(sweep);
      clearTimeout(cut);
      try {
        // Jobs the worker holds finish with the provider still open; the rest stay in Redis.
        await services.outbox?.close();
      } catch (error) {
        logger.warn(`the outbox did not close cleanly: ${describeError(error)}`);
      }
      try {
        await runtime.close();
      } catch (error) {
        logger.warn(`the provider did not close cleanly: ${describeError(error)}`);
      }
    })();
    return closing;
  };

  return { url, runtime, store, events, outbox: services.outbox, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** A host a browser on this machine can open: wildcards become `localhost`, IPv6 gets brackets. */
function browserHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Where the in-process emulator reaches the app: loopback whenever the app listens on it. */
function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === 'localhost') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
