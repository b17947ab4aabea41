import { appendBounded } from './emulator-kit/retention.js';
import type { RecordedRequest } from './recorded-request.js';

/** A request whose handler threw, answered with a 500. */
export interface HandlerError {
  request: RecordedRequest;
  error: unknown;
}

interface Arrival {
  sequence: number;
  request: RecordedRequest;
}

/**
 * What a loopback server remembers about the requests it served: every request in arrival order, the
 * unhandled ones and the handler failures, each list keeping at most `max` entries (the newest).
 */
export class RequestLog {
  readonly #max: number;
  #arrivals: Arrival[] = [];
  #unhandled: RecordedRequest[] = [];
  #errors: HandlerError[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  /** The recorded requests, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.#arrivals.map((arrival) => arrival.request);
  }

  /** The requests no handler answered. */
  get unhandledRequests(): readonly RecordedRequest[] {
    return [...this.#unhandled];
  }

  /** The requests whose handler threw, with the error. */
  get handlerErrors(): readonly HandlerError[] {
    return [...this.#errors];
  }

  /** Records a request by its arrival `sequence`, so a body that finished uploading late keeps its place. */
  record(sequence: number, request: RecordedRequest): void {
    let index = this.#arrivals.length;
    while (index > 0 && (this.#arrivals[index - 1]?.sequence ?? -1) > sequence) index--;
    this.#arrivals.splice(index, 0, { sequence, request });
    if (this.#arrivals.length > this.#max) this.#arrivals.splice(0, this.#arrivals.length - this.#max);
  }

  /** Notes a request no handler answered. */
  recordUnhandled(request: RecordedRequest): void {
    appendBounded(this.#unhandled, request, this.#max);
  }

  /** Notes a request whose handler threw. */
  recordError(request: RecordedRequest, error: unknown): void {
    appendBounded(this.#errors, { request, error }, this.#max);
  }

  /** Forgets everything. */
  clear(): void {
    this.#arrivals = [];
    this.#unhandled = [];
    this.#errors = [];
  }
}
