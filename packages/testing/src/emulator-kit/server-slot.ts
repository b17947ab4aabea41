import type { LoopbackServer } from '../loopback-server.js';

/**
 * The one server an emulator's `listen()` runs. `listen()` starts it on first use and hands the same
 * server to later calls; once it is closed (through the emulator or by itself), the next `listen()`
 * starts a new one.
 */
export class ServerSlot<S extends LoopbackServer> {
  readonly #start: () => Promise<S>;
  #starting: Promise<S> | undefined;
  #server: S | undefined;

  constructor(start: () => Promise<S>) {
    this.#start = start;
  }

  /** The running server, started if there is none. */
  listen(): Promise<S> {
    if (this.#starting !== undefined && this.#server?.closed !== true) return this.#starting;
    this.#server = undefined;
    const starting = this.#start().then(
      (server) => {
        this.#server = server;
        return server;
      },
      (error: unknown) => {
        if (this.#starting === starting) this.#starting = undefined;
        throw error;
      },
    );
    this.#starting = starting;
    return starting;
  }

  /** The running server's URL, `undefined` when none runs. */
  get url(): string | undefined {
    return this.#server?.closed === false ? this.#server.url : undefined;
  }

  /** Stops the server, if one runs or is starting. */
  async close(): Promise<void> {
    const starting = this.#starting;
    this.#starting = undefined;
    this.#server = undefined;
    const server = await starting?.catch(() => undefined);
    await server?.close();
  }
}
