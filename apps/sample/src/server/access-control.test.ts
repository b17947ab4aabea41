import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AccessControl } from './access-control.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const TOKEN = 'unit-test-token-0123456789abcdef';
const compare = vi.mocked(crypto.timingSafeEqual);

beforeEach(() => {
  compare.mockClear();
});

describe('AccessControl', () => {
  it('recognises the token only, comparing equal-length digests with timingSafeEqual', () => {
    const access = new AccessControl(TOKEN);
    expect(access.isToken(TOKEN)).toBe(true);
    for (const wrong of ['', 'x', TOKEN.slice(1), `${TOKEN} `, TOKEN.replace('u', 'U'), 'y'.repeat(10_000)])
      expect(access.isToken(wrong)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(7);
    for (const [a, b] of compare.mock.calls) {
      expect(Buffer.from(a as Uint8Array)).toHaveLength(32);
      expect(Buffer.from(b as Uint8Array)).toHaveLength(32);
    }
  });

  it('issues session cookies that are neither the token nor derived from it alone', () => {
    const access = new AccessControl(TOKEN);
    const first = access.startSession();
    const second = access.startSession();
    expect(first).not.toBe(second);
    expect(first).not.toContain(TOKEN);
    expect(first).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
    expect(access.hasSession(first)).toBe(true);
    expect(access.hasSession(second)).toBe(true);
    expect(compare).toHaveBeenCalled();
    // Another server (another key) does not accept them.
    expect(new AccessControl(TOKEN).hasSession(first)).toBe(false);
  });

  it('refuses cookies it did not issue', () => {
    const access = new AccessControl(TOKEN);
    const cookie = access.startSession();
    const [id = '', mac = ''] = cookie.split('.');
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [undefined, '', TOKEN, id, `${id}.`, `.${mac}`, `${id}.${flipped}`, `${id}x.${mac}`])
      expect(access.hasSession(forged)).toBe(false);
  });

  it('ends a session at logout, and only that one', () => {
    const access = new AccessControl(TOKEN);
    const mine = access.startSession();
    const other = access.startSession();
    access.endSession(mine);
    access.endSession('garbage');
    access.endSession(undefined);
    expect(access.hasSession(mine)).toBe(false);
    expect(access.hasSession(other)).toBe(true);
    expect(access.sessionCount).toBe(1);
  });

  it('expires sessions after their lifetime, by its clock', () => {
    let now = 1_000_000;
    const access = new AccessControl(TOKEN, { sessionTtlMs: 60_000, now: () => now });
    const cookie = access.startSession();
    now += 59_999;
    expect(access.hasSession(cookie)).toBe(true);
    now += 1;
    expect(access.hasSession(cookie)).toBe(false);
    expect(access.sessionCount).toBe(0);
  });

  it('keeps at most maxSessions, ending the oldest', () => {
    const access = new AccessControl(TOKEN, { maxSessions: 2 });
    const [first, second, third] = [access.startSession(), access.startSession(), access.startSession()];
    expect(access.hasSession(first)).toBe(false);
    expect(access.hasSession(second)).toBe(true);
    expect(access.hasSession(third)).toBe(true);
  });
});
