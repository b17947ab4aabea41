import { inspect } from 'node:util';
import { NO_ARGUMENTS, operationOf } from './capabilities.js';
import { fail, maskSecrets, secretForms } from './conformance-error.js';
import { CONFORMANCE_OPERATION_CAPABILITIES } from './contract-names.js';
import { type ConformanceEnvironment, environmentOf, HookLog } from './environment.js';
import { CONFORMANCE_FAULTS } from './errors.js';
import { baseMessage, fixtureFor, resolveFixture } from './messages.js';
import { SEND_CAPABILITIES, unsupportedAttempt } from './send-capabilities.js';
import type { ConformanceCheck, ConformanceProvider, ConformanceSendResult } from './types.js';
import { deliveryRaw, deliveryRequest } from './webhooks.js';

/** What the secret checks search: everything a provider handed back during the tour. */
export type ExhibitKind = 'error' | 'result' | 'hook' | 'event';

/** One thing a provider produced, labelled with how it came about. */
export interface Exhibit {
  readonly kind: ExhibitKind;
  readonly label: string;
  readonly value: unknown;
}

/** A secret found in an exhibit. */
export interface SecretFinding {
  /** The secret's name in `options.secrets`. */
  readonly secret: string;
  /** The text around it, with every secret masked. */
  readonly excerpt: string;
}

const MAX_DEPTH = 12;

function decode(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString('utf8');
}

/**
 * Every string inside `value`, verbatim: own properties (hidden and symbol-keyed ones too), error
 * messages, stacks and causes, map, set and header entries, bytes decoded as UTF-8, and what `toJSON`
 * returns.
 */
function collectStrings(value: unknown, out: string[], seen: Set<object>, depth: number): void {
  if (typeof value === 'string') {
    out.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null) {
    if (value !== undefined && typeof value !== 'function') out.push(String(value));
    return;
  }
  if (seen.has(value) || depth > MAX_DEPTH) return;
  seen.add(value);
  const next = (child: unknown): void => collectStrings(child, out, seen, depth + 1);
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    out.push(decode(value));
    return;
  }
  if (value instanceof Headers || value instanceof Map) {
    for (const [key, entry] of value) {
      next(key);
      next(entry);
    }
  } else if (value instanceof Set) {
    for (const entry of value) next(entry);
  }
  if (value instanceof Error) {
    out.push(value.name, value.message, value.stack ?? '');
    next(value.cause);
  }
  const keys: (string | symbol)[] = [
    ...Object.getOwnPropertyNames(value),
    ...Object.getOwnPropertySymbols(value),
  ];
  for (const key of keys) {
    if (typeof key === 'string') out.push(key);
    try {
      next((value as Record<string | symbol, unknown>)[key]);
    } catch {
      // A throwing getter hides nothing it could return.
    }
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try {
      next(toJSON.call(value));
    } catch {
      // Nothing to add.
    }
  }
}

/**
 * The text a secret is searched in: every string inside `value` verbatim (hidden fields, causes and
 * bytes included; see `collectStrings`), then `util.inspect` and `JSON.stringify` of it.
 */
export function scanText(value: unknown): string {
  const parts: string[] = [];
  collectStrings(value, parts, new Set(), 0);
  parts.push(
    inspect(value, {
      depth: MAX_DEPTH,
      showHidden: true,
      maxArrayLength: Number.POSITIVE_INFINITY,
      maxStringLength: Number.POSITIVE_INFINITY,
      breakLength: Number.POSITIVE_INFINITY,
    }),
  );
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular or a throwing toJSON: the strings above still cover it.
  }
  return parts.join('\n');
}

/** Where any secret (in any form of {@link secretForms}) appears in `value`. */
export function findSecrets(value: unknown, secrets: Readonly<Record<string, string>>): SecretFinding[] {
  const text = scanText(value);
  const findings: SecretFinding[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    for (const form of secretForms(secret)) {
      const at = text.indexOf(form);
      if (at === -1) continue;
      const excerpt = text.slice(Math.max(0, at - 80), at + form.length + 80);
      findings.push({ secret: name, excerpt: maskSecrets(excerpt, secrets).replace(/\s+/g, ' ') });
      break;
    }
  }
  return findings;
}

