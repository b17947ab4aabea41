import {
  createMatonConnections,
  type MatonConnections,
  type MatonConnectionsOptions,
} from '@switchboard/maton';

/** Options of {@link watiMatonConnections}: everything of `createMatonConnections` but the key and app. */
export type WatiMatonConnectionsOptions = Omit<MatonConnectionsOptions, 'apiKey' | 'app'>;

/**
 * Lists, creates, reads and deletes your Maton connections to WATI (app `wati`).
 *
 * @deprecated Use the Maton gateway: `createMatonGateway({ apiKey }).connections('wati')` (or
 * `createMatonConnections({ apiKey, app: 'wati' })`) from `@switchboard/maton`. This is a thin wrapper
 * over `createMatonConnections`.
 *
 * @example
 * ```ts
 * import { createMatonGateway } from '@switchboard/maton';
 * const [active] = await createMatonGateway({ apiKey: process.env.MATON_API_KEY! }).connections('wati').list({ status: 'ACTIVE' });
 * ```
 */
export function watiMatonConnections(
  apiKey: string,
  options: WatiMatonConnectionsOptions = {},
): MatonConnections {
  return createMatonConnections({ ...options, apiKey, app: 'wati' });
}
