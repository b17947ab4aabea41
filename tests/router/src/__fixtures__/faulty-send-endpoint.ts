// Fault injection in front of an emulator's send endpoints: each send request takes the next
// outcome of a queue ('ok' lets the emulator answer), and every request is logged with the outcome
// that answered it, so a test counts on the server side what may have reached the customer.
import { faults, type LoopbackServer } from '@switchboard/testing';
import { http } from 'msw';

/** How the server answers one send request. */
export type Fault =
  /** The emulator answers (the message is sent). */
  | 'ok'
  /** 429 Too Many Requests: refused, not sent. */
  | '429'
  /** 503 Service Unavailable: refused, not sent. */
  | '503'
  /** 500: the server may have acted on it (ambiguous). */
  | '500'
  /** The connection is dropped after the request was written (ambiguous). */
  | 'reset'
  /** No answer until the client gives up (ambiguous). */
  | 'timeout'
  /** A provider's own error response, e.g. a Graph error body. */
  | { status: number; body: unknown };

/** Outcomes after which the message may have reached the customer. */
export const MAY_HAVE_SENT: ReadonlySet<Fault> = new Set(['ok', '500', 'reset', 'timeout']);

/** The faults of one emulator's send endpoints. */
export interface FaultySendEndpoint {
  /** Outcomes of the next send requests, consumed in order; when empty, requests pass through. */
  readonly queue: Fault[];
  /** Every send request the server received, with the outcome that answered it, in order. */
  readonly log: Fault[];
  /** Answers every send with `fault` until `clear()`. */
  always(fault: Fault): void;
  clear(): void;
}

function answer(
  fault: Exclude<Fault, 'ok'>,
  request: Request,
  body503: unknown,
): Response | Promise<Response> {
  if (typeof fault === 'object') return faults.status(fault.status, { body: fault.body });
  switch (fault) {
    case '429':
      return faults.status(429, { body: { error: { message: 'Too many requests', code: 130429 } } });
    case '503':
      return faults.status(503, { body: body503 });
    case '500':
      return faults.status(500, { body: { error: { message: 'Internal error', code: 1 } } });
    case 'reset':
      return faults.connectionReset();
    case 'timeout':
      return faults.hang(request);
  }
}

/**
 * Installs the fault handler on `server` for requests whose path `isSend` recognises. Outcomes other
 * than `ok` are answered here; `ok` falls through to the emulator's own handlers.
 */
export function injectSendFaults(
  server: LoopbackServer,
  isSend: (path: string) => boolean,
): FaultySendEndpoint {
  const queue: Fault[] = [];
  const log: Fault[] = [];
  let constant: Fault | undefined;
  server.use(
    http.post(
      ({ request }) => isSend(new URL(request.url).pathname),
      ({ request }) => {
        const fault = queue.shift() ?? constant ?? 'ok';
        log.push(fault);
        // Returning nothing lets the emulator's handler answer.
        if (fault === 'ok') return undefined;
        return answer(fault, request, {
          error: { message: 'Service temporarily unavailable', code: 131016 },
        });
      },
    ),
  );
  return {
    queue,
    log,
    always: (fault) => {
      constant = fault;
    },
    clear: () => {
      constant = undefined;
      queue.length = 0;
    },
  };
}

/** Cloud API sends: `POST /{version}/{phone-number-id}/messages`. */
export const isCloudSend = (path: string): boolean => /\/messages$/.test(path);
/** WATI sends: `POST /{tenant}/api/v1/sendSessionMessage/…`, `…/sendTemplateMessage…`, `…/sendInteractive…`. */
export const isWatiSend = (path: string): boolean => /\/api\/v\d+\/send/i.test(path);
