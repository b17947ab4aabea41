// Test support (excluded from the build): a loopback WATI server and providers pointed at it.
import { readFileSync } from 'node:fs';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '@switchboard/testing';
import type { RequestHandler } from 'msw';
import type { WatiOptions } from '../wati-options.js';
import { createWati, type WatiProvider } from '../wati-provider.js';

/** A WATI API token as the dashboard shows it (JWT-like, long enough to be redacted). */
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.wati-test-token.c2lnbmF0dXJl';
export const MATON_KEY = 'maton-test-key-0123456789abcdef';
export const CONNECTION_ID = '21fd90f9-5935-43cd-b6c8-bde9d915ca80';
/** The tenant segment of a direct base URL (`https://live-mt-server.wati.io/<tenantId>`). */
export const TENANT = '/123456';
/** Where the Maton gateway serves WATI under a custom base URL. */
export const MATON_PREFIX = '/wati';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A JSON fixture from this folder. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
}

/** Starts a loopback server; unhandled requests fail the test via `assertNoUnhandledRequests`. */
export function startWatiServer(handlers: RequestHandler[] = []): Promise<LoopbackServer> {
  return startLoopbackServer({ handlers });
}

/**
 * A direct-transport provider talking to `server` (no retries, so failures show at once). It reads
 * no environment variables (`env: {}`), whatever the machine running the tests has set.
 */
export function directWati(server: LoopbackServer, options: Partial<WatiOptions> = {}): WatiProvider {
  return createWati({
    transport: 'direct',
    baseUrl: `${server.url}${TENANT}`,
    token: TOKEN,
    retry: false,
    env: {},
    ...options,
  } as WatiOptions);
}

/** A Maton-transport provider talking to `server` as if it were the gateway (no environment either). */
export function matonWati(server: LoopbackServer, options: Partial<WatiOptions> = {}): WatiProvider {
  return createWati({
    transport: 'maton',
    baseUrl: `${server.url}${MATON_PREFIX}`,
    apiKey: MATON_KEY,
    connectionId: CONNECTION_ID,
    retry: false,
    env: {},
    ...options,
  } as WatiOptions);
}

/** The parts of a recorded request every wire assertion compares. */
export function wire(request: RecordedRequest | undefined): {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  authorization: string | null;
  matonConnection: string | null;
} {
  if (request === undefined) throw new Error('the server received no request');
  return {
    method: request.method,
    path: request.path,
    query: Object.fromEntries(request.query),
    contentType: request.contentType,
    authorization: request.headers.get('authorization'),
    matonConnection: request.headers.get('maton-connection'),
  };
}
