import { assertContractError, describeValue, fail, rejectionOf } from './conformance-error.js';
import { type ConformanceEnvironment, environmentOf } from './environment.js';
import { baseMessage } from './messages.js';
import { assertNoRequest, describeSend } from './send-capabilities.js';
import type { ConformanceCheck, ConformanceMessage, ConformanceProvider } from './types.js';

/**
 * Runs `call` on a provider talking to the tripwire server and checks that it rejected with
 * `validation_failed` (a `ValidationError`) without making any request; `field`, when given, must be among
 * the error's `issues` paths.
 */
async function expectInvalid(
  env: ConformanceEnvironment,
  what: string,
  field: string | undefined,
  call: (provider: ConformanceProvider) => Promise<unknown>,
): Promise<void> {
  await env.withTripwire(async (provider, server) => {
    const mark = server.mark();
    const error = await rejectionOf(call(provider), what, env.secrets);
    assertNoRequest(server, mark, what);
    assertContractError(
      error,
      { what, code: 'validation_failed', retryable: false, provider: provider.id, kind: 'ValidationError' },
      env.secrets,
    );
    if (field === undefined) return;
    const issues = (error as { issues?: unknown }).issues;
    const paths = Array.isArray(issues) ? issues.map((issue: { path?: unknown }) => issue?.path) : undefined;
    if (
      paths === undefined ||
      !paths.some((path) => path === field || String(path).startsWith(`${field}.`))
    ) {
      fail(
        `${what} must name the offending field '${field}' in the error's issues ([{ path, message }]), got ${describeValue(issues, env.secrets)}`,
      );
    }
  });
}

async function requireBase(env: ConformanceEnvironment): Promise<ConformanceMessage> {
  const { capabilities } = await env.claimed();
  const base = baseMessage(env.options.fixtures, capabilities);
  if (base === undefined)
    fail('no claimed message type has a fixture in fixtures.messages: give send.text at least');
  return base.message;
}

const invalidRecipient: ConformanceCheck = {
  group: 'validation',
  name: 'send refuses an invalid recipient with validation_failed before any request',
  async run(handle) {
    const env = environmentOf(handle);
    const base = await requireBase(env);
    for (const to of ['not-a-phone-number', '12']) {
      const message = { ...base, to };
      const what = describeSend(message, `to: '${to}'`);
      await expectInvalid(env, what, 'to', (provider) => provider.send(message));
    }
  },
};

const missingField: ConformanceCheck = {
  group: 'validation',
  name: 'send refuses a message without a recipient with validation_failed before any request',
  async run(handle) {
    const env = environmentOf(handle);
    const { to: _omitted, ...rest } = await requireBase(env);
    const message = rest as unknown as ConformanceMessage;
    await expectInvalid(env, `send({ type: '${message.type}' }) without \`to\``, 'to', (provider) =>
      provider.send(message),
    );
  },
};

const emptyBulk: ConformanceCheck = {
  group: 'validation',
  name: 'sendBulk refuses an empty recipient list with validation_failed before any request',
  async run(handle) {
    const env = environmentOf(handle);
    const { capabilities } = await env.claimed();
    const bulk = env.options.fixtures.bulk;
    // Without send.bulk the send checks already require unsupported_feature.
    if (!capabilities.has('send.bulk') || bulk === undefined) return;
    const request = { ...bulk, recipients: [] };
    await expectInvalid(env, 'sendBulk({ recipients: [] })', undefined, (provider) =>
      provider.sendBulk(request),
    );
  },
};

const controllerAsSignal: ConformanceCheck = {
  group: 'validation',
  name: 'send refuses a signal that is not an AbortSignal with validation_failed before any request',
  async run(handle) {
    const env = environmentOf(handle);
    const message = await requireBase(env);
    // The controller where its `signal` belongs: a common slip. Twice, since a provider that
    // remembered the first call's half-done setup let the second one through.
    const options = { signal: new AbortController() as unknown as AbortSignal };
    for (const attempt of ['first', 'second']) {
      const what = `${describeSend(message, 'the AbortController as signal')} (${attempt} call)`;
      await expectInvalid(env, what, 'signal', (provider) => provider.send(message, options));
    }
  },
};

/** The validation checks: invalid input is refused with `validation_failed` before any request. */
export function validationChecks(): ConformanceCheck[] {
  return [invalidRecipient, missingField, emptyBulk, controllerAsSignal];
}
