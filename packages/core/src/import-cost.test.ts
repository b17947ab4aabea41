import { describe, expect, it, vi } from 'vitest';

// Every zod function core's modules call, in order: building schemas was most of an import's cost,
// so importing core must call none (they are built on first use, see lazySchema).
const zodCalls = vi.hoisted(() => [] as string[]);

vi.mock('zod/mini', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const counted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actual)) {
    // Classes (ZodMiniObject…) stay as they are: instanceof needs them.
    counted[name] =
      typeof value === 'function' && /^[a-z]/.test(name)
        ? (...args: unknown[]) => {
            zodCalls.push(name);
            return (value as (...args: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return counted;
});

describe('the cost of importing core', () => {
  it('builds no zod schema at import', async () => {
    const core = await import('./index.js');
    expect(zodCalls).toEqual([]);
    expect(core.textMessageSchema.parse({ type: 'text', to: '16505551234', text: 'hi' }).text).toBe('hi');
    expect(zodCalls).toContain('strictObject');
  });

  it('validates a text without building the union of every message type', async () => {
    const { parseOutboundMessage } = await import('./index.js');
    zodCalls.length = 0;
    const message = parseOutboundMessage(
      { type: 'text', to: '+1 650 555 1234', text: 'Hello' },
      { what: 'message', provider: 'test' },
    );
    expect(message).toEqual({ type: 'text', to: '16505551234', text: 'Hello' });
    expect(zodCalls).not.toContain('discriminatedUnion');
  });
});
