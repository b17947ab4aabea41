import { NetworkError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, CONNECTION_ID, MATON_API_KEY, PHONE_NUMBER_ID } from './__fixtures__/graph-server.js';
import { createWhatsAppCloud } from './whatsapp-cloud-provider.js';

interface Dispatched {
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/** An undici dispatcher that records what would go out and fails, so no test reaches the internet. */
function offlineDispatcher(seen: Dispatched[]) {
  return {
    dispatch(options: { origin: string | URL; path: string; headers: Record<string, string> }): boolean {
      seen.push({ origin: String(options.origin), path: options.path, headers: options.headers });
      throw Object.assign(new Error('offline test dispatcher'), { code: 'ECONNREFUSED' });
    },
  } as never;
}

describe('default base URLs', () => {
  it('direct calls https://graph.facebook.com/v21.0', async () => {
    const seen: Dispatched[] = [];
    const cloud = createWhatsAppCloud({
      transport: 'direct',
      accessToken: ACCESS_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      retry: false,
      env: {},
      dispatcher: offlineDispatcher(seen),
    });
    const error = await cloud.markRead('wamid.X').catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(seen.map(({ origin, path }) => `${origin}${path}`)).toEqual([
      `https://graph.facebook.com/v21.0/${PHONE_NUMBER_ID}/messages`,
    ]);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(seen[0]?.headers['maton-connection']).toBeUndefined();
  });

  it('maton calls https://gateway.maton.ai/whatsapp-business/v21.0', async () => {
    const seen: Dispatched[] = [];
    const cloud = createWhatsAppCloud({
      transport: 'maton',
      apiKey: MATON_API_KEY,
      connectionId: CONNECTION_ID,
      phoneNumberId: PHONE_NUMBER_ID,
      retry: false,
      env: {},
      dispatcher: offlineDispatcher(seen),
    });
    await cloud.media.get('1037543291543636').catch(() => undefined);
    expect(seen.map(({ origin, path }) => `${origin}${path}`)).toEqual([
      'https://gateway.maton.ai/whatsapp-business/v21.0/1037543291543636',
    ]);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${MATON_API_KEY}`);
    expect(seen[0]?.headers['maton-connection']).toBe(CONNECTION_ID);
  });
});
