import { toText } from '../wati-values.js';
import type { WatiEvent } from './map-message.js';

/** The business-scoped ids WATI gives on an event: `bsuid`, `parentBsuid` and `username`. */
export interface WatiUserIds {
  userId?: string;
  parentUserId?: string;
  username?: string;
}

/**
 * `bsuid` (the user's business-scoped user id, e.g. `US.13491208655302741918`), `parentBsuid` and
 * `username` (e.g. `@bob`): always present on WATI's BSUID-first (`_bsuid`) events, where the phone
 * (`waId`) may be missing, and read on any other event that carries them.
 */
export function watiUserIds(event: WatiEvent): WatiUserIds {
  const userId = toText(event.bsuid);
  const parentUserId = toText(event.parentBsuid);
  const username = toText(event.username);
  return {
    ...(userId === undefined ? {} : { userId }),
    ...(parentUserId === undefined ? {} : { parentUserId }),
    ...(username === undefined ? {} : { username }),
  };
}
