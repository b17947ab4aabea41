import {
  createMatonConnections,
  type MatonConnections,
  type MatonConnectionsOptions,
} from '@switchboard/core';

/** Maton's control plane as the WATI reference documents it (the WhatsApp one uses https://ctrl.maton.ai). */
export const WATI_MATON_CONTROL_BASE_URL = 'https://api.maton.ai';

/** Options of {@link watiMatonConnections}: everything of `createMatonConnections` but the key and app. */
export type WatiMatonConnectionsOptions = Omit<MatonConnectionsOptions, 'apiKey' | 'app'>;

/**
 * Lists, creates, reads and deletes your Maton connections to WATI (app `wati`). Each connection is
 * one authorized WATI tenant; pass its id as `connectionId` to `createWati` when you have several.
 *
 * @example
 * ```ts
 * const connections = watiMatonConnections(process.env.MATON_API_KEY!);
 * const [active] = await connections.list({ status: 'ACTIVE' });
 * const pending = await connections.create();
 * console.log('Authorize WATI at', pending.authorizationUrl);
 * const provider = createWati({ transport: 'maton', apiKey: process.env.MATON_API_KEY, connectionId: active?.id });
 * ```
 */
export function watiMatonConnections(
  apiKey: string,
  options: WatiMatonConnectionsOptions = {},
): MatonConnections {
  return createMatonConnections({
    ...options,
    apiKey,
    app: 'wati',
    baseUrl: options.baseUrl ?? WATI_MATON_CONTROL_BASE_URL,
  });
}
