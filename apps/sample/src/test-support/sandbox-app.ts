import type { ProviderId } from '../providers.js';
import { type RunningServer, startServer } from '../server/start-server.js';

/** Fast statuses for tests: each step a few milliseconds after the previous. */
export const FAST_STATUSES = { sent: 5, delivered: 5, read: 5 };

/** Starts the app in sandbox mode on a free port, exactly as `switchboard serve` would with no credentials. */
export function startSandboxApp(
  providerId: ProviderId,
  options: {
    seed?: boolean;
    transport?: 'direct' | 'maton';
    shutdownGraceMs?: number;
    /** Require this access token for the page and `/api/*`. */
    accessToken?: string;
  } = {},
): Promise<RunningServer> {
  return startServer({
    config: {
      mode: 'sandbox',
      providerId,
      transport: options.transport ?? 'direct',
      source: { kind: 'default' },
      reason: 'test',
      ...(options.accessToken === undefined ? {} : { accessToken: options.accessToken }),
    },
    port: 0,
    statusDelaysMs: FAST_STATUSES,
    seed: options.seed ?? false,
    ...(options.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: options.shutdownGraceMs }),
  });
}

/** POSTs JSON to the app and returns status, headers and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** GETs JSON from the app. */
export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
