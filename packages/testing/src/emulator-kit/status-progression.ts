import type { TaskScheduler } from './task-scheduler.js';

/**
 * The pace of the automatic status webhooks that follow every accepted send, in milliseconds. Each delay
 * counts from the step before: `sent` fires `sent` ms after the send, `delivered` fires `delivered` ms
 * after `sent`, and `read` fires `read` ms after `delivered`. Both emulators read it the same way.
 *
 * @example
 * ```ts
 * // sent at +100 ms, delivered at +500 ms, read at +1500 ms
 * emulator.setWebhook({ url, statusDelaysMs: { sent: 100, delivered: 400, read: 1000 } });
 * ```
 */
export interface EmulatorStatusDelays {
  sent: number;
  delivered: number;
  read: number;
}

/** The default pace of both emulators: sent after 100 ms, delivered 400 ms later, read 1 s after that. */
export const DEFAULT_STATUS_DELAYS: Readonly<EmulatorStatusDelays> = Object.freeze({
  sent: 100,
  delivered: 400,
  read: 1000,
});

/** A step of the automatic progression. */
export type ProgressionStatus = keyof EmulatorStatusDelays;

const STEPS: readonly ProgressionStatus[] = ['sent', 'delivered', 'read'];

/**
 * Schedules `sent`, `delivered` and `read`, each `delays[step]` after the previous one ran. `step`
 * reports one status (or skips it) and answers whether the progression goes on: `false` stops it, for
 * a message that failed meanwhile. A reset or close of the scheduler ends it too.
 */
export function scheduleStatusProgression(
  scheduler: TaskScheduler,
  delays: EmulatorStatusDelays,
  step: (status: ProgressionStatus) => Promise<boolean>,
): void {
  const generation = scheduler.generation;
  const run = (index: number): void => {
    const status = STEPS[index];
    if (status === undefined) return;
    scheduler.schedule(
      delays[status],
      async () => {
        if (await step(status)) run(index + 1);
      },
      generation,
    );
  };
  run(0);
}

/** Throws when `delays` is neither `false` nor three non-negative finite numbers. */
export function checkStatusDelays(where: string, delays: EmulatorStatusDelays | false | undefined): void {
  if (delays === undefined || delays === false) return;
  for (const status of STEPS) {
    const value = delays[status];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `${where}: statusDelaysMs.${status} must be a non-negative number of milliseconds, got ${String(value)}`,
      );
    }
  }
}
