/** A request's signal from {@link AbortLinks.link}, and the call that detaches it. */
export interface LinkedSignal {
  /** Aborts with the caller's reason, or the owner's when the owner aborts first. */
  signal: AbortSignal;
  /** Detaches the request from both sources; call it once the request has ended. */
  release: () => void;
}

interface SourceLinks {
  controllers: Set<AbortController>;
  onAbort: () => void;
}

const noRelease = (): void => {};

/**
 * Gives each request that has its caller's `AbortSignal` a signal that also aborts with the
 * owner's (a transport's `close()`), listening to each source once however many requests share it.
 *
 * Why not `AbortSignal.any`: Node registers every signal it returns with each source through a
 * WeakRef and a FinalizationRegistry cell, which stay until a garbage collection and a cleanup task
 * after it. With a long-lived source (the owner, or one signal for a whole bulk send) a bulk send
 * held about 13 MiB of them at a time, and in a 128 MiB heap an unpaced 100,000-recipient stream ran
 * at 3,249 requests/s instead of 4,099 (`docs/performance.md`, "The limiter's burst and the abort
 * links"). A listener
 * per source, removed with its last request, holds nothing once the requests end, and a caller's
 * signal shared by many requests gets one listener, not one each (no MaxListenersExceededWarning).
 */
export class AbortLinks {
  private readonly bySource = new Map<AbortSignal, SourceLinks>();

  constructor(private readonly owner: AbortSignal) {
    owner.addEventListener('abort', () => this.abortAll(owner.reason), { once: true });
  }

  /**
   * A signal for one request made with `source`. Already aborted when `source` or the owner is
   * (with that reason). Call `release` when the request ends, however it ends.
   */
  link(source: AbortSignal): LinkedSignal {
    if (source.aborted) return { signal: source, release: noRelease };
    if (this.owner.aborted) return { signal: this.owner, release: noRelease };
    const controller = new AbortController();
    let links = this.bySource.get(source);
    if (links === undefined) {
      const controllers = new Set<AbortController>();
      const onAbort = () => {
        this.bySource.delete(source);
        for (const linked of controllers) linked.abort(source.reason);
      };
      // Listen before recording the source: a source that cannot be listened to must leave nothing
      // behind that would let a later request with it skip this step.
      source.addEventListener('abort', onAbort, { once: true });
      links = { controllers, onAbort };
      this.bySource.set(source, links);
    }
    links.controllers.add(controller);
    const { controllers, onAbort } = links;
    return {
      signal: controller.signal,
      release: () => {
        if (!controllers.delete(controller) || controllers.size > 0) return;
        if (this.bySource.get(source)?.controllers === controllers) this.bySource.delete(source);
        source.removeEventListener('abort', onAbort);
      },
    };
  }

  /** The sources listened to now: one per caller's signal with a request not yet released. */
  get sourceCount(): number {
    return this.bySource.size;
  }

  private abortAll(reason: unknown): void {
    const all = [...this.bySource.entries()];
    this.bySource.clear();
    for (const [source, { controllers, onAbort }] of all) {
      source.removeEventListener('abort', onAbort);
      for (const controller of controllers) controller.abort(reason);
    }
  }
}