/** Runs the tour: every call the other checks make, recording results, errors, events and hook events. */
async function tour(env: ConformanceEnvironment): Promise<Exhibit[]> {
  const exhibits: Exhibit[] = [];
  const log = new HookLog();
  const record = async <T>(
    label: string,
    call: () => Promise<T>,
    kind: ExhibitKind = 'result',
  ): Promise<T | undefined> => {
    try {
      const value = await call();
      exhibits.push({ kind, label, value });
      return value;
    } catch (error) {
      exhibits.push({ kind: 'error', label, value: error });
      return undefined;
    }
  };
  // Deliveries come from the fixtures, not from the provider: not exhibits.
  const build = async <T>(call: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch {
      return undefined;
    }
  };
  const { capabilities } = await env.claimed();
  const { fixtures, webhooks } = env.options;
  const base = baseMessage(fixtures, capabilities);

  await record('the calls on the API', () =>
    env.withApi(async (provider) => {
      for (const capability of SEND_CAPABILITIES) {
        const fixture = capabilities.has(capability)
          ? fixtureFor(fixtures, capability, capabilities)
          : undefined;
        if (fixture === undefined) continue;
        await record(`send (${capability})`, async () =>
          provider.send(await resolveFixture(fixture, provider, capability, env.secrets)),
        );
      }
      const bulk = fixtures.bulk;
      if (capabilities.has('send.bulk') && bulk !== undefined)
        await record('sendBulk', () => provider.sendBulk(bulk));
      await callOperations(provider, env, record);
      if (base === undefined) return;
      const sent = (await record(`send (${base.capability})`, () => provider.send(base.message))) as
        | ConformanceSendResult
        | undefined;
      if (sent === undefined) return;
      const delivery = await build(() => webhooks.status(sent, 'delivered'));
      if (delivery !== undefined) {
        await record(
          'webhooks.parse (Request)',
          () => provider.webhooks.parse(deliveryRequest(delivery)),
          'event',
        );
        await record('webhooks.parse (raw)', () => provider.webhooks.parse(deliveryRaw(delivery)), 'event');
      }
      const { batch, forged } = webhooks;
      if (batch !== undefined) {
        const batched = await build(() => batch([sent]));
        if (batched !== undefined)
          await record(
            'webhooks.parse (batch)',
            () => provider.webhooks.parse(deliveryRequest(batched)),
            'event',
          );
      }
      if (forged !== undefined) {
        const delivery = await build(() => forged(sent));
        if (delivery !== undefined)
          await record(
            'webhooks.parse (forged)',
            () => provider.webhooks.parse(deliveryRequest(delivery)),
            'event',
          );
      }
    }, log),
  );

  await record('the calls refused before any request', () =>
    env.withTripwire(async (provider) => {
      for (const capability of SEND_CAPABILITIES) {
        if (capabilities.has(capability)) continue;
        const { message } = unsupportedAttempt(env, capability, capabilities);
        await record(`send (${capability}, not claimed)`, () => provider.send(message));
      }
      if (base !== undefined) {
        const message = { ...base.message, to: 'not-a-phone-number' };
        await record('send (invalid recipient)', () => provider.send(message));
      }
    }, log),
  );

  if (base !== undefined) {
    for (const fault of CONFORMANCE_FAULTS) {
      await record(`the calls answered HTTP ${fault.status}`, () =>
        env.withFault(
          fault.respond,
          async (provider) => {
            await record(`send (HTTP ${fault.status})`, () => provider.send(base.message));
          },
          log,
        ),
      );
    }
  }

  for (const { hook, target, event } of log.events)
    exhibits.push({ kind: 'hook', label: `${hook} (${target} server)`, value: event });
  return exhibits;
}

async function callOperations(
  provider: ConformanceProvider,
  env: ConformanceEnvironment,
  record: (label: string, call: () => Promise<unknown>) => Promise<unknown>,
): Promise<void> {
  const { capabilities } = await env.claimed();
  for (const capability of CONFORMANCE_OPERATION_CAPABILITIES) {
    if (!capabilities.has(capability)) continue;
    const given = env.options.fixtures.operations?.[capability];
    if (given === undefined && !NO_ARGUMENTS.has(capability)) continue;
    await record(capability, async () => {
      const operation = operationOf(provider, capability);
      if (operation === undefined) throw new Error(`${capability} is claimed but absent`);
      const args = typeof given === 'function' ? await given(provider) : (given ?? []);
      return operation(...args);
    });
  }
}

const WHAT: Record<ExhibitKind, string> = {
  error: 'a thrown error (message, fields, cause or toJSON)',
  result: 'a SendResult, BulkResult or operation result (raw included)',
  hook: 'a hook event',
  event: 'a parsed webhook event (raw included)',
};

function secretCheck(kind: ExhibitKind): ConformanceCheck {
  return {
    group: 'secrets',
    name: `no secret appears in ${WHAT[kind]}`,
    async run(handle) {
      const env = environmentOf(handle);
      const exhibits = (await env.memo('secrets-tour', () => tour(env))).filter(
        (exhibit) => exhibit.kind === kind,
      );
      if (kind === 'hook' && env.options.expectHookEvents === true && exhibits.length === 0)
        fail('expectHookEvents is set, but the provider called none of the hooks createProvider was given');
      const leaks = exhibits.flatMap((exhibit) =>
        findSecrets(exhibit.value, env.secrets).map((finding) => ({ label: exhibit.label, ...finding })),
      );
      if (leaks.length > 0) {
        const lines = leaks
          .slice(0, 5)
          .map(({ label, secret, excerpt }) => `- secrets.${secret} in ${label}: …${excerpt}…`);
        fail(
          `A secret appears in ${WHAT[kind]}:\n${lines.join('\n')}${leaks.length > 5 ? `\n- and ${leaks.length - 5} more` : ''}`,
        );
      }
    },
  };
}

/**
 * The secret checks. They make every call the other checks make (claimed sends and operations on the API,
 * webhook parsing, refused calls, the faults) with recording hooks, then search every error, result, hook
 * event and parsed event for every secret in `options.secrets`: as is, JSON-escaped, URL-encoded and in
 * base64.
 */
export function secretChecks(): ConformanceCheck[] {
  return (['error', 'result', 'hook', 'event'] as const).map(secretCheck);
}
