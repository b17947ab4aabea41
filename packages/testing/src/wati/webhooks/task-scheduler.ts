interface PendingTask {
  due: number;
  sequence: number;
  timer: ReturnType<typeof setTimeout>;
  run: () => Promise<void>;
}

/**
 * Delayed tasks (status webhooks, redeliveries) that never keep the process alive, can all be run at
 * once with {@link TaskScheduler.flush}, and are dropped by {@link TaskScheduler.cancelAll}.
 */
export class TaskScheduler {
  readonly #pending = new Map<number, PendingTask>();
  readonly #running = new Set<Promise<void>>();
  #nextSequence = 0;
  #cancelled = false;

  /** Runs `task` after `delayMs`; its failure is swallowed (tasks record their own outcome). */
  schedule(delayMs: number, task: () => Promise<unknown>): void {
    if (this.#cancelled) return;
    const sequence = this.#nextSequence++;
    const run = async (): Promise<void> => {
      try {
        await task();
      } catch {
        // A task reports through the state it updates; nothing may escape as an unhandled rejection.
      }
    };
    const timer = setTimeout(() => {
      this.#pending.delete(sequence);
      this.#track(run());
    }, delayMs);
    timer.unref();
    this.#pending.set(sequence, { due: Date.now() + delayMs, sequence, timer, run });
  }

  /**
   * Runs every pending task now, earliest due first and one at a time, then whatever those tasks
   * scheduled, until nothing is pending or running.
   */
  async flush(): Promise<void> {
    while (this.#pending.size > 0 || this.#running.size > 0) {
      if (this.#pending.size === 0) {
        await Promise.all([...this.#running]);
        continue;
      }
      const next = [...this.#pending.values()].sort((a, b) => a.due - b.due || a.sequence - b.sequence)[0];
      if (next === undefined) continue;
      clearTimeout(next.timer);
      this.#pending.delete(next.sequence);
      await this.#track(next.run());
    }
  }

  /** Drops every pending task and refuses new ones until {@link TaskScheduler.resume}. */
  cancelAll(): void {
    this.#cancelled = true;
    for (const task of this.#pending.values()) clearTimeout(task.timer);
    this.#pending.clear();
  }

  /** Accepts new tasks again after {@link TaskScheduler.cancelAll}. */
  resume(): void {
    this.#cancelled = false;
  }

  /** Resolves once the tasks already running have finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.#running]);
  }

  #track(promise: Promise<void>): Promise<void> {
    this.#running.add(promise);
    return promise.finally(() => this.#running.delete(promise));
  }
}
