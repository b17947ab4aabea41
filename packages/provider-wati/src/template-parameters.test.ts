import type { Template } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { TemplateCache, toWatiParameters } from './template-parameters.js';

const template = (name: string, language: string, parameterNames: string[]): Template => ({
  name,
  language,
  category: 'utility',
  status: 'approved',
  parameterFormat: 'named',
  parameterNames,
  components: [],
  raw: {},
});

describe('TemplateCache', () => {
  it('reuses the list for ttlMs, then fetches it again', async () => {
    let now = 0;
    let fetches = 0;
    const cache = new TemplateCache(
      async () => {
        fetches += 1;
        return [template('order_update', 'en', ['name'])];
      },
      60_000,
      () => now,
    );
    await cache.find('order_update', 'en');
    now = 59_999;
    await cache.find('order_update', 'en');
    expect(fetches).toBe(1);
    now = 60_000;
    await cache.find('order_update', 'en');
    expect(fetches).toBe(2);
  });

  it('refetches for a missing name once, then at most every 30 s while it stays missing', async () => {
    let now = 0;
    let fetches = 0;
    const cache = new TemplateCache(
      async () => {
        fetches += 1;
        return fetches < 4 ? [] : [template('new_offer', 'en', ['name'])];
      },
      5 * 60_000,
      () => now,
    );
    expect(await cache.find('new_offer', 'en')).toBeUndefined();
    expect(fetches).toBe(1);
    now = 1_000;
    expect(await cache.find('new_offer', 'en')).toBeUndefined();
    expect(fetches).toBe(2);
    now = 30_999;
    // A send loop with a misspelt name: no refetch per message.
    for (let send = 0; send < 5; send++) expect(await cache.find('new_offer', 'en')).toBeUndefined();
    expect(fetches).toBe(2);
    now = 31_000;
    expect(await cache.find('new_offer', 'en')).toBeUndefined();
    expect(fetches).toBe(3);
    now = 61_000;
    expect((await cache.find('new_offer', 'en'))?.name).toBe('new_offer');
    expect(fetches).toBe(4);
  });

  it('prefers the template in the requested language, then the same base language', async () => {
    const cache = new TemplateCache(
      async () => [
        template('promo', 'es', ['nombre']),
        template('promo', 'en_US', ['name']),
        template('promo', 'pt_BR', ['nome']),
      ],
      60_000,
    );
    expect((await cache.find('promo', 'pt_BR'))?.parameterNames).toStrictEqual(['nome']);
    expect((await cache.find('promo', 'en'))?.parameterNames).toStrictEqual(['name']);
    expect((await cache.find('promo', 'fr'))?.parameterNames).toStrictEqual(['nombre']);
  });

  it('lets a caller give up without failing the shared fetch', async () => {
    let release: (templates: Template[]) => void = () => {};
    const cache = new TemplateCache(() => new Promise<Template[]>((resolve) => (release = resolve)), 60_000);
    const controller = new AbortController();
    const abandoned = cache.find('promo', 'en', controller.signal);
    const patient = cache.find('promo', 'en');
    controller.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    release([template('promo', 'en', ['name'])]);
    expect((await patient)?.name).toBe('promo');
  });
});

describe('toWatiParameters', () => {
  const source = { template: { name: 'order_update', language: 'en' }, path: 'template.parameters' };
  it('maps named parameters directly and positional ones by the template names', () => {
    expect(toWatiParameters({ b: '2', a: '1' }, undefined, source)).toStrictEqual([
      { name: 'b', value: '2' },
      { name: 'a', value: '1' },
    ]);
    expect(
      toWatiParameters(['Ada', '42'], template('order_update', 'en', ['name', 'ordernumber']), source),
    ).toStrictEqual([
      { name: 'name', value: 'Ada' },
      { name: 'ordernumber', value: '42' },
    ]);
    expect(toWatiParameters(undefined, undefined, source)).toStrictEqual([]);
    expect(toWatiParameters([], undefined, source)).toStrictEqual([]);
  });

  it('refuses positional parameters for a template without parameters', () => {
    expect(() => toWatiParameters(['x'], template('order_update', 'en', []), source)).toThrow(
      'Template "order_update" (en) takes no parameters but 1 positional parameter(s) were given',
    );
  });
});
