import { describe, expect, expectTypeOf, it } from 'vitest';
import { UnsupportedFeatureError } from '../errors/errors.js';
import { CAPABILITIES, type Capability } from './capability.js';
import type { MessagingProvider } from './messaging-provider.js';
import { FACET_OPERATIONS, type TemplatesFacet } from './provider-facets.js';
import {
  facetCapabilities,
  OPERATION_CAPABILITIES,
  requireFacet,
  requireOperation,
} from './require-facet.js';

const calls: string[] = [];

function provider(extra: Partial<MessagingProvider>): MessagingProvider {
  return {
    id: 'inbox',
    capabilities: new Set<Capability>(),
    limits: {} as MessagingProvider['limits'],
    send: async () => {
      throw new Error('not sent in these tests');
    },
    sendBulk: async () => ({ results: [] }),
    webhooks: { handleVerification: () => new Response(), parse: async () => [] },
    close: async () => {},
    ...extra,
  };
}

const listOnly = provider({
  templates: {
    async list() {
      calls.push('templates.list');
      return { items: [] };
    },
  },
  operators: {
    async assign(phone, email) {
      calls.push(`assign ${phone} ${email}`);
    },
  },
});

function caught(run: () => unknown): UnsupportedFeatureError {
  try {
    run();
  } catch (error) {
    if (UnsupportedFeatureError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an UnsupportedFeatureError');
}

describe('requireFacet', () => {
  it('gives an attached facet', async () => {
    await requireFacet(listOnly, 'operators').assign?.('14155551234', 'ops@example.com');
    expect(calls).toContain('assign 14155551234 ops@example.com');
  });

  it('throws UnsupportedFeatureError naming the provider and the facet when it is absent', () => {
    const error = caught(() => requireFacet(listOnly, 'account'));
    expect(error.provider).toBe('inbox');
    expect(error.capability).toBe('account.phoneNumbers');
    expect(error.message).toBe('Provider "inbox" does not support account (no account facet)');
  });
});

describe('requireOperation', () => {
  it('gives an attached operation, bound to its facet', async () => {
    const list = requireOperation(listOnly, 'templates.list');
    expectTypeOf(list).toEqualTypeOf<TemplatesFacet['list']>();
    await expect(list()).resolves.toEqual({ items: [] });
    expect(calls).toContain('templates.list');
  });

  it('throws before anything runs when the facet lacks the operation, naming the capability', () => {
    const error = caught(() => requireOperation(listOnly, 'templates.create'));
    expect(error.capability).toBe('templates.create');
    expect(error.message).toBe('Provider "inbox" does not support templates.create');
  });

  it('covers markRead, which is a method of the provider itself', async () => {
    const read: string[] = [];
    const reader = provider({
      async markRead(id) {
        read.push(id);
      },
    });
    await requireOperation(reader, 'messages.markRead')('wamid.1');
    expect(read).toEqual(['wamid.1']);
    expect(caught(() => requireOperation(listOnly, 'messages.markRead')).capability).toBe(
      'messages.markRead',
    );
  });
});

describe('facetCapabilities', () => {
  it('lists exactly the operations attached', () => {
    expect([...facetCapabilities(listOnly)].sort()).toEqual(['operators.assign', 'templates.list']);
    expect(facetCapabilities(provider({}))).toEqual(new Set());
  });

  it('knows an operation capability for every facet operation, and each is a real capability', () => {
    const expected = Object.entries(FACET_OPERATIONS).flatMap(([facet, methods]) =>
      methods.map((method) => `${facet}.${method}`),
    );
    expect([...OPERATION_CAPABILITIES].sort()).toEqual(['messages.markRead', ...expected].sort());
    for (const capability of OPERATION_CAPABILITIES) expect(CAPABILITIES).toContain(capability);
  });
});
