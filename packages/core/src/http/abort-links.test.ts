import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AbortLinks } from './abort-links.js';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('AbortLinks', () => {
  it("aborts every request linked to a caller's signal with its reason, through one listener", () => {
    const owner = new AbortController();
    const caller = new AbortController();
    const links = new AbortLinks(owner.signal);
    const linked = Array.from({ length: 50 }, () => links.link(caller.signal));
    expect(listeners(caller.signal)).toBe(1);
    const reason = new Error('the caller gave up');
    caller.abort(reason);
    for (const { signal } of linked) expect(signal.reason).toBe(reason);
    expect(links.sourceCount).toBe(0);
    for (const { release } of linked) release();
    expect(listeners(caller.signal)).toBe(0);
  });

  it("removes the caller's listener with its last request and adds it again for the next", () => {
    const links = new AbortLinks(new AbortController().signal);
    const caller = new AbortController();
    const first = links.link(caller.signal);
    const second = links.link(caller.signal);
    first.release();
    expect(listeners(caller.signal)).toBe(1);
    second.release();
    second.release();
    expect(listeners(caller.signal)).toBe(0);
    expect(links.sourceCount).toBe(0);
    const third = links.link(caller.signal);
    expect(listeners(caller.signal)).toBe(1);
    caller.abort('late');
    expect(third.signal.reason).toBe('late');
    expect(first.signal.aborted).toBe(false);
  });

  it("aborts every linked request with the owner's reason and lets go of the callers' signals", () => {
    const owner = new AbortController();
    const links = new AbortLinks(owner.signal);
    const callers = [new AbortController(), new AbortController()];
    const linked = callers.map((caller) => links.link(caller.signal));
    const reason = new DOMException('The provider was closed', 'AbortError');
    owner.abort(reason);
    for (const { signal } of linked) expect(signal.reason).toBe(reason);
    for (const caller of callers) expect(listeners(caller.signal)).toBe(0);
    expect(links.link(new AbortController().signal).signal.reason).toBe(reason);
    for (const { release } of linked) release();
    expect(links.sourceCount).toBe(0);
  });

  it("hands back an aborted caller's signal, with its reason, without listening to it", () => {
    const links = new AbortLinks(new AbortController().signal);
    const linked = links.link(AbortSignal.abort('already'));
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('already');
    expect(links.sourceCount).toBe(0);
  });

  it('keeps callers apart: one aborting leaves the requests of another running', () => {
    const links = new AbortLinks(new AbortController().signal);
    const a = new AbortController();
    const b = new AbortController();
    const linkedA = links.link(a.signal);
    const linkedB = links.link(b.signal);
    a.abort('a');
    expect(linkedA.signal.aborted).toBe(true);
    expect(linkedB.signal.aborted).toBe(false);
    expect(links.sourceCount).toBe(1);
  });
  it('leaves nothing behind for a source it could not listen to, so the next request fails alike', () => {
    const links = new AbortLinks(new AbortController().signal);
    // Not a signal: what passing the controller instead of its signal looks like to the links.
    const notASignal = { aborted: false } as unknown as AbortSignal;
    expect(() => links.link(notASignal)).toThrow(TypeError);
    expect(links.sourceCount).toBe(0);
    expect(() => links.link(notASignal)).toThrow(TypeError);
  });
});
