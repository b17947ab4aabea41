interface PendingTask {
  due: number;
  sequence: number;
  timer: ReturnType<typeof setTimeout>;
  run: () => Promise<void>;
}

/**
 * The delayed tasks of an emulator (status webhooks, redeliveries). Their timers never keep the process
 * alive, {@link TaskScheduler.flush} runs them all at once in due order, and {@link TaskScheduler.cancelAll}
 * drops them, so a closed emulator leaves no timer behind.
 */
export class TaskScheduler {
  readonly #pending = new Map<number, PendingTask>();
  readonly #running = new Set<Promise<void>>();
  #nextSequence = 0;
  #cancelled = false;
  #generation = 0;

  /**
   * Changes on every {@link TaskScheduler.cancelAll}. A task chain (a status progression, a redelivery)
   * passes the generation it started in to {@link TaskScheduler.schedule}, so work that was running when
   * the emulator was reset cannot schedule its next step into the fresh state.
   */
  get generation(): number {
    return this.#generation;
  }

  /** How many tasks wait for their timer. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Runs `task` after `delayMs` (a negative delay counts as 0); its failure is swallowed, since tasks
   * record their own outcome. Ignored after {@link TaskScheduler.cancelAll} until {@link TaskScheduler.resume},
   * and when `generation` is given and no longer current.
   */
  schedule(delayMs: number, task: () => Promise<unknown>, generation = this.#generation): void {
    if (this.#cancelled || generation !== this.#generation) return;
    const delay = Math.max(0, delayMs);
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
      void this.#track(run());
    }, delay);
    timer.unref();
    this.#pending.set(sequence, { due: Date.now() + delay, sequence, timer, run });
  }

  /**
   * Runs every pending task now, earliest due first and one at a time, then whatever those tasks
   * scheduled, until nothing is pending or running. Time is not waited for: a status due in ten
   * minutes goes out at once, after the ones due earlier.
   */
  async flush(): Promise<void> {
    while (this.#pending.size > 0 || this.#running.size > 0) {
      if (this.#pending.size === 0) {
        await Promise.all([...this.#running]);
        continue;
      }
      let next: PendingTask | undefined;
      for (const task of this.#pending.values()) {
        if (
          next === undefined ||
          task.due < next.due ||
          (task.due === next.due && task.sequence < next.sequence)
        )
          next = task;
      }
      if (next === undefined) continue;
      clearTimeout(next.timer);
      this.#pending.delete(next.sequence);
      await this.#track(next.run());
    }
  }

  /** Drops every pending task (clearing its timer) and refuses new ones until {@link TaskScheduler.resume}. */
  cancelAll(): void {
    this.#cancelled = true;
    this.#generation++;
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
