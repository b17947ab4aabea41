import { capabilityTitle } from './check-title.js';
import { describeValue, fail } from './conformance-error.js';
import {
  CONFORMANCE_CAPABILITIES,
  CONFORMANCE_FACET_OPERATIONS,
  CONFORMANCE_OPERATION_CAPABILITIES,
  type ConformanceFacetName,
  type ConformanceOperationCapability,
} from './contract-names.js';
import { environmentOf } from './environment.js';
import type { ConformanceCheck, ConformanceProvider } from './types.js';

/** Operations the kit calls without arguments unless `fixtures.operations` gives some. */
export const NO_ARGUMENTS: ReadonlySet<ConformanceOperationCapability> = new Set([
  'templates.list',
  'contacts.list',
  'account.phoneNumbers',
  'account.businessProfile',
]);

/** Operations that return a `Page` (`{ items, nextCursor? }`). */
const PAGED: ReadonlySet<ConformanceOperationCapability> = new Set([
  'templates.list',
  'contacts.list',
  'conversations.messages',
]);

const KNOWN: ReadonlySet<string> = new Set(CONFORMANCE_CAPABILITIES);

/**
 * The function behind an operation capability, bound to its facet, or `undefined` when the provider does
 * not have it (what core's `requireOperation` finds).
 */
export function operationOf(
  provider: ConformanceProvider,
  capability: ConformanceOperationCapability,
): ((...args: unknown[]) => unknown) | undefined {
  if (capability === 'messages.markRead') {
    const markRead: unknown = provider.markRead;
    return typeof markRead === 'function' ? markRead.bind(provider) : undefined;
  }
  const [facetName, method] = capability.split('.') as [ConformanceFacetName, string];
  const facet = provider[facetName] as Record<string, unknown> | undefined | null;
  const fn = facet?.[method];
  return typeof fn === 'function' ? fn.bind(facet) : undefined;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): { missing: string[]; extra: string[] } {
  return { missing: [...a].filter((name) => !b.has(name)), extra: [...b].filter((name) => !a.has(name)) };
}

const declaration: ConformanceCheck = {
  group: 'capabilities',
  name: 'declares only known capabilities, exactly the ones claimed',
  async run(handle) {
    const env = environmentOf(handle);
    await env.withTripwire(async (provider) => {
      const declared: unknown = provider.capabilities;
      if (
        typeof declared !== 'object' ||
        declared === null ||
        typeof (declared as ReadonlySet<string>).has !== 'function' ||
        typeof (declared as Iterable<string>)[Symbol.iterator] !== 'function'
      ) {
        fail(
          `provider.capabilities must be a ReadonlySet of capability names, got ${describeValue(declared, env.secrets)}`,
        );
      }
      const names = new Set(provider.capabilities);
      const unknown = [...names].filter((name) => !KNOWN.has(name));
      if (unknown.length > 0) {
        fail(
          `provider.capabilities lists names the contract does not have: ${unknown.join(', ')}. ` +
            '(If @switchboard/core added them, this @switchboard/testing predates that core: upgrade it to the same release.)',
        );
      }
      if (env.options.capabilities !== undefined) {
        const claimed = new Set(env.options.capabilities);
        const unknownClaimed = [...claimed].filter((name) => !KNOWN.has(name));
        if (unknownClaimed.length > 0)
          fail(`options.capabilities lists unknown names: ${unknownClaimed.join(', ')}`);
        const { missing, extra } = sameSet(claimed, names);
        if (missing.length > 0 || extra.length > 0) {
          fail(
            'provider.capabilities must be exactly options.capabilities:' +
              (missing.length > 0 ? `\n- claimed but not declared: ${missing.join(', ')}` : '') +
              (extra.length > 0 ? `\n- declared but not claimed: ${extra.join(', ')}` : ''),
          );
        }
      }
    });
  },
};

