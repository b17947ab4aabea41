import { faults } from '../faults.js';
import { NO_ARGUMENTS, operationOf } from './capabilities.js';
import { assertContractError, describeValue, fail, rejectionOf } from './conformance-error.js';
import { CONFORMANCE_OPERATION_CAPABILITIES, type ConformanceErrorCode } from './contract-names.js';
import { type ConformanceEnvironment, environmentOf, type FaultResponder } from './environment.js';
import { baseMessage } from './messages.js';
import { describeSend } from './send-capabilities.js';
import type { ConformanceCheck, ConformanceMessage, ConformanceProvider } from './types.js';

/** The `Retry-After` the 429 fault sends: longer than any retry policy waits, so no check sleeps. */
export const FAULT_RETRY_AFTER_SECONDS = 3600;

/**
 * A body that echoes the request, headers included, as some gateways do: a provider that copies a
 * response body into its error must still redact its credentials from it.
 */
function echoBody(request: Request): unknown {
  return {
    error: {
      message: 'Switchboard conformance fault',
      request: { method: request.method, url: request.url, headers: Object.fromEntries(request.headers) },
    },
  };
}

/** One HTTP failure and what the provider must make of it. */
export interface ConformanceFault {
  readonly status: number;
  readonly respond: FaultResponder;
  readonly code: ConformanceErrorCode;
  readonly retryable: boolean;
  /** The core error class (`isInstance`) the marker must name, where one fits. */
  readonly kind?: string;
  readonly retryAfterMs?: number;
  /** Exactly this many requests: a failure that is not retryable must not be retried. */
  readonly requests?: number;
}

/** The faults the kit injects: 401, 429 with `Retry-After`, 503. Each answers every attempt alike. */
export const CONFORMANCE_FAULTS: readonly ConformanceFault[] = [
  {
    status: 401,
    respond: (request) => faults.status(401, { body: echoBody(request) }),
    code: 'auth_failed',
    retryable: false,
    kind: 'AuthenticationError',
    requests: 1,
  },
  {
    status: 429,
    respond: (request) =>
      faults.status(429, { retryAfter: FAULT_RETRY_AFTER_SECONDS, body: echoBody(request) }),
    code: 'rate_limited',
    retryable: true,
    kind: 'RateLimitError',
    retryAfterMs: FAULT_RETRY_AFTER_SECONDS * 1000,
  },
  {
    status: 503,
    respond: (request) => faults.status(503, { body: echoBody(request) }),
    code: 'provider_unavailable',
    retryable: true,
  },
];

/** Sends `message` to a server answering with `fault` and checks the error the provider throws. */
export async function expectFault(
  env: ConformanceEnvironment,
  fault: ConformanceFault,
  what: string,
  call: (provider: ConformanceProvider) => Promise<unknown>,
): Promise<unknown> {
  return env.withFault(fault.respond, async (provider, server) => {
    const mark = server.mark();
    const described = `${what} answered HTTP ${fault.status}`;
    const error = await rejectionOf(call(provider), described, env.secrets);
    assertContractError(
      error,
      {
        what: described,
        code: fault.code,
        retryable: fault.retryable,
        provider: provider.id,
        status: fault.status,
        ...(fault.kind === undefined ? {} : { kind: fault.kind }),
      },
      env.secrets,
    );
    if (fault.retryAfterMs !== undefined) {
      const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
      if (retryAfterMs !== fault.retryAfterMs) {
        fail(
          `${described} with Retry-After: ${FAULT_RETRY_AFTER_SECONDS}: the error's retryAfterMs must be ${fault.retryAfterMs}, got ${describeValue(retryAfterMs, env.secrets)}`,
        );
      }
    }
    const sent = server.arrivedSince(mark);
    if (fault.requests !== undefined && sent !== fault.requests) {
      fail(
        `${described}: a ${fault.code} failure is not retryable, so exactly ${fault.requests} request may be sent, got ${sent}`,
      );
    }
    return error;
  });
}

async function requireBase(env: ConformanceEnvironment): Promise<ConformanceMessage> {
  const { capabilities } = await env.claimed();
  const base = baseMessage(env.options.fixtures, capabilities);
  if (base === undefined)
    fail('no claimed message type has a fixture in fixtures.messages: give send.text at least');
  return base.message;
}

function sendFaultCheck(fault: ConformanceFault): ConformanceCheck {
  const extra = fault.retryAfterMs === undefined ? '' : ' and retryAfterMs';
  return {
    group: 'errors',
    name: `send: HTTP ${fault.status} → ${fault.code}, retryable: ${fault.retryable}${extra}`,
    async run(handle) {
      const env = environmentOf(handle);
      const message = await requireBase(env);
      await expectFault(env, fault, describeSend(message), (provider) => provider.send(message));
    },
  };
}

const operationFaults: ConformanceCheck = {
  group: 'errors',
  name: 'operations: HTTP 401 → auth_failed and 503 → provider_unavailable',
  async run(handle) {
    const env = environmentOf(handle);
    const { capabilities } = await env.claimed();
    const operations = env.options.fixtures.operations ?? {};
    for (const capability of CONFORMANCE_OPERATION_CAPABILITIES) {
      if (!capabilities.has(capability)) continue;
      const given = operations[capability];
      // Arguments made by a function may need the API (an upload first): those run only against it.
      if (typeof given === 'function') continue;
      const args = given ?? (NO_ARGUMENTS.has(capability) ? [] : undefined);
      if (args === undefined) continue;
      for (const fault of CONFORMANCE_FAULTS.filter(({ status }) => status !== 429)) {
        await expectFault(env, fault, capability, async (provider) => {
          const operation = operationOf(provider, capability);
          if (operation === undefined) fail(`${capability} is claimed but the provider does not have it`);
          return operation(...args);
        });
      }
    }
  },
};

/**
 * The error checks: a server answering 401, 429 (with `Retry-After`) or 503 makes `send` (and every
 * operation the kit can call without the API) reject with the neutral code, `retryable`, `status` and,
 * for 429, `retryAfterMs`; a 401 is not retried.
 */
export function errorChecks(): ConformanceCheck[] {
  return [...CONFORMANCE_FAULTS.map(sendFaultCheck), operationFaults];
}