const attachedOperations: ConformanceCheck = {
  group: 'capabilities',
  name: 'attaches exactly the claimed operations: no stub methods, no empty facets',
  async run(handle) {
    const env = environmentOf(handle);
    const { capabilities } = await env.claimed();
    await env.withTripwire(async (provider) => {
      const problems: string[] = [];
      for (const capability of CONFORMANCE_OPERATION_CAPABILITIES) {
        const attached = operationOf(provider, capability) !== undefined;
        if (attached && !capabilities.has(capability))
          problems.push(`${capability} is attached but not claimed (a stub? remove it, or claim it)`);
        if (!attached && capabilities.has(capability))
          problems.push(`${capability} is claimed but not attached`);
      }
      for (const facetName of Object.keys(CONFORMANCE_FACET_OPERATIONS) as ConformanceFacetName[]) {
        const facet: unknown = provider[facetName];
        if (facet === undefined) continue;
        if (typeof facet !== 'object' || facet === null) {
          problems.push(
            `provider.${facetName} must be an object or absent, got ${describeValue(facet, env.secrets)}`,
          );
          continue;
        }
        const operations = CONFORMANCE_FACET_OPERATIONS[facetName].filter((method) =>
          capabilities.has(`${facetName}.${method}`),
        );
        if (operations.length === 0)
          problems.push(
            `provider.${facetName} is attached but none of its operations is claimed: leave it absent`,
          );
      }
      if (problems.length > 0) fail(`The facets must match the capabilities:\n- ${problems.join('\n- ')}`);
    });
  },
};

/** Checks one operation capability: claimed → it works against the API; not claimed → it is absent. */
function operationCheck(
  capability: ConformanceOperationCapability,
  claimed: ReadonlySet<string> | undefined,
): ConformanceCheck {
  return {
    group: 'capabilities',
    name: capabilityTitle(capability, claimed, 'works end to end', 'absent, no stub'),
    async run(handle) {
      const env = environmentOf(handle);
      const { capabilities } = await env.claimed();
      if (!capabilities.has(capability)) {
        await env.withTripwire(async (provider) => {
          if (operationOf(provider, capability) !== undefined)
            fail(`${capability} is not claimed, so the provider must not have it (no stub method)`);
        });
        return;
      }
      const given = env.options.fixtures.operations?.[capability];
      if (given === undefined && !NO_ARGUMENTS.has(capability)) {
        fail(`${capability} is claimed: give its arguments in fixtures.operations['${capability}']`);
      }
      await env.withApi(async (provider, api) => {
        const operation = operationOf(provider, capability);
        if (operation === undefined) fail(`${capability} is claimed but the provider does not have it`);
        const args = typeof given === 'function' ? await given(provider) : (given ?? []);
        const mark = api.mark();
        let result: unknown;
        try {
          result = await operation(...args);
        } catch (error) {
          fail(`${capability} is claimed, but calling it rejected: ${describeValue(error, env.secrets)}`);
        }
        if (api.arrivedSince(mark) === 0)
          fail(`${capability} resolved without any request reaching the API: it must work end to end`);
        assertOperationResult(capability, result, env.secrets);
      });
    },
  };
}

function assertOperationResult(
  capability: ConformanceOperationCapability,
  result: unknown,
  secrets: Readonly<Record<string, string>>,
): void {
  const record = result as Record<string, unknown> | undefined;
  if (PAGED.has(capability)) {
    if (typeof record !== 'object' || record === null || !Array.isArray(record.items))
      fail(
        `${capability} must resolve with a page { items, nextCursor? }, got ${describeValue(result, secrets)}`,
      );
    if (
      record.nextCursor !== undefined &&
      (typeof record.nextCursor !== 'string' || record.nextCursor === '')
    )
      fail(
        `${capability}: nextCursor must be a non-empty string or absent, got ${describeValue(record.nextCursor, secrets)}`,
      );
  } else if (capability === 'media.upload') {
    if (typeof record?.id !== 'string' || record.id === '')
      fail(`media.upload must resolve with { id }, got ${describeValue(result, secrets)}`);
  } else if (capability === 'account.phoneNumbers' && !Array.isArray(result)) {
    fail(`account.phoneNumbers must resolve with an array, got ${describeValue(result, secrets)}`);
  }
}

/**
 * The capability checks: the declared set is known (and exactly the claimed one), the attached operations
 * are exactly the claimed ones, and each operation works when claimed or is absent when not.
 */
export function capabilityChecks(claimed?: ReadonlySet<string>): ConformanceCheck[] {
  return [
    declaration,
    attachedOperations,
    ...CONFORMANCE_OPERATION_CAPABILITIES.map((capability) => operationCheck(capability, claimed)),
  ];
}
